--TEST--
TLS session resumption: a reconnect to the same server resumes the TLS session (TLS 1.2 and TLS 1.3), and so does another client with the same $ssl; the server reports "New" for the first handshake and "Reused" after
--DESCRIPTION--
How resumption is observed: PHP's TLS server cannot tell whether a handshake resumed a session,
but `openssl s_server -www` can: it answers "GET /" with a status page whose line
"New, <version>, Cipher is ..." or "Reused, <version>, Cipher is ..." is OpenSSL's own
SSL_session_reused() for that connection. Each connection sends "GET / HTTP/1.0" and the page
ends with the server closing; reconnect_interval then makes the same client connect again.
(Timings would be a weaker proof: a full handshake on loopback is fast too.)

The extension keeps one TLS client configuration (and so one session cache) per distinct $ssl
array, so the resumption survives the connection and is shared by clients configured alike.
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

/** The "New, ..." / "Reused, ..." line of each page $client gets over $connections connections. */
function pages(StreamClient $client, int $connections): array
{
    $st = new stdClass();
    $st->pages = [];
    $st->n = 0;
    $client->on('onConnect', function ($e) use ($st) {
        $st->pages[++$st->n] = '';
        $e->sender->send("GET / HTTP/1.0\r\n\r\n");
    });
    $client->on('onMessage', function ($e) use ($st) { $st->pages[$st->n] .= $e->message; });
    $client->on('onClose', function ($e) use ($st, $connections) {
        if ($st->n >= $connections) {
            $e->sender->close();       // no more reconnects
            $st->done = true;
        }
    });
    $client->on('onConnectFailed', function ($e) use ($st) {
        echo "onConnectFailed {$e->errstr}\n";
        $st->done = true;
    });
    $st->done = false;
    $client->connect();
    wait_until(fn () => $st->done, 5, 'pages');
    return array_map(function ($page) {
        return preg_match('/^(New|Reused), (TLSv1\.[23]),/m', $page, $m) ? "$m[1] $m[2]" : 'no status line';
    }, $st->pages);
}

foreach (['-tls1_2', '-tls1_3'] as $version) {
    [$srv, $port] = start_openssl_server('-cert', $cert['server'], '-www', $version);
    $ssl = ['verify_peer' => true, 'verify_peer_name' => true, 'cafile' => $cert['ca']];
    $a = new StreamClient(['target' => "tls://localhost:$port", 'reconnect_interval' => 0.05, 'ssl' => $ssl]);
    echo "$version, one client, 3 connections: ", implode(' / ', pages($a, 3)), "\n";
    $b = new StreamClient(['target' => "tls://localhost:$port", 'ssl' => $ssl]);
    echo "$version, another client, same \$ssl: ", implode(' / ', pages($b, 1)), "\n";
    stop_server($srv);
}
?>
--EXPECT--
-tls1_2, one client, 3 connections: New TLSv1.2 / Reused TLSv1.2 / Reused TLSv1.2
-tls1_2, another client, same $ssl: Reused TLSv1.2
-tls1_3, one client, 3 connections: New TLSv1.3 / Reused TLSv1.3 / Reused TLSv1.3
-tls1_3, another client, same $ssl: Reused TLSv1.3
