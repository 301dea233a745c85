--TEST--
$options TCP_KEEPIDLE / TCP_KEEPINTVL / TCP_KEEPCNT are applied to the socket (read back with getsockopt through getSocket()); without them the system defaults stay; a value below 1 is a warning naming the option
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!extension_loaded('sockets')) die('skip sockets extension needed to read socket options'); ?>
<?php if (!defined('TCP_KEEPIDLE') || !defined('TCP_KEEPINTVL') || !defined('TCP_KEEPCNT')) die('skip TCP_KEEP* constants not available'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('line-echo.php');

function keepalive(array $options): array
{
    $c = new StreamClient(['target' => tcp_target($GLOBALS['port']), 'options' => $options]);
    $c->connect();
    wait_until(fn () => $c->isEstablished, 3, 'connect');
    $s = socket_import_stream($c->getSocket());
    $r = [
        'SO_KEEPALIVE' => socket_get_option($s, SOL_SOCKET, SO_KEEPALIVE),
        'TCP_KEEPIDLE' => socket_get_option($s, SOL_TCP, TCP_KEEPIDLE),
        'TCP_KEEPINTVL' => socket_get_option($s, SOL_TCP, TCP_KEEPINTVL),
        'TCP_KEEPCNT' => socket_get_option($s, SOL_TCP, TCP_KEEPCNT),
    ];
    $c->close();
    return $r;
}

// the defaults of a fresh socket on this machine, for comparison
$raw = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
$defaults = [socket_get_option($raw, SOL_TCP, TCP_KEEPIDLE), socket_get_option($raw, SOL_TCP, TCP_KEEPINTVL),
    socket_get_option($raw, SOL_TCP, TCP_KEEPCNT)];

// SO_KEEPALIVE is not in these arrays: tuning keepalive turns it on
echo "tuned: ", json_encode(keepalive(['TCP_KEEPIDLE' => 7, 'TCP_KEEPINTVL' => 3, 'TCP_KEEPCNT' => 4])), "\n";
echo "float seconds: ", json_encode(keepalive(['TCP_KEEPIDLE' => 12.0, 'TCP_KEEPINTVL' => '5'])), "\n";
// (an $options array replaces the default one: SO_KEEPALIVE is given explicitly here)
$d = keepalive(['SO_KEEPALIVE' => 1]);
echo "untouched: SO_KEEPALIVE={$d['SO_KEEPALIVE']} system defaults kept: ",
    var_export([$d['TCP_KEEPIDLE'], $d['TCP_KEEPINTVL'], $d['TCP_KEEPCNT']] === $defaults, true), "\n";
$d = keepalive(['SO_KEEPALIVE' => 1, 'TCP_KEEPIDLE' => 0, 'TCP_KEEPCNT' => -1]);
echo "bad values leave the defaults: ", var_export([$d['TCP_KEEPIDLE'], $d['TCP_KEEPINTVL'], $d['TCP_KEEPCNT']] === $defaults, true), "\n";
stop_server($srv);
?>
--EXPECTF--
tuned: {"SO_KEEPALIVE":1,"TCP_KEEPIDLE":7,"TCP_KEEPINTVL":3,"TCP_KEEPCNT":4}
float seconds: {"SO_KEEPALIVE":1,"TCP_KEEPIDLE":12,"TCP_KEEPINTVL":5,"TCP_KEEPCNT":%d}
untouched: SO_KEEPALIVE=1 system defaults kept: true

Warning: %s$options['TCP_KEEPIDLE']: expected seconds from 1 to 1000000000, got 0%s

Warning: %s$options['TCP_KEEPCNT']: expected a count from 1 to 2147483647, got -1%s
bad values leave the defaults: true
