--TEST--
The peer sends many lines and closes at once: every line is dispatched as onMessage, in order, before onClose (by 1); nothing fires after onClose
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('close-after.php', 2000, 'lines');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser', 'read_buffer_size' => 4096]);
$st = new stdClass();
$st->lines = [];
$st->closedAfter = null;
$st->afterClose = 0;
$c->on('onMessage', function ($e) use ($st) {
    if ($st->closedAfter !== null) {
        $st->afterClose++;
    }
    $st->lines[] = $e->message;
});
$c->on('onClose', function ($e) use ($st) {
    $st->closedAfter = count($st->lines);
    echo "onClose by {$e->by}\n";
});
$c->connect();
wait_until(fn () => $st->closedAfter !== null, 4, 'peer close');
run_loop_for(0.2);
$expected = [];
for ($i = 1; $i <= 2000; $i++) {
    $expected[] = "conn1 line$i";
}
var_dump($st->closedAfter, $st->lines === $expected, $st->afterClose);
stop_server($srv);
?>
--EXPECT--
onClose by 1
int(2000)
bool(true)
int(0)
