--TEST--
Against a peer that reads late: send() returns true while written at once, an int once the kernel is full; onBufferDrain fires once when the queue empties; every accepted byte arrives
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

// the sink starts reading 700 ms after accepting
[$srv, $port] = start_server('sink.php', '--delay=700');
$c = new StreamClient(['target' => tcp_target($port)]);
$st = new stdClass();
$st->drains = 0;
$c->on('onBufferDrain', function ($e) use ($st) { $st->drains++; });
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');

$chunk = 262144;
$sent = 0;
$hash = hash_init('md5');
$results = [];
for ($i = 0; $i < 400; $i++) {
    $data = pattern_bytes($chunk, $sent);
    $r = $c->send($data, true);
    if ($r === false) {
        break;
    }
    $sent += $chunk;
    hash_update($hash, $data);
    $results[] = $r === true ? 'true' : (is_int($r) ? 'int' : var_export($r, true));
    if ($r !== true) {
        break;          // queued: the kernel buffers are full
    }
}
$shape = implode(',', $results);
echo "returns: ", preg_match('/^(true,)*int$/', $shape) ? 'true* then int' : $shape, "\n";
var_dump($st->drains);
wait_until(fn () => $st->drains > 0, 4, 'drain');
var_dump($st->drains, $c->bufferIsFull());
run_loop_for(0.3);            // the sink keeps reading: the kernel buffers empty too
var_dump($c->send('tail', true), $st->drains);
$sent += 4;
hash_update($hash, 'tail');
$c->close();
$line = server_line($srv, 4);
echo $line === "conn1 $sent " . hash_final($hash) ? "sink got every byte\n" : "sink: $line, expected $sent bytes\n";
stop_server($srv);
?>
--EXPECT--
returns: true* then int
int(0)
int(1)
bool(false)
bool(true)
int(1)
sink got every byte
