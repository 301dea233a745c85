--TEST--
Connecting to a port nobody listens on: onConnectFailed from the loop with an ErrorEvent, code = errno ECONNREFUSED (111), a non-empty errstr; no onConnect, no onClose
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

$c = new StreamClient(['target' => tcp_target(refused_port())]);
$c->on('onConnect', fn () => print("onConnect (must not happen)\n"));
$c->on('onClose', fn () => print("onClose (must not happen)\n"));
$c->on('onConnectFailed', function ($e) use ($c) {
    echo get_class($e), " code={$e->code} errstr non-empty=", var_export(is_string($e->errstr) && $e->errstr !== '', true),
        " sender=", $e->sender === $c ? 'client' : 'other', "\n";
});
var_dump($c->connect() === $c);
echo "connect() returned\n";
run_until_idle(3);
var_dump($c->isClosed(), $c->getId(), StreamClient::$connections);
?>
--EXPECT--
bool(true)
connect() returned
beyod\ext\ErrorEvent code=111 errstr non-empty=true sender=client
bool(true)
NULL
array(0) {
}
