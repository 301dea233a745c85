--TEST--
TLS 1.3 client certificates: a server that requires one (PHP, verify_peer + cafile) refuses a client without a certificate only after the client's half of the handshake; the client must still report it as a failed connect (onConnectFailed with an errstr), not as onConnect followed by a close
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
[$srv, $port] = start_server('tls-peer.php', "--cert={$pki['server']}", "--cafile={$pki['ca']}");
$c = new StreamClient(['target' => "tls://localhost:$port", 'parser' => 'LineParser', 'timeout' => 3,
    'ssl' => ['verify_peer' => true, 'verify_peer_name' => true, 'cafile' => $pki['ca']]]);
$st = new stdClass();
$st->events = [];
foreach (['onConnect', 'onConnectFailed', 'onMessage', 'onClose'] as $name) {
    $c->on($name, function ($e) use ($st, $name) {
        $st->events[] = $name . ($name === 'onConnectFailed' ? ' errstr non-empty: ' . var_export((string)$e->errstr !== '', true) : '');
    });
}
$c->connect();
wait_until(fn () => array_intersect($st->events, ['onClose']) || preg_grep('/^onConnectFailed/', $st->events), 4, 'outcome');
run_loop_for(0.2);
echo implode("\n", $st->events), "\n";
echo server_line_ticking($srv, 2), "\n";
stop_server($srv);
?>
--EXPECT--
onConnectFailed errstr non-empty: true
handshake failed 1
