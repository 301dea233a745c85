--TEST--
Static generateId()/unsetId(): generateId() reserves the lowest free id, unsetId() frees it; connections use the same pool
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

$a = StreamClient::generateId();
$b = StreamClient::generateId();
var_dump($a, $b);
StreamClient::unsetId($a);
var_dump(StreamClient::generateId());   // the freed one again
StreamClient::unsetId(1);
StreamClient::unsetId(2);

// a connection takes the lowest free id: 1
[$srv, $port] = start_server('line-echo.php');
$c = new StreamClient(['target' => tcp_target($port)]);
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');
var_dump($c->getId());
// while 1 is used by the connection, generateId() hands out 2
var_dump(StreamClient::generateId());
$c->close();
stop_server($srv);
?>
--EXPECT--
int(1)
int(2)
int(1)
int(1)
int(2)
