--TEST--
sslv2:// and sslv3:// targets: a warning that names the scheme (those protocol versions no longer exist), then the connection works over modern TLS; isSSL() is true
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

$pki = make_cert('localhost');
[$srv, $port] = start_server('tls-peer.php', "--cert={$pki['server']}");
set_error_handler(function ($no, $str) { echo 'warning: names the scheme: ', var_export(strpos($str, $GLOBALS['scheme'] . '://') !== false, true), "\n"; return true; });

foreach (['sslv2', 'sslv3'] as $scheme) {
    $c = new StreamClient(['target' => "$scheme://127.0.0.1:$port", 'parser' => 'LineParser', 'timeout' => 3]);
    var_dump($c->isSSL());
    $st = new stdClass();
    $st->msg = null;
    $c->on('onConnect', fn ($e) => $e->sender->send("over $scheme"));
    $c->on('onMessage', function ($e) use ($st) { $st->msg = $e->message; });
    $c->on('onConnectFailed', fn ($e) => print("onConnectFailed: {$e->errstr}\n"));
    $c->connect();
    wait_until(fn () => $st->msg !== null, 3, $scheme);
    echo "$scheme: message {$st->msg}\n";
    echo server_line_ticking($srv, 2), "\n";
    $c->close();
    echo server_line_ticking($srv, 2), "\n";
}
stop_server($srv);
?>
--EXPECT--
bool(true)
warning: names the scheme: true
sslv2: message over sslv2
handshake ok 1 client=none
eof 1 feof=true error=none
bool(true)
warning: names the scheme: true
sslv3: message over sslv3
handshake ok 2 client=none
eof 2 feof=true error=none
