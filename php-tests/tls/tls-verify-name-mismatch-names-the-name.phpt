--TEST--
TLS with verification on and a certificate issued for another name (other.example, signed by the trusted CA): onConnectFailed whose errstr names the name that was checked (the target's host, or peer_name); with verify_peer_name off the same certificate is accepted
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

$pki = make_cert('other.example');   // subjectAltName DNS:other.example, IP:127.0.0.1
[$srv, $port] = start_server('tls-peer.php', "--cert={$pki['server']}");

function attempt(string $label, string $host, array $ssl, string $name)
{
    global $port, $pki;
    $c = new StreamClient(['target' => "tls://$host:$port", 'parser' => 'LineParser', 'timeout' => 3,
        'ssl' => $ssl + ['verify_peer' => true, 'cafile' => $pki['ca'], 'allow_self_signed' => false]]);
    $st = new stdClass();
    $st->result = null;
    $c->on('onConnect', fn ($e) => $e->sender->send('hi'));
    $c->on('onMessage', function ($e) use ($st) { $st->result = "message {$e->message}"; });
    $c->on('onConnectFailed', function ($e) use ($st, $name) {
        $st->result = "onConnectFailed, errstr names \"$name\": " . var_export(strpos((string)$e->errstr, $name) !== false, true);
    });
    $c->connect();
    wait_until(fn () => $st->result !== null, 4, $label);
    echo "$label: {$st->result}\n";
    $c->close();
    run_loop_for(0.05);
}

attempt('host from the target', 'localhost', ['verify_peer_name' => true], 'localhost');
attempt('peer_name', '127.0.0.1', ['verify_peer_name' => true, 'peer_name' => 'db.internal.example'], 'db.internal.example');
attempt('verify_peer_name off', 'localhost', ['verify_peer_name' => false], 'localhost');
attempt('the right peer_name', '127.0.0.1', ['verify_peer_name' => true, 'peer_name' => 'other.example'], 'other.example');
stop_server($srv);
?>
--EXPECT--
host from the target: onConnectFailed, errstr names "localhost": true
peer_name: onConnectFailed, errstr names "db.internal.example": true
verify_peer_name off: message hi
the right peer_name: message hi
