--TEST--
reconnect_interval 0.2 (sub-second): after each close by the peer the client reconnects after ~0.2 s, user handlers stay attached; a close() by self inside onMessage ends it (no reconnect, no late onClose by peer)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

// each accepted connection k gets "conn<k> line1\n" and is closed at once by the server
[$srv, $port] = start_server('close-after.php', 1, 'lines');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser', 'reconnect_interval' => 0.2]);
$st = new stdClass();
$st->closedAt = null;
$st->gaps = [];
$st->done = false;
$c->on('onBeforeConnect', fn () => print("onBeforeConnect\n"));
$c->on('onConnect', function ($e) use ($st) {
    if ($st->closedAt !== null) {
        $st->gaps[] = microtime(true) - $st->closedAt;
    }
    echo "onConnect id=", $e->sender->getId(), "\n";
});
$c->on('onMessage', function ($e) use ($st) {
    echo "onMessage {$e->message}\n";
    if ($e->message === 'conn3 line1') {
        $e->sender->close();
        $st->done = true;
    }
});
$c->on('onClose', function ($e) use ($st) {
    $st->closedAt = microtime(true);
    echo "onClose by {$e->by}\n";
});
$c->connect();
wait_until(fn () => $st->done, 4, 'third connection');
run_loop_for(0.6);   // long enough for a (wrong) reconnect after the self close
foreach ($st->gaps as $g) {
    echo "gap ", ($g >= 0.18 && $g < 0.9) ? 'ok' : sprintf('%.3f', $g), "\n";
}
var_dump($c->isClosed());
stop_server($srv);
?>
--EXPECT--
onBeforeConnect
onConnect id=1
onMessage conn1 line1
onClose by 1
onBeforeConnect
onConnect id=1
onMessage conn2 line1
onClose by 1
onBeforeConnect
onConnect id=1
onMessage conn3 line1
onClose by 0
gap ok
gap ok
bool(true)
