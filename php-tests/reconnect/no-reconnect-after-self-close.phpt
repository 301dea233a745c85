--TEST--
reconnect_interval > 0 never reconnects after close() by self (called from onConnect, or later); run() returns
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
$c = new StreamClient(['target' => tcp_target($port), 'reconnect_interval' => 0.1]);
$st = new stdClass();
$st->connects = 0;
$c->on('onConnect', function ($e) use ($st) {
    $st->connects++;
    echo "onConnect\n";
    $e->sender->close();
});
$c->on('onClose', fn ($e) => print("onClose by {$e->by}\n"));
$c->connect();
run_until_idle(3);
var_dump($st->connects);

// the same when close() comes from outside a handler
$d = new StreamClient(['target' => tcp_target($port), 'reconnect_interval' => 0.1]);
$d->on('onConnect', fn () => print("d onConnect\n"));
$d->connect();
wait_until(fn () => $d->isEstablished, 3, 'connect d');
$d->close();
run_until_idle(3);
var_dump($d->isClosed());
stop_server($srv);
?>
--EXPECT--
onConnect
onClose by 0
int(1)
d onConnect
bool(true)
