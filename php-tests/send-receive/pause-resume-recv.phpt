--TEST--
pauseRecv() stops reading (no onMessage, not even the peer's close is seen) until resumeRecv(); then the held lines arrive in order, then onClose; isPaused() reports it
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

// the server sends 3 lines 100 ms after accepting, then closes
[$srv, $port] = start_server('close-after.php', 3, 'lines', '--delay=100');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$st = new stdClass();
$st->closed = false;
$c->on('onConnect', function ($e) {
    $e->sender->pauseRecv();
    echo "paused in onConnect: ", var_export($e->sender->isPaused(), true), "\n";
});
$c->on('onMessage', fn ($e) => print("onMessage {$e->message}\n"));
$c->on('onClose', function ($e) use ($st) { $st->closed = true; echo "onClose by {$e->by}\n"; });
var_dump($c->isPaused());
$c->connect();
run_loop_for(0.5);
echo "after 0.5 s paused\n";
var_dump($c->isEstablished);
$c->resumeRecv();
var_dump($c->isPaused());
wait_until(fn () => $st->closed, 3, 'close');
stop_server($srv);
?>
--EXPECT--
bool(false)
paused in onConnect: true
after 0.5 s paused
bool(true)
bool(false)
onMessage conn1 line1
onMessage conn1 line2
onMessage conn1 line3
onClose by 1
