--TEST--
connect() returns $this; on an established client it does nothing (no onBeforeConnect, same connection); connect(true) closes first (onClose by 0) then connects anew
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
$c = new StreamClient(['target' => tcp_target($port)]);
$st = new stdClass();
$st->connects = 0;
$c->on('onBeforeConnect', fn () => print("onBeforeConnect\n"));
$c->on('onConnect', function () use ($st) { $st->connects++; echo "onConnect\n"; });
$c->on('onClose', fn ($e) => print("onClose by {$e->by}\n"));
var_dump($c->connect() === $c);
wait_until(fn () => $st->connects === 1, 3, 'connect');
$local = $c->local;

echo "-- connect() again\n";
var_dump($c->connect() === $c);
run_loop_for(0.2);
var_dump($c->local === $local, $st->connects);

echo "-- connect(true)\n";
var_dump($c->connect(true) === $c);
wait_until(fn () => $st->connects === 2, 3, 'renewed');
var_dump($c->local !== $local, $c->isEstablished);
$c->close();
stop_server($srv);
?>
--EXPECT--
onBeforeConnect
bool(true)
onConnect
-- connect() again
bool(true)
bool(true)
int(1)
-- connect(true)
onClose by 0
onBeforeConnect
bool(true)
onConnect
bool(true)
bool(true)
onClose by 0
