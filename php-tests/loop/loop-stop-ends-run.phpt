--TEST--
Loop::stop() from a timer or from a handler makes run() return while a connection is still open; run() can be called again
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;
use beyod\ext\Loop;

[$srv, $port] = start_server('line-echo.php');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$c->on('onConnect', fn () => print("onConnect\n"));
$c->on('onMessage', function ($e) {
    echo "onMessage {$e->message}\n";
    Loop::stop();
});
$c->connect();
Loop::after(0.3, function () {
    echo "timer stops the loop\n";
    Loop::stop();
});
$t = microtime(true);
Loop::run();
$t = microtime(true) - $t;
echo "run() returned after ~0.3 s: ", var_export($t >= 0.25 && $t < 1.5, true), "\n";
var_dump($c->isEstablished);

$c->send('stop from a handler');
run_guarded(3);
echo "run() returned again\n";
var_dump($c->isEstablished);
$c->close();
stop_server($srv);
?>
--EXPECT--
onConnect
timer stops the loop
run() returned after ~0.3 s: true
bool(true)
onMessage stop from a handler
run() returned again
bool(true)
