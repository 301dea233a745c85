--TEST--
$options['bindto']: "ip:port" fixes the local end ($client->local, the socket's own name, and the address the server sees), also next to other options; $local/$peer are null before connect() and "addr:port" after; "ip:0" lets the system choose the port; "[::1]:port" for an IPv6 target
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

// a server of our own (in this process, accepting without blocking) to see the client's address
$server = stream_socket_server('tcp://127.0.0.1:0');
$sport = (int)substr(strrchr(stream_socket_get_name($server, false), ':'), 1);

/** A client with $options, connected; $before: print $peer and $local before connect(). */
function connect_from(string $target, array $options, bool $before = false): StreamClient
{
    $c = new StreamClient(['target' => $target, 'options' => $options]);
    if ($before) {
        var_dump($c->peer, $c->local);
    }
    $failed = false;
    $c->on('onConnectFailed', function ($e) use (&$failed) {
        echo "onConnectFailed: {$e->errstr}\n";
        $failed = true;
    });
    $c->connect();
    wait_until(fn () => $c->isEstablished || $failed, 3, "connect from {$options['bindto']}");
    return $c;
}

$lport = refused_port();
$c = connect_from("tcp://127.0.0.1:$sport", ['bindto' => "127.0.0.1:$lport", 'TCP_NODELAY' => 1], true);
$accepted = stream_socket_accept($server, 1, $seen);
var_dump($c->local === "127.0.0.1:$lport");
var_dump(stream_socket_get_name($c->getSocket(), false) === "127.0.0.1:$lport");
var_dump($seen === "127.0.0.1:$lport");
var_dump($c->peer === "127.0.0.1:$sport");
$c->close();
fclose($accepted);

$d = connect_from("tcp://127.0.0.1:$sport", ['bindto' => '127.0.0.1:0']);
$accepted = stream_socket_accept($server, 1, $seen);
echo preg_match('/^127\.0\.0\.1:(\d+)$/', (string)$d->local, $m) && $m[1] > 0 ? "system-chosen port\n" : "local: {$d->local}\n";
var_dump($seen === $d->local);
$d->close();
fclose($accepted);
fclose($server);

$v6 = @stream_socket_server('tcp://[::1]:0');
if ($v6) {
    $v6port = (int)substr(strrchr(stream_socket_get_name($v6, false), ':'), 1);
    $lport = refused_port();
    $e = connect_from("tcp://[::1]:$v6port", ['bindto' => "[::1]:$lport"]);
    $accepted = stream_socket_accept($v6, 1, $seen);
    var_dump($e->local === "[::1]:$lport", $seen === "[::1]:$lport");
    $e->close();
    fclose($accepted);
} else {
    echo "bool(true)\nbool(true)\n"; // no IPv6 loopback here
}
?>
--EXPECT--
NULL
NULL
bool(true)
bool(true)
bool(true)
bool(true)
system-chosen port
bool(true)
bool(true)
bool(true)
