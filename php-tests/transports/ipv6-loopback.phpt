--TEST--
IPv6 target tcp://[::1]:port connects; peer/local are IPv6 addresses
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php $s = @stream_socket_server('tcp://[::1]:0'); if (!$s) die('skip ::1 not available'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('line-echo.php', '--listen=tcp://[::1]:0');
$c = new StreamClient(['target' => "tcp://[::1]:$port", 'parser' => 'LineParser']);
$st = new stdClass();
$st->msg = null;
$c->on('onConnect', fn ($e) => $e->sender->send('over ipv6'));
$c->on('onMessage', function ($e) use ($st) { $st->msg = $e->message; });
$c->connect();
wait_until(fn () => $st->msg !== null, 3, 'echo');
var_dump($st->msg);
echo "peer: ", var_export(in_array($c->peer, ["[::1]:$port", "::1:$port"], true), true), "\n";
echo "local: ", var_export((bool)preg_match('/^\[?::1\]?:\d+$/', (string)$c->local), true), "\n";
$c->close();
stop_server($srv);
?>
--EXPECT--
string(9) "over ipv6"
peer: true
local: true
