--TEST--
TLS with verify_peer + verify_peer_name against the server's CA (cafile): the handshake succeeds for the right name (SNI from the target host) and fails with onConnectFailed for a wrong peer_name
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

function attempt($label, $target, array $ssl)
{
    $c = new StreamClient(['target' => $target, 'parser' => 'LineParser', 'timeout' => 3, 'ssl' => $ssl + ['cafile' => $GLOBALS['cert']['ca']]]);
    $st = new stdClass();
    $st->result = null;
    $c->on('onConnect', fn ($e) => $e->sender->send('verified'));
    $c->on('onMessage', function ($e) use ($st) { $st->result = "message {$e->message}"; });
    $c->on('onConnectFailed', function ($e) use ($st) {
        $st->result = 'onConnectFailed, errstr non-empty: ' . var_export($e->errstr !== '' && $e->errstr !== null, true);
    });
    $c->connect();
    wait_until(fn () => $st->result !== null, 4, $label);
    echo "$label: {$st->result}\n";
    $c->close();
}

attempt('name from target', "tls://localhost:$port", ['verify_peer' => true, 'verify_peer_name' => true]);
echo server_line($srv, 1), "\n";
attempt('explicit peer_name', "tls://127.0.0.1:$port", ['verify_peer' => true, 'verify_peer_name' => true, 'peer_name' => 'localhost']);
echo server_line($srv, 1), "\n";
attempt('wrong peer_name', "tls://127.0.0.1:$port", ['verify_peer' => true, 'verify_peer_name' => true, 'peer_name' => 'db.example.com']);
// (the server's view of this last handshake depends on when the client checks the name: not asserted)
stop_server($srv);
?>
--EXPECT--
name from target: message verified
handshake ok 1
explicit peer_name: message verified
handshake ok 2
wrong peer_name: onConnectFailed, errstr non-empty: true
