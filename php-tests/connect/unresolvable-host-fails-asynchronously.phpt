--TEST--
A host name that does not resolve (RFC 6761 .invalid) fails with onConnectFailed from the loop, errstr naming the host (code: no errno exists for DNS failures; PHP's own stream_socket_client() reports 0), not an exception
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

$c = new StreamClient(['target' => 'tcp://no-such-host.invalid:80', 'timeout' => 3]);
$c->on('onConnectFailed', function ($e) {
    echo "onConnectFailed code is int=", var_export(is_int($e->code), true),
        " errstr names the host=", var_export(str_contains((string)$e->errstr, 'no-such-host.invalid'), true), "\n";
});
$c->connect();
echo "connect() returned\n";
run_until_idle(5);
var_dump($c->isClosed());
?>
--EXPECT--
connect() returned
onConnectFailed code is int=true errstr names the host=true
bool(true)
