--TEST--
php --ri beyod_streamclient / phpinfo(): version, transports, TLS provider "rustls (ring)", live connections and process counters, and the ini settings
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

function info(): string
{
    ob_start();
    (new ReflectionExtension('beyod_streamclient'))->info();
    return ob_get_clean();
}
[$srv, $port] = start_server('line-echo.php');
$c = new StreamClient(['target' => tcp_target($port)]);
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');
$f = new StreamClient(['target' => tcp_target(refused_port())]);
$failed = false;
$f->on('onConnectFailed', function () use (&$failed) { $failed = true; });
$f->connect();
wait_until(function () use (&$failed) { return $failed; }, 3, 'failure');
echo info();
$c->close();
stop_server($srv);
?>
--EXPECTF--
beyod_streamclient

beyod\StreamClient (native) => enabled
version => %d.%d.%d
transports => tcp, unix, udp, udg, ssl, tls
TLS provider => rustls (ring)
reactor => mio (epoll), timers on a timerfd
live connections (this request) => 1
connecting => 0
established => 1
closing => 0
timers => 0
connects_total => 1
connect_failures_total => 1
bytes_in_total => 0
bytes_out_total => 0
messages_in_total => 0
messages_out_total => 0

Directive => Local Value => Master Value
beyod_streamclient.verify_peer_default => 0 => 0
beyod_streamclient.join_event_looper => 1 => 1
beyod_streamclient.batch_writes => 1 => 1
