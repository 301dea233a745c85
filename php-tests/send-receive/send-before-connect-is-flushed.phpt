--TEST--
send() before connect() and while connecting queues (returns the number of bytes queued); the queue is flushed in order once connected and onConnect still fires
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
$c->on('onConnect', function () { echo "onConnect\n"; });
$c->on('onMessage', function ($e) use ($got) { $got[] = $e->message; });
var_dump($c->send('before connect'));      // 15 bytes once encoded
$c->connect();
var_dump($c->send('while connecting'));    // 17 bytes
var_dump($c->send('raw', true));           // 3 bytes, no "\n": completed by the next one
var_dump($c->send(' tail'));
wait_until(fn () => count($got) >= 3, 3, 'echoes');
echo implode("\n", (array)$got), "\n";
// once established and idle, a send is written at once
var_dump($c->send('now'));
wait_until(fn () => count($got) >= 4, 3, 'echo 4');
echo $got[3], "\n";
$c->close();
stop_server($srv);
?>
--EXPECT--
int(15)
int(17)
int(3)
int(6)
onConnect
before connect
while connecting
raw tail
bool(true)
now
