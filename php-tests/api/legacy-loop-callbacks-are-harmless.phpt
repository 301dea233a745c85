--TEST--
The original's loop callbacks checkConnectResult(), readBuffer(), baseWrite(), removeEventLooper() and keepalive() stay callable and change nothing
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
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$got = new ArrayObject();
$c->on('onMessage', function ($e) use ($got) { $got[] = $e->message; });
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');
$c->checkConnectResult();
$c->checkConnectResult(null, 2, null);
$c->readBuffer();
$c->baseWrite();
$c->removeEventLooper();
$c->keepalive();
echo "called\n";
var_dump($c->isEstablished, $c->hasEventHandlers('onClose'));
$c->send('still echoed');
wait_until(fn () => count($got) >= 1, 3, 'echo');
var_dump($got[0]);
$c->close();
stop_server($srv);
?>
--EXPECT--
called
bool(true)
bool(false)
string(12) "still echoed"
