--TEST--
Inside onClose (by the peer) send() returns false and connect() starts a new connection (manual reconnect, reconnect_interval 0)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('close-after.php', 1, 'lines');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$st = new stdClass();
$st->closes = 0;
$c->on('onMessage', fn ($e) => print("onMessage {$e->message}\n"));
$c->on('onClose', function ($e) use ($st) {
    $st->closes++;
    echo "onClose by {$e->by}, send() gives ", var_export($e->sender->send('late'), true), "\n";
    if ($st->closes === 1) {
        var_dump($e->sender->connect() === $e->sender);
    }
});
$c->connect();
run_until_idle(3);
var_dump($st->closes);
stop_server($srv);
?>
--EXPECT--
onMessage conn1 line1
onClose by 1, send() gives false
bool(true)
onMessage conn2 line1
onClose by 1, send() gives false
int(2)
