--TEST--
tls:// and ssl:// with the default $ssl (no verification): non-blocking handshake, onConnect after it, lines echoed over TLS
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
foreach (['tls', 'ssl'] as $scheme) {
    $c = new StreamClient(['target' => "$scheme://127.0.0.1:$port", 'parser' => 'LineParser']);
    $st = new stdClass();
    $st->msg = null;
    $c->on('onConnect', function ($e) use ($scheme) {
        echo "$scheme onConnect, isSSL=", var_export($e->sender->isSSL(), true), "\n";
        $e->sender->send("secret over $scheme");
    });
    $c->on('onConnectFailed', function ($e) use ($scheme, $st) {
        echo "$scheme onConnectFailed {$e->code} {$e->errstr}\n";
        $st->msg = false;
    });
    $c->on('onMessage', function ($e) use ($st) { $st->msg = $e->message; });
    $c->connect();
    wait_until(fn () => $st->msg !== null, 3, "$scheme echo");
    var_dump($st->msg);
    echo server_line($srv, 1), "\n";
    $c->close();
}
stop_server($srv);
?>
--EXPECT--
tls onConnect, isSSL=true
string(15) "secret over tls"
handshake ok 1
ssl onConnect, isSSL=true
string(15) "secret over ssl"
handshake ok 2
