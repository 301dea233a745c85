--TEST--
TLS: close() ends the session with a close_notify alert before the FIN (seen on the wire by a TLS 1.2 server), and the PHP server reads a clean EOF (feof true, no error); a raw FIN without close_notify is told apart by the same server
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!extension_loaded('openssl')) die('skip openssl needed for the test server'); ?>
<?php if (!extension_loaded('sockets')) die('skip sockets needed for the raw control client'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

$pki = make_cert('localhost');
// TLS 1.2 only: an alert record's content type is visible on the wire (TLS 1.3 hides it)
[$srv, $port] = start_server('tls-peer.php', "--cert={$pki['server']}", '--tls=1.2');

$c = new StreamClient(['target' => "tls://127.0.0.1:$port", 'parser' => 'LineParser', 'timeout' => 3]);
$st = new stdClass();
$st->closed = null;
$st->got = null;
$c->on('onConnect', fn ($e) => $e->sender->send('watch'));
$c->on('onMessage', function ($e) use ($st) {
    $st->got = $e->message;
    $e->sender->close();
});
$c->on('onClose', function ($e) use ($st) { $st->closed = $e->by; });
$c->connect();
echo server_line_ticking($srv, 3), "\n";          // handshake ok
wait_until(fn () => $st->closed !== null, 3, 'close');
echo "client got: {$st->got}\n";
echo "onClose by: {$st->closed}\n";
echo server_line_ticking($srv, 3), "\n";          // after watch: what came before the FIN
echo server_line_ticking($srv, 3), "\n";          // eof

// control: a client that drops the TCP connection without close_notify
$sock = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_connect($sock, '127.0.0.1', $port);
$raw = socket_export_stream($sock);
stream_context_set_option($raw, 'ssl', 'verify_peer', false);
stream_context_set_option($raw, 'ssl', 'verify_peer_name', false);
var_dump(stream_socket_enable_crypto($raw, true, STREAM_CRYPTO_METHOD_TLS_CLIENT));
echo server_line($srv, 3), "\n";
fwrite($raw, "watch\n");
echo 'control got: ', fgets($raw);
socket_shutdown($sock, 2);
echo server_line($srv, 3), "\n";
echo server_line($srv, 3), "\n";
stop_server($srv);
?>
--EXPECT--
handshake ok 1 client=none
client got: watching
onClose by: 0
after watch 1: alert
eof 1 feof=true error=none
bool(true)
handshake ok 2 client=none
control got: watching
after watch 2: nothing
eof 2 feof=true error=none
