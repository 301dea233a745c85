--TEST--
Yii magic getters ($c->id, isClosed, isEstablished, responseAt, connectAt, scheme), isset(), and errors naming the property for unknown reads and read-only writes
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

$c = new StreamClient();
var_dump($c->id, $c->isClosed, $c->isEstablished, $c->responseAt, $c->connectAt, $c->scheme);
var_dump(isset($c->id), isset($c->isClosed), isset($c->nope));

[$srv, $port] = start_server('line-echo.php');
$c->target = tcp_target($port);
$c->parser = 'LineParser';
$st = new stdClass();
$st->msg = false;
$c->on('onConnect', fn ($e) => $e->sender->send('x'));
$c->on('onMessage', function ($e) use ($st) { $st->msg = true; });
$c->connect();
wait_until(fn () => $st->msg, 3, 'echo');
echo "id: ", var_export($c->id === $c->getId() && is_int($c->id), true), "\n";
var_dump($c->isClosed, $c->isEstablished, $c->scheme);
var_dump(is_float($c->responseAt), is_float($c->connectAt), $c->responseAt === $c->getResponseAt(), $c->connectAt === $c->getConnectAt());
var_dump(isset($c->id));

try {
    $x = $c->no_such_prop;
    echo "read: no exception\n";
} catch (Throwable $e) {
    echo "read: ", get_class($e), ", names it: ", var_export(str_contains($e->getMessage(), 'no_such_prop'), true), "\n";
}
try {
    $c->isEstablished = false;
    echo "write read-only: no exception\n";
} catch (Throwable $e) {
    echo "write read-only: ", get_class($e), ", names it: ", var_export(str_contains($e->getMessage(), 'isEstablished'), true), "\n";
}
var_dump($c->isEstablished);
$c->close();
var_dump($c->id, $c->isClosed, $c->isEstablished);
stop_server($srv);
?>
--EXPECTF--
NULL
bool(true)
bool(false)
NULL
NULL
NULL
bool(false)
bool(true)
bool(false)
id: true
bool(false)
bool(true)
string(3) "tcp"
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
read: %s, names it: true
write read-only: %s, names it: true
bool(true)
NULL
bool(true)
bool(false)
