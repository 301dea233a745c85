--TEST--
getConnectAt() is the microtime(true) of the last successful connect, getResponseAt() of the last data arrival; both null before
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
var_dump($c->getConnectAt(), $c->getResponseAt());
$st = new stdClass();
$st->n = 0;
$st->connectSeen = null;
$c->on('onConnect', function ($e) use ($st) { $st->connectSeen = microtime(true); });
$c->on('onMessage', function ($e) use ($st) { $st->n++; $st->msgSeen = microtime(true); });
$t0 = microtime(true);
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');
$t1 = microtime(true);
$ca = $c->getConnectAt();
var_dump(is_float($ca), $ca >= $t0 - 0.001 && $ca <= $st->connectSeen + 0.001, $c->getResponseAt());

usleep(150000);
$c->send('ping');
wait_until(fn () => $st->n === 1, 3, 'echo');
$ra = $c->getResponseAt();
var_dump(is_float($ra), $ra >= $t1 + 0.1 && $ra <= $st->msgSeen + 0.001, $c->getConnectAt() === $ca);

usleep(100000);
$c->send('again');
wait_until(fn () => $st->n === 2, 3, 'echo 2');
var_dump($c->getResponseAt() >= $ra + 0.09);
$c->close();
stop_server($srv);
?>
--EXPECT--
NULL
NULL
bool(true)
bool(true)
NULL
bool(true)
bool(true)
bool(true)
bool(true)
