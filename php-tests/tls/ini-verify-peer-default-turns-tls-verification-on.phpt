--TEST--
beyod_streamclient.verify_peer_default=1 (php.ini): the declared $ssl default verifies (verify_peer, verify_peer_name, no self-signed), and an $ssl array that does not mention verification follows the setting: an untrusted certificate fails, an explicit 'verify_peer' => false still connects
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
beyod_streamclient.verify_peer_default=1
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

echo json_encode((new StreamClient())->ssl), "\n";
$cert = make_cert('localhost');
[$srv, $port] = start_server('tls-line-echo.php', "--cert={$cert['server']}");
foreach (['ssl says nothing' => ['SNI_enabled' => true], 'verify_peer off' => ['verify_peer' => false, 'verify_peer_name' => false]] as $label => $ssl) {
    $c = new StreamClient(['target' => "tls://localhost:$port", 'timeout' => 3, 'ssl' => $ssl]);
    $done = false;
    $c->on('onConnect', function () use (&$done, $label) { echo "$label: onConnect\n"; $done = true; });
    $c->on('onConnectFailed', function ($e) use (&$done, $label) { echo "$label: onConnectFailed\n"; $done = true; });
    $c->connect();
    wait_until(function () use (&$done) { return $done; }, 4, $label);
    $c->close();
}
stop_server($srv);
?>
--EXPECT--
{"enabled":false,"peer_name":null,"verify_peer":true,"verify_peer_name":true,"allow_self_signed":false,"cafile":null,"capath":null,"local_cert":null,"local_pk":null,"passphrase":null,"CN_match":null,"verify_depth":null,"ciphers":null,"capture_peer_cert":null,"capture_peer_cert_chain":null,"SNI_enabled":null,"SNI_server_name":null,"disable_compression":null,"peer_fingerprint":null}
ssl says nothing: onConnectFailed
verify_peer off: onConnect
