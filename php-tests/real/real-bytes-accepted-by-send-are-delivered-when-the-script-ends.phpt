--TEST--
A script on the real beyod + Yii stack sends 8 MB to a peer that reads only later, calls close() and ends (its loop never runs again): with the extension every byte arrives (written at request shutdown, bounded by $timeout); the original drops what its socket had not taken
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_real_code(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
require __DIR__ . '/../inc/real-code.php';
// the peer: accepts, waits 0.5 s, then reads to the end (bounded: 15 s) and says what it got
$sink = <<<'PHP'
$l = stream_socket_server('tcp://127.0.0.1:0');
echo parse_url('tcp://' . stream_socket_get_name($l, false), PHP_URL_PORT), "\n";
$c = stream_socket_accept($l, 10);
usleep(500000);
$got = '';
$end = microtime(true) + 15;
while (!feof($c) && microtime(true) < $end) {
    $got .= (string)fread($c, 1 << 20);
}
echo strlen($got), ' ', $got === str_repeat('0123456789abcdef', 8 << 16) ? 'intact' : 'not intact', "\n";
PHP;
foreach (['the extension' => true, 'the original' => false] as $who => $ext) {
    $p = proc_open([PHP_BINARY, '-r', $sink], [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
    $port = (int)fgets($pipes[1]);
    putenv("BEYOD_SINK_PORT=$port");
    echo "== $who:\n", run_child(__DIR__ . '/../scenarios/real/exit-after-close.php', $ext);
    [$n, $intact] = explode(' ', trim((string)fgets($pipes[1])), 2) + [1 => '?'];
    echo "the peer got ", $n === (string)(8 << 20) ? 'all 8 MB' : ((int)$n < (8 << 20) ? 'less than 8 MB' : "$n bytes"), ", $intact\n";
    proc_close($p);
}
?>
--EXPECT--
== the extension:
send(8 MB) returns an int (part written)
close(), then the script ends
the peer got all 8 MB, intact
== the original:
send(8 MB) returns an int (part written)
close(), then the script ends
the peer got less than 8 MB, not intact
