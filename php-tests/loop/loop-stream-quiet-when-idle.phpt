--TEST--
Once tick() has processed what was ready, Loop::stream() is no longer readable: a host loop sleeps instead of spinning (idle established connection, pending far timer)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;
use beyod\ext\Loop;

[$srv, $port] = start_server('line-echo.php');
$c = new StreamClient(['target' => tcp_target($port)]);
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');
$far = Loop::after(30, fn () => null);
run_loop_for(0.1);

$stream = Loop::stream();
$wakeups = 0;
$end = microtime(true) + 0.6;
while (microtime(true) < $end) {
    $r = [$stream];
    $w = $e = [];
    if (stream_select($r, $w, $e, 0, 200000) > 0) {
        $wakeups++;
        Loop::tick(0);
    }
}
echo "wakeups while idle: ", $wakeups <= 1 ? 'none' : $wakeups, "\n";
Loop::cancel($far);
$c->close();
stop_server($srv);
?>
--EXPECT--
wakeups while idle: none
