--TEST--
Happy eyeballs: a dual-stack name ($options['resolve'] => ['::1', '127.0.0.1']) whose IPv6 address black-holes connects over IPv4 after the 250 ms attempt delay; with happy_eyeballs false the connect waits on IPv6 until $timeout (code 20)
--DESCRIPTION--
"dual.test" is pinned to ::1 then 127.0.0.1 with $options['resolve'] (no DNS involved). On
127.0.0.1:P a real line echo server listens; on [::1]:P a listener with IPV6_V6ONLY and backlog 0
whose accept queue is filled by a plain connect, so Linux drops further SYNs to it (the same
trick as connect-timeout-gives-code-20.phpt): a connect to [::1]:P stays in SYN_SENT forever.

With the default happy_eyeballs (RFC 8305, 250 ms), ::1 is tried first, 127.0.0.1 250 ms later,
and the IPv4 attempt wins: connected after ~0.25 s (asserted < 0.5 s, well under $timeout = 1),
peer 127.0.0.1:P, and the echo works. With happy_eyeballs => 0.1 the fallback comes after
~0.1 s. With happy_eyeballs => false the addresses are tried one after another, and the first
one never answers: onConnectFailed code 20 (timed out) after $timeout = 1 s.
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php
if (!extension_loaded('sockets')) die('skip sockets extension needed for the blackhole listener');
$s = @socket_create(AF_INET6, SOCK_STREAM, SOL_TCP);
if (!$s || !@socket_bind($s, '::1', 0)) die('skip ::1 not available');
socket_listen($s, 0);
socket_getsockname($s, $a, $port);
$fill = @stream_socket_client("tcp://[::1]:$port", $e, $es, 1);
$probe = @stream_socket_client("tcp://[::1]:$port", $e, $es, 0.3);
if ($probe) die('skip a full accept queue does not blackhole connects here');
?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('line-echo.php');          // 127.0.0.1:P, a real server

// [::1]:P: a listener whose full accept queue drops every new SYN
$hole = socket_create(AF_INET6, SOCK_STREAM, SOL_TCP);
socket_set_option($hole, IPPROTO_IPV6, IPV6_V6ONLY, 1);
if (!socket_bind($hole, '::1', $port)) {
    die("cannot bind [::1]:$port\n");
}
socket_listen($hole, 0);
$fill = stream_socket_client("tcp://[::1]:$port", $errno, $errstr, 1);   // fills the queue
$probe = @stream_socket_client("tcp://[::1]:$port", $errno, $errstr, 0.2);
echo "[::1]:P black-holes: ", var_export($probe === false, true), "\n";

/** Connects to dual.test:P; returns the seconds until onConnect or onConnectFailed. */
function attempt(string $label, $happy, int $port): float
{
    $options = ['resolve' => ['dual.test' => ['::1', '127.0.0.1']]];
    if ($happy !== null) {
        $options['happy_eyeballs'] = $happy;
    }
    $c = new StreamClient(['target' => "tcp://dual.test:$port", 'parser' => 'LineParser',
        'timeout' => 1, 'options' => $options]);
    $st = new stdClass();
    $st->done = false;
    $t0 = microtime(true);
    $c->on('onConnect', function ($e) use ($st, $t0, $port, $label) {
        $st->took = microtime(true) - $t0;
        echo "$label: onConnect, peer is 127.0.0.1:P: ", var_export($e->sender->peer === "127.0.0.1:$port", true), "\n";
        $e->sender->send('hello over ipv4');
    });
    $c->on('onMessage', function ($e) use ($st, $label) {
        echo "$label: onMessage {$e->message}\n";
        $st->done = true;
        $e->sender->close();
    });
    $c->on('onConnectFailed', function ($e) use ($st, $t0, $label) {
        $st->took = microtime(true) - $t0;
        echo "$label: onConnectFailed code={$e->code}\n";
        $st->done = true;
    });
    $c->connect();
    wait_until(fn () => $st->done, 3, $label);
    return $st->took ?? -1.0;
}

$took = attempt('default', null, $port);
echo "default: connected within 0.2..0.5 s: ", var_export($took >= 0.2 && $took < 0.5, true), "\n";
$took = attempt('0.1 s', 0.1, $port);
echo "0.1 s: connected within 0.08..0.3 s: ", var_export($took >= 0.08 && $took < 0.3, true), "\n";
$took = attempt('sequential', false, $port);
echo "sequential: failed after ~1 s: ", var_export($took >= 0.95 && $took < 1.5, true), "\n";
stop_server($srv);
?>
--EXPECT--
[::1]:P black-holes: true
default: onConnect, peer is 127.0.0.1:P: true
default: onMessage hello over ipv4
default: connected within 0.2..0.5 s: true
0.1 s: onConnect, peer is 127.0.0.1:P: true
0.1 s: onMessage hello over ipv4
0.1 s: connected within 0.08..0.3 s: true
sequential: onConnectFailed code=20
sequential: failed after ~1 s: true
