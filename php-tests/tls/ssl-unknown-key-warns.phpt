--TEST--
An unknown key in $ssl gives a warning naming it (not silence); the connection still works
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!extension_loaded('openssl')) die('skip openssl needed for the test server'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

$cert = make_cert('localhost');
[$srv, $port] = start_server('tls-line-echo.php', "--cert={$cert['server']}");
$c = new StreamClient(['target' => "tls://127.0.0.1:$port", 'parser' => 'LineParser',
    'ssl' => ['verify_peer' => false, 'no_such_tls_option' => 1]]);
$st = new stdClass();
$st->msg = null;
$c->on('onConnect', fn ($e) => $e->sender->send('works'));
$c->on('onMessage', function ($e) use ($st) { $st->msg = $e->message; });
$c->connect();
wait_until(fn () => $st->msg !== null, 3, 'echo');
var_dump($st->msg);
$c->close();
stop_server($srv);
?>
--EXPECTF--
%AWarning: %sno_such_tls_option%s
%Astring(5) "works"
