--TEST--
$options['bindto'] chooses the local address and port; $local/$peer report "addr:port"
--SKIPIF--
<?php if (!extension_loaded('beyod_streamclient')) die('skip beyod_streamclient not loaded'); ?>
--INI--
; the documented run command loads the extension twice (TEST_PHP_ARGS and -d): keep the
; "Module already loaded" startup warning out of the test output
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('line-echo.php');
$lport = refused_port();
$c = new StreamClient(['target' => tcp_target($port), 'options' => ['bindto' => "127.0.0.1:$lport", 'TCP_NODELAY' => 1]]);
var_dump($c->peer, $c->local);
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');
var_dump($c->local === "127.0.0.1:$lport", $c->peer === "127.0.0.1:$port");
$c->close();
stop_server($srv);
?>
--EXPECT--
NULL
NULL
bool(true)
bool(true)
