--TEST--
TLS peer_fingerprint (without verify_peer): the server certificate's sha256 and sha1 fingerprints, as a string (the digest told by its length) or as an array by digest, let the connection through; a wrong fingerprint gives onConnectFailed whose errstr mentions the fingerprint
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

$pki = make_cert('localhost');
$crt = file_get_contents($pki['server_crt']);
$sha256 = openssl_x509_fingerprint($crt, 'sha256');
$sha1 = openssl_x509_fingerprint($crt, 'sha1');
$other = openssl_x509_fingerprint(file_get_contents(make_cert('other.example')['server_crt']), 'sha256');
[$srv, $port] = start_server('tls-peer.php', "--cert={$pki['server']}");

function attempt(string $label, $fingerprint)
{
    global $port, $srv;
    $c = new StreamClient(['target' => "tls://127.0.0.1:$port", 'parser' => 'LineParser', 'timeout' => 3,
        'ssl' => ['verify_peer' => false, 'verify_peer_name' => false, 'peer_fingerprint' => $fingerprint]]);
    $st = new stdClass();
    $st->result = null;
    $c->on('onConnect', fn ($e) => $e->sender->send('pinned'));
    $c->on('onMessage', function ($e) use ($st) { $st->result = "message {$e->message}"; });
    $c->on('onConnectFailed', function ($e) use ($st) {
        $st->result = 'onConnectFailed, errstr mentions the fingerprint: '
            . var_export(stripos((string)$e->errstr, 'fingerprint') !== false, true);
    });
    $c->connect();
    wait_until(fn () => $st->result !== null, 4, $label);
    echo "$label: {$st->result}\n";
    $c->close();
    $line = server_line_ticking($srv, 2);           // the server's view of the handshake
    echo '  server: ', preg_replace('/^(handshake \w+) \d+.*$/', '$1', (string)$line), "\n";
    if (strncmp((string)$line, 'handshake ok', 12) === 0) {
        server_line_ticking($srv, 2);               // its "eof" line after our close
    }
}

attempt('sha256 string', $sha256);
attempt('sha1 string', $sha1);
attempt('sha256 string, upper case with colons', strtoupper(implode(':', str_split($sha256, 2))));
attempt('array sha256', ['sha256' => $sha256]);
attempt('array sha1', ['sha1' => $sha1]);
attempt('array sha1 + sha256', ['sha1' => $sha1, 'sha256' => $sha256]);
attempt('wrong sha256 string', $other);
attempt('wrong sha1 in array', ['sha1' => str_repeat('ab', 20)]);
attempt('right sha1, wrong sha256', ['sha1' => $sha1, 'sha256' => $other]);
stop_server($srv);
?>
--EXPECT--
sha256 string: message pinned
  server: handshake ok
sha1 string: message pinned
  server: handshake ok
sha256 string, upper case with colons: message pinned
  server: handshake ok
array sha256: message pinned
  server: handshake ok
array sha1: message pinned
  server: handshake ok
array sha1 + sha256: message pinned
  server: handshake ok
wrong sha256 string: onConnectFailed, errstr mentions the fingerprint: true
  server: handshake failed
wrong sha1 in array: onConnectFailed, errstr mentions the fingerprint: true
  server: handshake failed
right sha1, wrong sha256: onConnectFailed, errstr mentions the fingerprint: true
  server: handshake failed
