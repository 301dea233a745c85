--TEST--
TLS with no CA certificate at all (SSL_CERT_FILE and SSL_CERT_DIR point nowhere, no cafile): verify_peer + allow_self_signed accepts a self-signed certificate (its name still checked) and refuses a CA-signed one saying no CA certificate was found, as PHP's OpenSSL does; without allow_self_signed the connect fails saying so
--SKIPIF--
<?php
require __DIR__ . '/../inc/skipif.php';
exec('openssl version 2>/dev/null', $o, $rc); if ($rc) die('skip openssl CLI missing');
?>
--ENV--
SSL_CERT_FILE=/nonexistent/beyod-test-ca.pem
SSL_CERT_DIR=/nonexistent/beyod-test-certs
--INI--
display_startup_errors=0
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

$dir = sys_get_temp_dir() . '/beyod-noca-' . getmypid();
@mkdir($dir);
exec('openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ' . escapeshellarg("$dir/self.key")
    . ' -out ' . escapeshellarg("$dir/self.crt") . ' -days 2 -subj /CN=localhost -addext subjectAltName=DNS:localhost 2>/dev/null', $o, $rc);
$ca = make_cert('localhost');

function attempt(int $port, string $host, bool $allow): string
{
    $c = new StreamClient(['target' => "tls://$host:$port", 'timeout' => 3,
        'ssl' => ['verify_peer' => true, 'verify_peer_name' => true, 'allow_self_signed' => $allow]]);
    $st = new stdClass();
    $st->r = null;
    $c->on('onConnect', function ($e) use ($st) { $st->r = 'connected'; $e->sender->close(); });
    $c->on('onConnectFailed', function ($e) use ($st) {
        $st->r = 'refused: ' . (str_contains($e->errstr, 'no CA certificate was found') ? 'no CA certificate'
            : (str_contains($e->errstr, 'not valid for name') ? 'name' : $e->errstr));
    });
    $c->connect();
    wait_until(fn () => $st->r !== null, 4, "$host $allow");
    return $st->r;
}

[$srv, $port] = start_openssl_server('-cert', "$dir/self.crt", '-key', "$dir/self.key");
foreach ([['localhost', true], ['127.0.0.1', true], ['localhost', false]] as [$host, $allow]) {
    printf("self-signed, %s, allow_self_signed=%s: %s\n", $host, var_export($allow, true), attempt($port, $host, $allow));
}
stop_server($srv);
[$srv, $port] = start_openssl_server('-cert', $ca['server_crt'], '-key', $ca['server']);
printf("CA-signed, localhost, allow_self_signed=true: %s\n", attempt($port, 'localhost', true));
stop_server($srv);
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
self-signed, localhost, allow_self_signed=true: connected
self-signed, 127.0.0.1, allow_self_signed=true: refused: name
self-signed, localhost, allow_self_signed=false: refused: no CA certificate
CA-signed, localhost, allow_self_signed=true: refused: no CA certificate
