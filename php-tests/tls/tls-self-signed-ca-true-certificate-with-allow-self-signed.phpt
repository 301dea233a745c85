--TEST--
TLS: a self-signed certificate made by `openssl req -x509` (marked CA:TRUE, ECDSA P-256 and RSA) is accepted with verify_peer + allow_self_signed (and its name still checked), refused with "self-signed" without allow_self_signed
--SKIPIF--
<?php
require __DIR__ . '/../inc/skipif.php';
exec('openssl version 2>/dev/null', $o, $rc); if ($rc) die('skip openssl CLI missing');
?>
--INI--
display_startup_errors=0
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

$dir = sys_get_temp_dir() . '/beyod-selfsigned-' . getmypid();
@mkdir($dir);
$kinds = ['ec' => ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'rsa' => ['-newkey', 'rsa:2048']];
foreach ($kinds as $kind => $newkey) {
    $cmd = array_merge(['openssl', 'req', '-x509'], $newkey, ['-nodes', '-keyout', "$dir/$kind.key", '-out', "$dir/$kind.crt",
        '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost']);
    exec(implode(' ', array_map('escapeshellarg', $cmd)) . ' 2>/dev/null', $o, $rc);
    exec("openssl x509 -in $dir/$kind.crt -noout -text", $text);
    echo "$kind: CA:TRUE ", var_export((bool)preg_grep('/CA:TRUE/', $text), true), "\n";
    [$srv, $port] = start_openssl_server('-cert', "$dir/$kind.crt", '-key', "$dir/$kind.key");
    foreach ([['localhost', true], ['localhost', false], ['127.0.0.1', true]] as [$host, $allow]) {
        $c = new StreamClient(['target' => "tls://$host:$port", 'timeout' => 3,
            'ssl' => ['verify_peer' => true, 'verify_peer_name' => true, 'allow_self_signed' => $allow]]);
        $st = new stdClass();
        $st->r = null;
        $c->on('onConnect', function ($e) use ($st) { $st->r = 'connected'; $e->sender->close(); });
        $c->on('onConnectFailed', function ($e) use ($st) {
            $st->r = 'refused: ' . (str_contains($e->errstr, 'self-signed') ? 'self-signed' : (str_contains($e->errstr, 'not valid for name') ? 'name' : $e->errstr));
        });
        $c->connect();
        wait_until(fn () => $st->r !== null, 4, "$kind $host");
        printf("  %s allow_self_signed=%s: %s\n", $host, var_export($allow, true), $st->r);
    }
    stop_server($srv);
}
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
ec: CA:TRUE true
  localhost allow_self_signed=true: connected
  localhost allow_self_signed=false: refused: self-signed
  127.0.0.1 allow_self_signed=true: refused: name
rsa: CA:TRUE true
  localhost allow_self_signed=true: connected
  localhost allow_self_signed=false: refused: self-signed
  127.0.0.1 allow_self_signed=true: refused: name
