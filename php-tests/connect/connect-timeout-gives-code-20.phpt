--TEST--
A connect that never completes fails after $timeout seconds with onConnectFailed code 20 (ERROR_TIMEDOUT)
--DESCRIPTION--
How the connect is made to hang without network access: a loopback listener with backlog 0 whose
accept queue is already full (one connection made and never accepted). Linux then drops further
SYNs (tcp_conn_request: sk_acceptq_is_full -> drop, even with syncookies), so the next connect
stays in SYN_SENT and only the client's own timeout ends it. Checked on Linux/gVisor loopback.
The SKIPIF verifies the trick works on this machine before relying on it.
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php
if (!extension_loaded('sockets')) die('skip sockets extension needed for the blackhole listener');
$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_bind($s, '127.0.0.1', 0);
socket_listen($s, 0);
socket_getsockname($s, $a, $port);
$fill = @stream_socket_client("tcp://127.0.0.1:$port", $e, $es, 1);
$probe = @stream_socket_client("tcp://127.0.0.1:$port", $e, $es, 0.3);
if ($probe) die('skip a full accept queue does not blackhole connects here');
?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_bind($s, '127.0.0.1', 0);
socket_listen($s, 0);
socket_getsockname($s, $addr, $port);
$fill = stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 1);   // fills the accept queue

$c = new StreamClient(['target' => tcp_target($port), 'timeout' => 0.5]);
$c->on('onConnect', fn () => print("onConnect (must not happen)\n"));
$c->on('onConnectFailed', function ($e) {
    echo get_class($e), " code={$e->code} is ERROR_TIMEDOUT=", var_export($e->code === \beyod\ext\ErrorEvent::ERROR_TIMEDOUT, true),
        " errstr non-empty=", var_export(is_string($e->errstr) && $e->errstr !== '', true), "\n";
});
$c->connect();
$took = run_until_idle(4);
echo "after ~0.5 s: ", var_export($took >= 0.45 && $took < 2.5, true), "\n";
var_dump($c->isClosed());
?>
--EXPECT--
beyod\ext\ErrorEvent code=20 is ERROR_TIMEDOUT=true errstr non-empty=true
after ~0.5 s: true
bool(true)
