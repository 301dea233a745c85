--TEST--
getSocket() is null unless connected, else a stream resource over the connection's socket; $options by name are applied (defaults SO_KEEPALIVE=1, TCP_NODELAY=1; explicit 0 and SO_SNDBUF)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!extension_loaded('sockets')) die('skip sockets extension needed to read socket options'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('line-echo.php');

function opts(StreamClient $c)
{
    $s = $c->getSocket();
    if (!is_resource($s)) {
        return 'getSocket() gave ' . get_debug_type($s);
    }
    $name = stream_socket_get_name($s, true);
    $sock = socket_import_stream($s);
    return sprintf('peer matches=%s keepalive=%d nodelay=%d sndbuf=%d', var_export($name === $c->peer, true),
        socket_get_option($sock, SOL_SOCKET, SO_KEEPALIVE), socket_get_option($sock, SOL_TCP, TCP_NODELAY),
        socket_get_option($sock, SOL_SOCKET, SO_SNDBUF));
}

$a = new StreamClient(['target' => tcp_target($port)]);
var_dump($a->getSocket());
$a->connect();
wait_until(fn () => $a->isEstablished, 3, 'a');
echo "defaults: ", preg_replace('/ sndbuf=\d+/', '', opts($a)), "\n";

$b = new StreamClient(['target' => tcp_target($port),
    'options' => ['SO_KEEPALIVE' => 0, 'TCP_NODELAY' => 0, 'SO_SNDBUF' => 65536]]);
$b->connect();
wait_until(fn () => $b->isEstablished, 3, 'b');
$o = opts($b);
// Linux doubles the requested SO_SNDBUF; accept the value as set or doubled
echo "explicit: ", preg_replace('/sndbuf=(65536|131072)$/', 'sndbuf=ok', $o), "\n";
$a->close();
var_dump($a->getSocket());
$b->close();
stop_server($srv);
?>
--EXPECT--
NULL
defaults: peer matches=true keepalive=1 nodelay=1
explicit: peer matches=true keepalive=0 nodelay=0 sndbuf=ok
NULL
