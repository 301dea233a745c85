<?php
/**
 * HTTP CONNECT proxy (RFC 9110 §9.3.6) with optional Basic authentication.
 *
 *  --auth=USER:PASS   require "Proxy-Authorization: Basic base64(USER:PASS)"; a request without
 *                     it, or with other credentials, gets "407 Proxy Authentication Required"
 *                     (with a Proxy-Authenticate header) and the connection is closed
 *
 * A method other than CONNECT gets 405; a target that cannot be reached (refused, or a name
 * that does not resolve) gets "502 Bad Gateway"; otherwise "200 Connection established" and
 * the connection becomes a tunnel. Prints one line per request:
 *   "CONNECT <authority> auth=<user|none|bad> -> <status>"
 * Usage: php http-proxy.php [--auth=USER:PASS] [--listen=ADDR]
 */
require __DIR__ . '/proxy-lib.php';
[$opts] = server_args($argv);
$auth = $opts['auth'] ?? null;

function http_reply(ProxyConn $c, string $status, array $headers = []): void
{
    $c->toClient .= "HTTP/1.1 $status\r\n" . implode('', array_map(fn ($h) => "$h\r\n", $headers))
        . "Content-Length: 0\r\n\r\n";
}

(new ProxyServer($opts, function (ProxyConn $c, ProxyServer $srv) use ($auth) {
    $end = strpos($c->inbuf, "\r\n\r\n");
    if ($end === false) {
        if (strlen($c->inbuf) > 16384) {
            http_reply($c, '431 Request Header Fields Too Large');
            $c->closeAfterWrite = true;
        }
        return;
    }
    $head = substr($c->inbuf, 0, $end);
    $c->inbuf = (string)substr($c->inbuf, $end + 4);
    $lines = explode("\r\n", $head);
    $parts = explode(' ', array_shift($lines));
    [$method, $authority] = $parts + [1 => ''];
    $given = null;
    foreach ($lines as $l) {
        if (stripos($l, 'Proxy-Authorization:') === 0) {
            $v = trim(substr($l, 20));
            if (stripos($v, 'Basic ') === 0) {
                $given = (string)base64_decode(trim(substr($v, 6)));
            }
        }
    }
    $who = $given === null ? 'none' : ($given === $auth ? explode(':', $given)[0] : 'bad');
    if ($method !== 'CONNECT') {
        server_say("$method $authority auth=$who -> 405");
        http_reply($c, '405 Method Not Allowed', ['Allow: CONNECT']);
        $c->closeAfterWrite = true;
        return;
    }
    if ($auth !== null && $given !== $auth) {
        server_say("CONNECT $authority auth=$who -> 407");
        http_reply($c, '407 Proxy Authentication Required', ['Proxy-Authenticate: Basic realm="beyod test"']);
        $c->closeAfterWrite = true;
        return;
    }
    if (!preg_match('/^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/', $authority, $m)) {
        server_say("CONNECT $authority auth=$who -> 400");
        http_reply($c, '400 Bad Request');
        $c->closeAfterWrite = true;
        return;
    }
    $err = $srv->openTunnel($c, $m[1] !== '' ? $m[1] : $m[2], (int)$m[3]);
    if ($err !== null) {
        server_say("CONNECT $authority auth=$who -> 502");
        http_reply($c, '502 Bad Gateway');
        $c->closeAfterWrite = true;
        return;
    }
    server_say("CONNECT $authority auth=$who -> 200");
    $c->toClient .= "HTTP/1.1 200 Connection established\r\n\r\n";
}))->run();
