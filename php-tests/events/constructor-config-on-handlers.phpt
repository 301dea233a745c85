--TEST--
Constructor config 'on eventName' => callable attaches handlers (they fire for real connection events and for trigger())
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('line-echo.php');
$st = new stdClass();
$st->done = false;
$c = new StreamClient([
    'target' => tcp_target($port),
    'parser' => 'LineParser',
    'on onConnect' => function ($e) {
        echo "onConnect from config\n";
        $e->sender->send('hello');
    },
    'on onMessage' => function ($e) use ($st) {
        echo "onMessage from config: {$e->message}\n";
        $st->done = true;
    },
    'on myEvent' => function ($e) {
        echo "myEvent from config\n";
    },
]);
var_dump($c->hasEventHandlers('onConnect'), $c->hasEventHandlers('onMessage'), $c->hasEventHandlers('onClose'));
$c->trigger('myEvent');
$c->connect();
wait_until(fn () => $st->done, 3, 'echo');
$c->close();
stop_server($srv);
?>
--EXPECT--
bool(true)
bool(true)
bool(false)
myEvent from config
onConnect from config
onMessage from config: hello
