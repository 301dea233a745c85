--TEST--
TLS client certificates: a server that requires one (verify_peer + cafile of the CA that signed it) accepts the client's local_cert + local_pk, and also a local_cert file holding certificate and key (as PHP allows); the server sees the client's CN
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
$client = make_client_cert($pki, 'beyod test client');
$both = sys_get_temp_dir() . '/beyod-' . getmypid() . '-client-both.pem';
file_put_contents($both, file_get_contents($client['cert']) . file_get_contents($client['key']));
register_shutdown_function(fn () => @unlink($both));
[$srv, $port] = start_server('tls-peer.php', "--cert={$pki['server']}", "--cafile={$pki['ca']}");

function attempt(string $label, array $ssl)
{
    global $pki, $port, $srv;
    $c = new StreamClient(['target' => "tls://localhost:$port", 'parser' => 'LineParser', 'timeout' => 3,
        'ssl' => $ssl + ['verify_peer' => true, 'verify_peer_name' => true, 'cafile' => $pki['ca']]]);
    $st = new stdClass();
    $st->result = null;
    $c->on('onConnect', fn ($e) => $e->sender->send("hello from $label"));
    $c->on('onMessage', function ($e) use ($st) { $st->result = "onMessage: {$e->message}"; });
    $c->on('onConnectFailed', function ($e) use ($st) { $st->result = "onConnectFailed: {$e->errstr}"; });
    $c->on('onClose', function ($e) use ($st) { $st->result ??= "onClose by {$e->by}"; });
    $c->connect();
    wait_until(fn () => $st->result !== null, 4, $label);
    echo "$label: {$st->result}\n";
    echo server_line_ticking($srv, 2), "\n";
    $c->close();
    echo server_line_ticking($srv, 2), "\n";
}

attempt('local_cert + local_pk', ['local_cert' => $client['cert'], 'local_pk' => $client['key']]);
attempt('local_cert with the key inside', ['local_cert' => $both]);
stop_server($srv);
?>
--EXPECT--
local_cert + local_pk: onMessage: hello from local_cert + local_pk
handshake ok 1 client=beyod test client
eof 1 feof=true error=none
local_cert with the key inside: onMessage: hello from local_cert with the key inside
handshake ok 2 client=beyod test client
eof 2 feof=true error=none
