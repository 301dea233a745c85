--TEST--
close() while still connecting: no onConnect afterwards, the client is closed, and run() returns
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
$c->on('onConnect', fn () => print("onConnect (must not happen)\n"));
$c->on('onConnectFailed', fn () => print("onConnectFailed (must not happen)\n"));
$c->connect();
$c->close();
run_until_idle(2);      // nothing is left to do
var_dump($c->isClosed(), $c->getId(), StreamClient::$connections);
echo "done\n";
stop_server($srv);
?>
--EXPECT--
bool(true)
NULL
array(0) {
}
done
