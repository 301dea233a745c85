--TEST--
A host name (localhost) is resolved (without blocking) and connected; peer is the resolved address
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!in_array('127.0.0.1', gethostbynamel('localhost') ?: [], true)) die('skip localhost does not resolve to 127.0.0.1'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

// listen on both loopbacks when possible, so it does not matter which address localhost gives first
[$srv, $port] = start_server('line-echo.php');
$c = new StreamClient(['target' => "tcp://localhost:$port", 'parser' => 'LineParser']);
$st = new stdClass();
$st->msg = null;
$c->on('onConnect', fn ($e) => $e->sender->send('resolved'));
$c->on('onMessage', function ($e) use ($st) { $st->msg = $e->message; });
$c->connect();
wait_until(fn () => $st->msg !== null, 3, 'echo');
var_dump($st->msg, $c->peer === "127.0.0.1:$port");
$c->close();
stop_server($srv);
?>
--EXPECT--
string(8) "resolved"
bool(true)
