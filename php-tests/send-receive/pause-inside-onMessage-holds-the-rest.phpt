--TEST--
pauseRecv() called inside onMessage holds the packets already buffered from the same read until resumeRecv() (as Workerman's and beyod's Connection parse loops intend: while (buffer && !paused))
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
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$got = new ArrayObject();
$c->on('onMessage', function ($e) use ($got) {
    $got[] = $e->message;
    if ($e->message === 'two') {
        $e->sender->pauseRecv();
    }
});
$c->on('onConnect', fn ($e) => $e->sender->send("one\ntwo\nthree\nfour\n", true));
$c->connect();
wait_until(fn () => count($got) >= 2, 3, 'two');
run_loop_for(0.3);
echo "while paused: ", implode(',', (array)$got), "\n";
$c->resumeRecv();
wait_until(fn () => count($got) >= 4, 3, 'all');
echo "after resume: ", implode(',', (array)$got), "\n";
$c->close();
stop_server($srv);
?>
--EXPECT--
while paused: one,two
after resume: one,two,three,four
