<?php
/**
 * SOCKS5 proxy (RFC 1928, CONNECT only) with optional user/password authentication (RFC 1929).
 *
 *  --auth=USER:PASS   require method 0x02 with these credentials (a client that does not offer
 *                     it gets 0xFF "no acceptable methods"); without it, method 0x00 (no auth)
 *
 * Address types 0x01 (IPv4), 0x03 (domain name, resolved by the proxy) and 0x04 (IPv6).
 * Replies: 0x00 succeeded, 0x01 general failure, 0x04 host unreachable (the name does not
 * resolve), 0x05 connection refused (the target refused), 0x07 command not supported,
 * 0x08 address type not supported. Prints one line per step:
 *   "auth ok <user>" | "auth failed <user>" | "no acceptable method"
 *   "connect <host>:<port> atyp=<ipv4|domain|ipv6> -> <reply code>"
 * Usage: php socks5-proxy.php [--auth=USER:PASS] [--listen=ADDR]
 */
require __DIR__ . '/proxy-lib.php';
[$opts] = server_args($argv);
$auth = isset($opts['auth']) ? explode(':', $opts['auth'], 2) + [1 => ''] : null;

/** A reply to CONNECT: bound address 0.0.0.0:0 (clients ignore it for CONNECT). */
function socks5_reply(int $code): string
{
    return "\x05" . chr($code) . "\x00\x01\x00\x00\x00\x00\x00\x00";
}

(new ProxyServer($opts, function (ProxyConn $c, ProxyServer $srv) use ($auth) {
    $st = &$c->state;
    $st['phase'] ??= 'method';
    while (true) {
        $b = $c->inbuf;
        if ($st['phase'] === 'method') {
            if (strlen($b) < 2 || strlen($b) < 2 + ord($b[1])) {
                return;
            }
            $methods = substr($b, 2, ord($b[1]));
            $c->inbuf = (string)substr($b, 2 + ord($b[1]));
            if ($b[0] !== "\x05") {
                $c->closeAfterWrite = true;
                return;
            }
            $want = $auth ? "\x02" : "\x00";
            if (strpos($methods, $want) === false) {
                server_say('no acceptable method');
                $c->toClient .= "\x05\xFF";
                $c->closeAfterWrite = true;
                return;
            }
            $c->toClient .= "\x05" . $want;
            $st['phase'] = $auth ? 'auth' : 'request';
        } elseif ($st['phase'] === 'auth') {
            if (strlen($b) < 2 || strlen($b) < 3 + ord($b[1])) {
                return;
            }
            $ulen = ord($b[1]);
            $plen = ord($b[2 + $ulen]);
            if (strlen($b) < 3 + $ulen + $plen) {
                return;
            }
            $user = substr($b, 2, $ulen);
            $pass = substr($b, 3 + $ulen, $plen);
            $c->inbuf = (string)substr($b, 3 + $ulen + $plen);
            if ([$user, $pass] !== $auth) {
                server_say("auth failed $user");
                $c->toClient .= "\x01\x01";
                $c->closeAfterWrite = true;
                return;
            }
            server_say("auth ok $user");
            $c->toClient .= "\x01\x00";
            $st['phase'] = 'request';
        } else {
            if (strlen($b) < 5) {
                return;
            }
            $atyp = ord($b[3]);
            switch ($atyp) {
                case 1:
                    $alen = 4;
                    break;
                case 3:
                    $alen = 1 + ord($b[4]);
                    break;
                case 4:
                    $alen = 16;
                    break;
                default:
                    server_say("bad address type $atyp");
                    $c->toClient .= socks5_reply(0x08);
                    $c->closeAfterWrite = true;
                    return;
            }
            if (strlen($b) < 4 + $alen + 2) {
                return;
            }
            $raw = substr($b, 4, $alen);
            $host = $atyp === 1 ? inet_ntop($raw) : ($atyp === 4 ? inet_ntop($raw) : substr($raw, 1));
            $port = unpack('n', substr($b, 4 + $alen, 2))[1];
            $c->inbuf = (string)substr($b, 4 + $alen + 2);
            $type = [1 => 'ipv4', 3 => 'domain', 4 => 'ipv6'][$atyp];
            if ($b[1] !== "\x01") {
                server_say("connect $host:$port atyp=$type -> 7 (command " . ord($b[1]) . ')');
                $c->toClient .= socks5_reply(0x07);
                $c->closeAfterWrite = true;
                return;
            }
            $err = $srv->openTunnel($c, $host, $port);
            $code = 0;
            if ($err !== null) {
                [$errno, $errstr] = $err;
                $code = $errno === 111 || stripos($errstr, 'refused') !== false ? 0x05
                    : ($errno === 0 ? 0x04 : 0x01);
            }
            server_say("connect $host:$port atyp=$type -> $code");
            $c->toClient .= socks5_reply($code);
            if ($code !== 0) {
                $c->closeAfterWrite = true;
            }
            return;
        }
    }
}))->run();
