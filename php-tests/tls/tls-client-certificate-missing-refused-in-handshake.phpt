--TEST--
TLS client certificates: a TLS 1.2 server that requires a client certificate (openssl s_server -Verify) aborts the handshake of a client without one: onConnectFailed with a readable errstr (the target, "handshake"), never onConnect
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!extension_loaded('openssl')) die('skip openssl needed for the test PKI'); ?>
<?php exec('openssl version 2>/dev/null', $o, $rc); if ($rc !== 0) die('skip the openssl command is needed (s_server)'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

$pki = make_cert('localhost');
// TLS 1.2: the server asks for the certificate before its Finished, so it can refuse inside the
// handshake (with TLS 1.3 the client's part of the handshake ends before the server decides)
[$srv, $port] = start_openssl_server('-cert', $pki['server'], '-CAfile', $pki['ca'], '-Verify', '1', '-tls1_2', '-naccept', '1');
$target = "tls://127.0.0.1:$port";
$c = new StreamClient(['target' => $target, 'parser' => 'LineParser', 'timeout' => 3,
    'ssl' => ['verify_peer' => true, 'cafile' => $pki['ca']]]);
$st = new stdClass();
$st->done = false;
$c->on('onConnect', fn () => print("onConnect (must not happen)\n"));
$c->on('onConnectFailed', function ($e) use ($st, $target) {
    $st->done = true;
    echo "onConnectFailed\n";
    echo 'errstr names the target: ', var_export(strpos($e->errstr, $target) !== false, true), "\n";
    echo 'errstr mentions the handshake: ', var_export(stripos($e->errstr, 'handshake') !== false, true), "\n";
    echo "errstr: {$e->errstr}\n";
});
$c->connect();
wait_until(fn () => $st->done, 4, 'refusal');
var_dump($c->isClosed());
stop_server($srv);
?>
--EXPECTF--
onConnectFailed
errstr names the target: true
errstr mentions the handshake: true
errstr: %s
bool(true)
