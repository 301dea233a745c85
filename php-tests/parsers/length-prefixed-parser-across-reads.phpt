--TEST--
A length-prefixed PHP parser: packets of 1 B to 3 MiB assembled across many reads (input() returns 0 until complete), decoded in order, byte-exact
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

class LengthParser
{
    public $calls = 0;
    public function input($buf, $conn)
    {
        $this->calls++;
        if (strlen($buf) < 4) {
            return 0;
        }
        $len = unpack('N', $buf)[1] + 4;
        return strlen($buf) >= $len ? $len : 0;
    }
    public function decode($buf, $conn) { return substr($buf, 4); }
    public function encode($msg, $conn) { return pack('N', strlen($msg)) . $msg; }
}

[$srv, $port] = start_server('raw-echo.php');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LengthParser', 'read_buffer_size' => 16384]);
$sizes = [1, 0, 100000, 3, 3 * 1048576, 17];
$got = new ArrayObject();
$c->on('onMessage', function ($e) use ($got) { $got[] = $e->message; });
$c->connect();
foreach ($sizes as $i => $n) {
    $c->send(pattern_bytes($n, $i));
}
wait_until(fn () => count($got) >= count($sizes), 5, 'all packets');
foreach ($sizes as $i => $n) {
    echo $n, ': ', isset($got[$i]) && $got[$i] === pattern_bytes($n, $i) ? 'ok' : 'MISMATCH', "\n";
}
var_dump(count($got));
$c->close();
stop_server($srv);
?>
--EXPECT--
1: ok
0: ok
100000: ok
3: ok
3145728: ok
17: ok
int(6)
