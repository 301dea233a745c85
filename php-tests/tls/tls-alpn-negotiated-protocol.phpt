--TEST--
$ssl['alpn_protocols'] offers ALPN protocols; getAlpnProtocol() (and getStats()['alpn']) give the one the server chose: 'h2' from a server offering h2,http/1.1; 'http/1.1' from an HTTP/1.1-only server; null without alpn_protocols and before connecting; no overlap: the server's no_application_protocol alert is onConnectFailed
--DESCRIPTION--
The servers are `openssl s_server -alpn <list>` on loopback (OpenSSL picks the first protocol of
its own list that the client offered; with no overlap it aborts the handshake with the fatal
no_application_protocol alert, as RFC 7301 §3.2 requires, so the connect fails and says why).
A comma-separated string is accepted as well as an array.
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!extension_loaded('openssl')) die('skip openssl needed for the test certificate'); ?>
<?php exec('openssl version 2>/dev/null', $o, $rc); if ($rc !== 0) die('skip openssl command not available'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

$cert = make_cert('localhost');

function alpn(string $label, string $serverList, $offer): void
{
    global $cert;
    [$srv, $port] = start_openssl_server('-cert', $cert['server'], '-alpn', $serverList);
    $ssl = ['verify_peer' => true, 'cafile' => $cert['ca']];
    if ($offer !== null) {
        $ssl['alpn_protocols'] = $offer;
    }
    $c = new StreamClient(['target' => "tls://localhost:$port", 'ssl' => $ssl]);
    if ($label === 'h2 preferred') {
        echo "before connecting: ", var_export($c->getAlpnProtocol(), true), "\n";
    }
    $st = new stdClass();
    $st->r = null;
    $c->on('onConnect', function ($e) use ($st) {
        $st->r = var_export($e->sender->getAlpnProtocol(), true) . ' stats: ' . var_export($e->sender->getStats()['alpn'], true);
    });
    $c->on('onConnectFailed', function ($e) use ($st) {
        $st->r = "onConnectFailed, errstr names the alert: "
            . var_export((bool)preg_match('/no_?application_?protocol/i', $e->errstr), true);
    });
    $c->connect();
    wait_until(fn () => $st->r !== null, 4, $label);
    echo "$label: {$st->r}\n";
    $c->close();
    stop_server($srv);
}

alpn('h2 preferred', 'h2,http/1.1', ['h2', 'http/1.1']);
alpn('server has only http/1.1', 'http/1.1', ['h2', 'http/1.1']);
alpn('as a string', 'http/1.1', 'h2,http/1.1');
alpn('no overlap', 'spdy/3', ['h2', 'http/1.1']);
alpn('not offered', 'h2,http/1.1', null);
?>
--EXPECT--
before connecting: NULL
h2 preferred: 'h2' stats: 'h2'
server has only http/1.1: 'http/1.1' stats: 'http/1.1'
as a string: 'http/1.1' stats: 'http/1.1'
no overlap: onConnectFailed, errstr names the alert: true
not offered: NULL stats: NULL
