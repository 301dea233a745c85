--TEST--
A PHP parser's input() gets a window of the receive buffer (4 KiB first, grown ×4 while it answers 0), never losing a packet: small and 300 KB packets pipelined in one stream all arrive intact and in order
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

/** "N:" + N bytes: input() needs the whole packet before it answers. */
class SizedParser
{
    public static $largestInput = 0;
    public function input($buffer, $c)
    {
        self::$largestInput = max(self::$largestInput, strlen($buffer));
        $colon = strpos($buffer, ':');
        if ($colon === false) return 0;
        $n = (int)substr($buffer, 0, $colon);
        return strlen($buffer) >= $colon + 1 + $n ? $colon + 1 + $n : 0;
    }
    public function decode($buffer, $c) { return substr($buffer, strpos($buffer, ':') + 1); }
    public function encode($m, $c) { return strlen($m) . ':' . $m; }
}

$srv = stream_socket_server('tcp://127.0.0.1:0');
$port = parse_url('tcp://' . stream_socket_get_name($srv, false), PHP_URL_PORT);
$c = new StreamClient(['target' => "tcp://127.0.0.1:$port", 'parser' => 'SizedParser']);
$got = new ArrayObject();
$c->on('onMessage', function ($e) use ($got) { $got[] = $e->message; });
$c->connect();
$conn = null;
for ($i = 0; $i < 300 && !$conn; $i++) { beyod\ext\Loop::tick(0.01); $conn = @stream_socket_accept($srv, 0); }

$sent = [];
$stream = '';
for ($i = 0; $i < 2000; $i++) {
    $m = $i % 500 === 7 ? str_repeat(chr(65 + $i % 26), 300000) : "small $i";
    $sent[] = $m;
    $stream .= strlen($m) . ':' . $m;
}
stream_set_blocking($conn, false);
for ($off = 0, $t = microtime(true); count($got) < count($sent) && microtime(true) - $t < 10;) {
    if ($off < strlen($stream)) {
        $w = @fwrite($conn, substr($stream, $off, 65536));
        if ($w) $off += $w;
    }
    beyod\ext\Loop::tick(0.001);
}
echo count($got), " of ", count($sent), " messages, identical: ", var_export((array)$got === $sent, true), "\n";
echo "input() saw at most the packet (not the whole stream): ", var_export(SizedParser::$largestInput < 2 * 300000 + 4096 * 4, true), "\n";
$c->close();
fclose($conn);
?>
--EXPECT--
2000 of 2000 messages, identical: true
input() saw at most the packet (not the whole stream): true
