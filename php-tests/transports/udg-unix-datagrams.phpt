--TEST--
udg:// (unix datagrams): prepare() then send(); each send() is one datagram at the server
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

$path = unix_path('dgram');
[$srv, $p] = start_server('udp-echo.php', "--listen=udg://$path");
$c = new StreamClient(['target' => "udg://$path"]);
$c->on('onConnectFailed', fn ($e) => print("onConnectFailed {$e->code} {$e->errstr}\n"));
var_dump($c->prepare() === $c, $c->isUDP(), $c->isUnix());
var_dump($c->send('first') !== false, $c->send("second\nwith a newline") !== false);
run_loop_for(0.3);
echo server_line($srv, 2), "\n", server_line($srv, 2), "\n";
stop_server($srv);
?>
--EXPECT--
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
got "first"
got "second\nwith a newline"
