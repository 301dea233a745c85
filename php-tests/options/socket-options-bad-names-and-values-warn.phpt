--TEST--
$options: an unknown option name gives a warning naming it, a value of the wrong type gives a warning naming the option (SO_SNDBUF, SO_RCVBUF, TCP_NODELAY, SO_KEEPALIVE, SO_LINGER, bindto), 'backlog' is accepted silently; the connection works with the remaining options
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
$warnings = [];
set_error_handler(function ($no, $str) use (&$warnings) {
    $warnings[] = [$no, $str];
    return true;
});

function try_options(string $label, array $options, array $names)
{
    global $port, $warnings;
    $warnings = [];
    $c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser', 'options' => $options]);
    $st = new stdClass();
    $st->echo = null;
    $c->on('onConnect', fn ($e) => $e->sender->send('ok'));
    $c->on('onMessage', function ($e) use ($st) { $st->echo = $e->message; });
    $c->connect();
    wait_until(fn () => $st->echo !== null, 3, $label);
    echo "$label: ", count($warnings), " warning(s)";
    foreach ($names as $name) {
        $hit = array_filter($warnings, fn ($w) => $w[0] === E_WARNING && strpos($w[1], $name) !== false);
        echo ", names $name: ", var_export(count($hit) === 1, true);
    }
    echo ", echo: {$st->echo}";
    if (isset($options['TCP_NODELAY']) && !in_array('TCP_NODELAY', $names, true)) {
        echo ', nodelay=', socket_get_option(socket_import_stream($c->getSocket()), SOL_TCP, TCP_NODELAY);
    }
    echo "\n";
    $c->close();
}

try_options('backlog only', ['backlog' => 1024], []);
try_options('backlog with the defaults', ['backlog' => 256, 'SO_REUSEADDR' => 1, 'SO_KEEPALIVE' => 1, 'SO_LINGER' => null,
    'SO_SNDBUF' => null, 'SO_RCVBUF' => null, 'TCP_NODELAY' => 1], []);
try_options('unknown name', ['SO_NO_SUCH_OPTION' => 1, 'TCP_NODELAY' => 0], ['SO_NO_SUCH_OPTION']);
try_options('lower-case name is not a name', ['tcp_nodelay' => 1, 'TCP_NODELAY' => 0], ['tcp_nodelay']);
try_options('SO_SNDBUF string', ['SO_SNDBUF' => 'large', 'TCP_NODELAY' => 1], ['SO_SNDBUF']);
try_options('SO_RCVBUF array', ['SO_RCVBUF' => [65536], 'TCP_NODELAY' => 1], ['SO_RCVBUF']);
try_options('TCP_NODELAY array', ['TCP_NODELAY' => ['yes']], ['TCP_NODELAY']);
try_options('SO_KEEPALIVE object', ['SO_KEEPALIVE' => new stdClass(), 'TCP_NODELAY' => 1], ['SO_KEEPALIVE']);
try_options('SO_LINGER string', ['SO_LINGER' => 'forever', 'TCP_NODELAY' => 1], ['SO_LINGER']);
try_options('bindto not an address', ['bindto' => 'not-an-address', 'TCP_NODELAY' => 1], ['bindto']);
try_options('two bad ones', ['SO_SNDBUF' => 'x', 'SO_WHATEVER' => 2, 'TCP_NODELAY' => 0], ['SO_SNDBUF', 'SO_WHATEVER']);
stop_server($srv);
?>
--EXPECT--
backlog only: 0 warning(s), echo: ok
backlog with the defaults: 0 warning(s), echo: ok, nodelay=1
unknown name: 1 warning(s), names SO_NO_SUCH_OPTION: true, echo: ok, nodelay=0
lower-case name is not a name: 1 warning(s), names tcp_nodelay: true, echo: ok, nodelay=0
SO_SNDBUF string: 1 warning(s), names SO_SNDBUF: true, echo: ok, nodelay=1
SO_RCVBUF array: 1 warning(s), names SO_RCVBUF: true, echo: ok, nodelay=1
TCP_NODELAY array: 1 warning(s), names TCP_NODELAY: true, echo: ok
SO_KEEPALIVE object: 1 warning(s), names SO_KEEPALIVE: true, echo: ok, nodelay=1
SO_LINGER string: 1 warning(s), names SO_LINGER: true, echo: ok, nodelay=1
bindto not an address: 1 warning(s), names bindto: true, echo: ok, nodelay=1
two bad ones: 2 warning(s), names SO_SNDBUF: true, names SO_WHATEVER: true, echo: ok, nodelay=0
