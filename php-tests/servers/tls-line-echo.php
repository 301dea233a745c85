<?php
/**
 * TLS line echo: like line-echo.php, over TLS. --cert=PEM is a file holding the certificate and
 * its private key (inc/helpers.php make_cert()). The handshake is done blocking right after accept
 * (fine for a test server with one client at a time); a failed handshake closes the connection and
 * prints "handshake failed <k>".
 * Usage: php tls-line-echo.php --cert=PEM [--listen=ADDR]
 */
require __DIR__ . '/lib.php';
[$opts] = server_args($argv);
$cert = $opts['cert'] ?? '';
(new LoopServer($opts, [
    'accept' => function (ServerConn $c, LoopServer $srv) use ($cert) {
        stream_set_blocking($c->sock, true);
        stream_set_timeout($c->sock, 3);
        stream_context_set_option($c->sock, 'ssl', 'local_cert', $cert);
        stream_context_set_option($c->sock, 'ssl', 'verify_peer', false);
        $ok = @stream_socket_enable_crypto($c->sock, true, STREAM_CRYPTO_METHOD_TLS_SERVER);
        if ($ok !== true) {
            server_say("handshake failed {$c->id}");
            $srv->close($c);
            return;
        }
        stream_set_blocking($c->sock, false);
        server_say("handshake ok {$c->id}");
    },
    'data' => function (ServerConn $c, string $d) {
        $c->inbuf .= $d;
        while (($p = strpos($c->inbuf, "\n")) !== false) {
            $c->write(substr($c->inbuf, 0, $p + 1));
            $c->inbuf = (string)substr($c->inbuf, $p + 1);
        }
    },
]))->run();
