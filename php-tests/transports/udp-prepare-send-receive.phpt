--TEST--
udp://: prepare() then send(); each datagram received is one onMessage; close() on UDP only warns
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('udp-echo.php');
$c = new StreamClient(['target' => "udp://127.0.0.1:$port"]);
$got = new ArrayObject();
$c->on('onMessage', function ($e) use ($got) { $got[] = $e->message; });
$c->on('onConnectFailed', fn ($e) => print("onConnectFailed {$e->code} {$e->errstr}\n"));
var_dump($c->prepare() === $c, $c->isUDP());
// sent right away: true when written at once, an int when queued until the socket is ready
var_dump($c->send('one') !== false, $c->send('two') !== false, $c->send("three\nlines\n") !== false);
wait_until(fn () => count($got) >= 3, 3, 'three datagrams');
$msgs = (array)$got;
sort($msgs);   // datagrams may be reordered in theory; each one stays whole
var_dump($msgs);
$c->close();
echo "after close\n";
stop_server($srv);
?>
--EXPECTF--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
array(3) {
  [0]=>
  string(8) "echo:one"
  [1]=>
  string(17) "echo:three
lines
"
  [2]=>
  string(8) "echo:two"
}

Warning: %s in %s on line %d
after close
