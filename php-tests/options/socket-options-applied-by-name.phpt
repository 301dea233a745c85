--TEST--
$options by name are applied to the socket and read back with getsockopt after connect: SO_KEEPALIVE, TCP_NODELAY, SO_REUSEADDR (on and off, ints and bools), SO_SNDBUF, SO_RCVBUF (as set or doubled by Linux), SO_LINGER as int seconds and as ['l_onoff' => .., 'l_linger' => ..]; null leaves the system default
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!extension_loaded('sockets')) die('skip sockets extension needed to read socket options'); ?>
<?php if (PHP_OS_FAMILY !== 'Linux') die('skip buffer sizes are checked the Linux way (doubled)'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('line-echo.php');
set_error_handler(function ($no, $str) { echo "unexpected warning: $str\n"; return true; });

/** getsockopt of the client's socket, after connect. */
function read_back(array $options): array
{
    global $port;
    $c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser', 'options' => $options]);
    $st = new stdClass();
    $st->echo = null;
    $c->on('onMessage', function ($e) use ($st) { $st->echo = $e->message; });
    $c->connect();
    wait_until(fn () => $c->isEstablished, 3, 'connect');
    $s = $c->getSocket();
    if (!is_resource($s)) {
        return ['getSocket' => get_debug_type($s)];
    }
    $sock = socket_import_stream($s);
    $linger = socket_get_option($sock, SOL_SOCKET, SO_LINGER);
    $r = [
        'keepalive' => socket_get_option($sock, SOL_SOCKET, SO_KEEPALIVE),
        'nodelay' => socket_get_option($sock, SOL_TCP, TCP_NODELAY),
        'reuseaddr' => socket_get_option($sock, SOL_SOCKET, SO_REUSEADDR),
        'sndbuf' => socket_get_option($sock, SOL_SOCKET, SO_SNDBUF),
        'rcvbuf' => socket_get_option($sock, SOL_SOCKET, SO_RCVBUF),
        'linger' => $linger['l_onoff'] ? "on {$linger['l_linger']}s" : 'off',
    ];
    $c->send('still works');
    wait_until(fn () => $st->echo !== null, 3, 'echo');
    $r['echo'] = $st->echo;
    $c->close();
    return $r;
}

function show(string $label, array $r, array $want)
{
    $out = [];
    foreach ($r as $k => $v) {
        if (($k === 'sndbuf' || $k === 'rcvbuf') && isset($want[$k])) {
            // Linux doubles the requested size (bookkeeping overhead)
            $v = ($v === $want[$k] || $v === 2 * $want[$k]) ? "as set" : "$v (asked {$want[$k]})";
        } elseif ($k === 'sndbuf' || $k === 'rcvbuf') {
            continue; // system default: not asserted
        }
        $out[] = "$k=$v";
    }
    echo "$label: ", implode(' ', $out), "\n";
}

show('on, ints, linger 3', read_back(['SO_KEEPALIVE' => 1, 'TCP_NODELAY' => 1, 'SO_REUSEADDR' => 1,
    'SO_SNDBUF' => 65536, 'SO_RCVBUF' => 98304, 'SO_LINGER' => 3]), ['sndbuf' => 65536, 'rcvbuf' => 98304]);
show('off, ints, linger array 7', read_back(['SO_KEEPALIVE' => 0, 'TCP_NODELAY' => 0, 'SO_REUSEADDR' => 0,
    'SO_SNDBUF' => 131072, 'SO_RCVBUF' => 262144, 'SO_LINGER' => ['l_onoff' => 1, 'l_linger' => 7]]), ['sndbuf' => 131072, 'rcvbuf' => 262144]);
show('bools, linger array off', read_back(['SO_KEEPALIVE' => true, 'TCP_NODELAY' => false, 'SO_REUSEADDR' => true,
    'SO_LINGER' => ['l_onoff' => 0, 'l_linger' => 5]]), []);
show('linger 0 (abortive close)', read_back(['SO_LINGER' => 0, 'SO_KEEPALIVE' => null, 'TCP_NODELAY' => null, 'SO_REUSEADDR' => null]), []);
stop_server($srv);
?>
--EXPECT--
on, ints, linger 3: keepalive=1 nodelay=1 reuseaddr=1 sndbuf=as set rcvbuf=as set linger=on 3s echo=still works
off, ints, linger array 7: keepalive=0 nodelay=0 reuseaddr=0 sndbuf=as set rcvbuf=as set linger=on 7s echo=still works
bools, linger array off: keepalive=1 nodelay=0 reuseaddr=1 linger=off echo=still works
linger 0 (abortive close): keepalive=0 nodelay=0 reuseaddr=0 linger=on 0s echo=still works
