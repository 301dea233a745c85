--TEST--
tls:// through a SOCKS5 and through an HTTP CONNECT proxy: the TLS handshake runs inside the tunnel, end to end with the target (verify_peer + cafile, the name checked is the target's, not the proxy's)
--DESCRIPTION--
The target is tls://localhost:P, served by servers/tls-line-echo.php with a certificate for
"localhost" signed by a test CA (make_cert()). The proxies only relay bytes, so a verified
handshake and a working echo prove TLS is spoken with the target through the tunnel. A wrong
expected name (peer_name) still fails verification through the tunnel.
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
[$tls, $port] = start_server('tls-line-echo.php', "--cert={$cert['server']}");
[$socks, $socksPort] = start_server('socks5-proxy.php', '--auth=bob:pw');
[$http, $httpPort] = start_server('http-proxy.php');

function tls_through(string $label, string $proxy, array $ssl = []): void
{
    global $port, $cert;
    $c = new StreamClient(['target' => "tls://localhost:$port", 'parser' => 'LineParser', 'timeout' => 3,
        'options' => ['proxy' => $proxy],
        'ssl' => $ssl + ['verify_peer' => true, 'verify_peer_name' => true, 'allow_self_signed' => false,
            'cafile' => $cert['ca']]]);
    $st = new stdClass();
    $st->r = null;
    $c->on('onConnect', fn ($e) => $e->sender->send('secret through the tunnel'));
    $c->on('onMessage', function ($e) use ($st) { $st->r = "echo: {$e->message}"; });
    $c->on('onConnectFailed', function ($e) use ($st) {
        $st->r = "onConnectFailed, names the expected name: " . var_export(strpos($e->errstr, 'wrong.example') !== false, true);
    });
    $c->connect();
    wait_until(fn () => $st->r !== null, 4, $label);
    echo "$label: {$st->r}\n";
    $c->close();
}

tls_through('socks5', "socks5://bob:pw@127.0.0.1:$socksPort");
tls_through('http', "http://127.0.0.1:$httpPort");
tls_through('http, wrong peer_name', "http://127.0.0.1:$httpPort", ['peer_name' => 'wrong.example']);
echo str_replace((string)$port, 'T', stop_server($socks));
echo str_replace((string)$port, 'T', stop_server($http));
$log = stop_server($tls);
echo "TLS server: ", substr_count($log, 'handshake ok'), " handshakes ok\n";
?>
--EXPECT--
socks5: echo: secret through the tunnel
http: echo: secret through the tunnel
http, wrong peer_name: onConnectFailed, names the expected name: true
auth ok bob
connect localhost:T atyp=domain -> 0
CONNECT localhost:T auth=none -> 200
CONNECT localhost:T auth=none -> 200
TLS server: 2 handshakes ok
