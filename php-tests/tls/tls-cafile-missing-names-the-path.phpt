--TEST--
TLS with verify_peer and a cafile (or capath) that does not exist: onConnectFailed (from the loop, after onBeforeConnect) whose errstr names the path; no onConnect, and the client is closed
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
$missing = sys_get_temp_dir() . '/beyod-' . getmypid() . '-no-such-dir/ca-bundle.pem';

foreach (['cafile' => $missing, 'capath' => dirname($missing)] as $key => $path) {
    $c = new StreamClient(['target' => "tls://localhost:$port", 'parser' => 'LineParser', 'timeout' => 3,
        'ssl' => ['verify_peer' => true, 'verify_peer_name' => true, $key => $path]]);
    $st = new stdClass();
    $st->result = null;
    $c->on('onBeforeConnect', fn () => print("$key: onBeforeConnect\n"));
    $c->on('onConnect', function () use ($st) { $st->result = 'onConnect (must not happen)'; });
    $c->on('onConnectFailed', function ($e) use ($st, $path) {
        $st->result = 'onConnectFailed, errstr names the path: ' . var_export(strpos((string)$e->errstr, $path) !== false, true);
    });
    $c->connect();
    echo "$key: connect() returned\n";
    wait_until(fn () => $st->result !== null, 3, $key);
    echo "$key: {$st->result}\n";
    var_dump($c->isClosed());
}
stop_server($srv);
?>
--EXPECT--
cafile: onBeforeConnect
cafile: connect() returned
cafile: onConnectFailed, errstr names the path: true
bool(true)
capath: onBeforeConnect
capath: connect() returned
capath: onConnectFailed, errstr names the path: true
bool(true)
