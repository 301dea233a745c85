--TEST--
A fatal error in a handler ends Loop::run() by a longjmp, and the loop takes its marks back all the same: a shutdown function of that request connects, echoes and runs the loop to its end
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;
use beyod\ext\Loop;

[$srv, $port] = start_server('line-echo.php');
// helpers.php's shutdown function would stop the server before ours runs: ours stops it
$entry = $GLOBALS['__test_servers'][(int)$srv];
unset($GLOBALS['__test_servers'][(int)$srv]);

register_shutdown_function(function () use ($srv, $port, $entry) {
    echo "shutdown function\n";
    $c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
    $c->on('onConnect', fn ($e) => $e->sender->send('after the fatal error'));
    $c->on('onMessage', function ($e) {
        echo "echo: {$e->message}\n";
        $e->sender->close();
    });
    $c->connect();
    $guard = Loop::after(3, function () {
        echo "TIMEOUT\n";
        Loop::stop();
    });
    $c->on('onClose', fn () => Loop::cancel($guard));
    Loop::run();
    echo "Loop::run() returned\n";
    $GLOBALS['__test_servers'][(int)$srv] = $entry;
    stop_server($srv);
});

Loop::after(0, function () {
    echo "timer fired\n";
    // a fatal error (E_ERROR: a longjmp out of the handler) that no PHP version deprecates, as
    // PHP 8.4 does trigger_error(E_USER_ERROR): one allocation past memory_limit
    ini_set('memory_limit', '32M');
    str_repeat('x', 64 << 20);
});
Loop::run();
echo "not reached\n";
?>
--EXPECTF--
timer fired

Fatal error: Allowed memory size of %d bytes exhausted%S (tried to allocate %d bytes) in %s on line %d
shutdown function
echo: after the fatal error
Loop::run() returned
