--TEST--
TLS with verify_peer true and no cafile: the server's certificate (from a private test CA) is not trusted: onConnectFailed, never onConnect; the original's misspelt key verify_perr is honoured as verify_peer
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
foreach (['verify_peer' => ['verify_peer' => true, 'allow_self_signed' => false],
          'verify_perr (sic)' => ['verify_perr' => true, 'allow_self_signed' => false]] as $label => $ssl) {
    $c = new StreamClient(['target' => "tls://localhost:$port", 'timeout' => 3, 'ssl' => $ssl]);
    $st = new stdClass();
    $st->done = false;
    $c->on('onConnect', function () use ($st, $label) { echo "$label: onConnect (must not happen)\n"; $st->done = true; });
    $c->on('onConnectFailed', function ($e) use ($st, $label) { echo "$label: onConnectFailed\n"; $st->done = true; });
    $c->connect();
    wait_until(fn () => $st->done, 4, $label);
    echo server_line($srv, 1), "\n";
    $c->close();
}
stop_server($srv);
?>
--EXPECT--
verify_peer: onConnectFailed
handshake failed 1
verify_perr (sic): onConnectFailed
handshake failed 2
