--TEST--
Two clients with the same target get one socket each (the original's persistent sockets made them share one): different local ports, independent streams, closing one leaves the other working
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('line-echo.php');
$got = ['a' => new ArrayObject(), 'b' => new ArrayObject()];
$mk = function ($name) use ($port, $got) {
    $c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
    $c->on('onMessage', function ($e) use ($got, $name) { $got[$name][] = $e->message; });
    $c->connect();
    return $c;
};
$a = $mk('a');
$b = $mk('b');
wait_until(fn () => $a->isEstablished && $b->isEstablished, 3, 'both');
var_dump($a->local !== $b->local);
$a->send('for a');
$b->send('for b');
wait_until(fn () => count($got['a']) && count($got['b']), 3, 'echoes');
var_dump((array)$got['a'], (array)$got['b']);
$a->close();
$b->send('b still works');
wait_until(fn () => count($got['b']) >= 2, 3, 'b again');
echo $got['b'][1], "\n";
$b->close();
stop_server($srv);
?>
--EXPECT--
bool(true)
array(1) {
  [0]=>
  string(5) "for a"
}
array(1) {
  [0]=>
  string(5) "for b"
}
b still works
