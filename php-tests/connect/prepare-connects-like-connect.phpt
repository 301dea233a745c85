--TEST--
prepare() is connect() (kept for the word's sake): returns $this and connects
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
$st = new stdClass();
$st->msg = null;
$c->on('onConnect', fn ($e) => $e->sender->send('prepared'));
$c->on('onMessage', function ($e) use ($st) { $st->msg = $e->message; });
var_dump($c->prepare() === $c);
wait_until(fn () => $st->msg !== null, 3, 'echo');
var_dump($st->msg);
$c->close();
stop_server($srv);
?>
--EXPECT--
bool(true)
string(8) "prepared"
