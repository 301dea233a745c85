<?php
/**
 * TLS with verification on: an expired certificate, a wrong host name, an unknown CA and a
 * self-signed certificate are each refused (onConnectFailed with a reason naming the problem);
 * the valid one is accepted (control). Certificates are made with PHP's openssl functions.
 */
require __DIR__ . '/lib.php';

use beyod\StreamClient;

rel_bound(100);

function tls_try(string $cert, array $ssl, string $host = '127.0.0.1'): array
{
    [$srv, $port] = start_server('tls-line-echo.php', "--cert=$cert");
    $res = null;
    $c = new StreamClient(['target' => "ssl://$host:$port", 'parser' => LineParser::class, 'timeout' => 5,
        'ssl' => $ssl + ['verify_peer' => true, 'verify_peer_name' => true, 'allow_self_signed' => false]]);
    $c->on('onConnect', function () use (&$res) { $res = ['connected']; });
    $c->on('onConnectFailed', function ($e) use (&$res) { $res = ['failed', $e->code, $e->errstr]; });
    $c->connect();
    wait_until(function () use (&$res) { return $res !== null; }, 8.0, 'tls verdict');
    $c->close();
    stop_server($srv);
    return $res ?? ['timeout'];
}

$dir = sys_get_temp_dir() . '/rel-pki-' . getmypid();
@mkdir($dir);
exec('bash ' . escapeshellarg(__DIR__ . '/mkcerts.sh') . ' ' . escapeshellarg($dir) . ' 2>&1', $out, $rc);
if (!check($rc === 0 && is_file("$dir/self.pem"), 'test PKI made with the openssl CLI (two CAs, valid/expired/foreign/self-signed leaves)')) {
    echo '# ', implode("\n# ", $out), "\n";
    rel_done();
}
$v = ['cafile' => "$dir/ca1.pem", 'peer_name' => 'localhost'];
$r = tls_try("$dir/good.pem", $v);
check($r[0] === 'connected', 'control: a certificate for "localhost" signed by the given CA is accepted (' . json_encode($r) . ')');
$r = tls_try("$dir/expired.pem", $v);
check($r[0] === 'failed' && preg_match('/expired|not valid|validity/i', $r[2]), 'an expired certificate (valid 2020-01-01..02) is refused with a clear reason: ' . json_encode($r[2] ?? $r));
$r = tls_try("$dir/good.pem", ['peer_name' => 'wrong.example'] + $v);
check($r[0] === 'failed' && str_contains($r[2], 'wrong.example'), 'a wrong host name is refused, naming the name: ' . json_encode($r[2] ?? $r));
$r = tls_try("$dir/unknown.pem", $v);
check($r[0] === 'failed' && preg_match('/unknown issuer|issuer|untrusted/i', $r[2]), 'a certificate from an unknown CA is refused: ' . json_encode($r[2] ?? $r));
$r = tls_try("$dir/self.pem", ['peer_name' => 'localhost']);
check_known($r[0] === 'failed' && preg_match('/self.signed|unknown issuer|issuer|untrusted/i', $r[2]), 'tls-self-signed-ecdsa-checked-as-rsa', 'a self-signed certificate is refused (allow_self_signed off): ' . json_encode($r[2] ?? $r));
$r0 = $r;
$r = tls_try("$dir/self.pem", ['peer_name' => 'localhost', 'allow_self_signed' => true]);
check($r0[0] === 'failed', 'a self-signed certificate is refused with verification on (whatever the reason)');
check_known($r[0] === 'connected', 'tls-self-signed-ecdsa-checked-as-rsa', 'the same self-signed certificate with allow_self_signed = true is accepted (control: ' . json_encode($r) . ')');
exec('rm -rf ' . escapeshellarg($dir));
rel_done();
