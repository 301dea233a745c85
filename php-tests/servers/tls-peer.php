<?php
/**
 * TLS peer: a TLS line echo that can also require a client certificate and report how each
 * client closed.
 *
 *  --cert=PEM     certificate + key of the server (inc/helpers.php make_cert()['server'])
 *  --cafile=PEM   require a client certificate signed by this CA (PHP's verify_peer on the
 *                 server side); the handshake result is printed per connection:
 *                 "handshake ok <k> client=<CN of the client certificate, or none>" or
 *                 "handshake failed <k>"
 *  --tls=1.2      offer TLS 1.2 only (default: whatever PHP offers, TLS 1.3 with this OpenSSL)
 *
 * Every line a client sends is echoed back, except the line "watch": the server answers
 * "watching\n" and stops reading the TLS stream, then looks at the raw bytes the client sends
 * afterwards (MSG_PEEK on the socket, so OpenSSL still gets them) until they stop growing
 * (300 ms), prints "after watch <k>: <record types>" (TLS record content types of what came
 * before the FIN: "alert" = an alert such as close_notify, "application_data", "handshake";
 * "nothing" when the client just closed the TCP connection), then reads the TLS stream on and,
 * at the end, prints "eof <k> feof=<bool> error=<last PHP error of the read, or none>".
 * With TLS 1.2 the record type of an alert is visible on the wire, so "alert" proves the
 * client sent close_notify before closing.
 * Usage: php tls-peer.php --cert=PEM [--cafile=CA] [--tls=1.2] [--listen=ADDR]
 */
require __DIR__ . '/lib.php';
[$opts] = server_args($argv);
$cert = $opts['cert'] ?? '';
$cafile = $opts['cafile'] ?? '';
$method = ($opts['tls'] ?? '') === '1.2' ? STREAM_CRYPTO_METHOD_TLSv1_2_SERVER : STREAM_CRYPTO_METHOD_TLS_SERVER;

/** Content types of the TLS records in $raw. */
function record_types(string $raw): string
{
    $names = [20 => 'change_cipher_spec', 21 => 'alert', 22 => 'handshake', 23 => 'application_data'];
    $out = [];
    $pos = 0;
    while ($pos + 5 <= strlen($raw)) {
        $type = ord($raw[$pos]);
        $len = unpack('n', substr($raw, $pos + 3, 2))[1];
        $out[] = $names[$type] ?? "type$type";
        $pos += 5 + $len;
    }
    if ($pos !== strlen($raw)) {
        $out[] = 'partial';
    }
    return $out ? implode(',', $out) : 'nothing';
}

$srv = null;
$watch = function (ServerConn $c, string $seen, float $stableSince) use (&$watch, &$srv) {
    $r = [$c->sock];
    $w = $e = [];
    $peek = '';
    if (@stream_select($r, $w, $e, 0, 0)) {
        $peek = (string)@stream_socket_recvfrom($c->sock, 65536, STREAM_PEEK);
    }
    $now = microtime(true);
    if ($peek !== $seen) {
        $srv->after(0.02, fn () => $watch($c, $peek, $now));
        return;
    }
    if ($now - $stableSince < 0.3) {
        $srv->after(0.02, fn () => $watch($c, $seen, $stableSince));
        return;
    }
    server_say("after watch {$c->id}: " . record_types($seen));
    $c->state['watched'] = true;
    $c->reading = true;
    error_clear_last();
};

$srv = new LoopServer($opts, [
    'accept' => function (ServerConn $c, LoopServer $srv) use ($cert, $cafile, $method) {
        stream_set_blocking($c->sock, true);
        stream_set_timeout($c->sock, 3);
        stream_context_set_option($c->sock, 'ssl', 'local_cert', $cert);
        if ($cafile !== '') {
            stream_context_set_option($c->sock, 'ssl', 'verify_peer', true);
            stream_context_set_option($c->sock, 'ssl', 'verify_peer_name', false);
            stream_context_set_option($c->sock, 'ssl', 'cafile', $cafile);
            stream_context_set_option($c->sock, 'ssl', 'capture_peer_cert', true);
            // accepted sockets share the listener's context: forget the previous client's certificate
            stream_context_set_option($c->sock, 'ssl', 'peer_certificate', null);
        } else {
            stream_context_set_option($c->sock, 'ssl', 'verify_peer', false);
        }
        $ok = @stream_socket_enable_crypto($c->sock, true, $method);
        if ($ok !== true) {
            server_say("handshake failed {$c->id}");
            $srv->close($c);
            return;
        }
        stream_set_blocking($c->sock, false);
        $client = 'none';
        $peer = stream_context_get_options($c->sock)['ssl']['peer_certificate'] ?? null;
        if ($peer) {
            $client = openssl_x509_parse($peer)['subject']['CN'] ?? '?';
        }
        server_say("handshake ok {$c->id} client=$client");
        error_clear_last();
    },
    'data' => function (ServerConn $c, string $d, LoopServer $srv) use (&$watch) {
        $c->inbuf .= $d;
        while (($p = strpos($c->inbuf, "\n")) !== false) {
            $line = substr($c->inbuf, 0, $p + 1);
            $c->inbuf = (string)substr($c->inbuf, $p + 1);
            if ($line === "watch\n" && empty($c->state['watched'])) {
                $c->write("watching\n");
                $c->reading = false;
                $srv->after(0.02, fn () => $watch($c, '', microtime(true)));
                return;
            }
            $c->write($line);
        }
        error_clear_last();
    },
    'eof' => function (ServerConn $c) {
        $err = error_get_last();
        server_say("eof {$c->id} feof=" . var_export(feof($c->sock), true) . ' error=' . ($err ? $err['message'] : 'none'));
    },
]);
$srv->run();
