<?php
/**
 * Host: a plain stream_select() loop that watches Loop::stream() and calls Loop::tick(0) when
 * it is readable — it sleeps in stream_select() the rest of the time, timers included.
 */
use beyod\ext\Loop;

require __DIR__ . '/host-workload.php';

$running = true;
$cleanup = host_workload(function () use (&$running) { $running = false; });
$stream = Loop::stream();
$end = microtime(true) + 8;
while ($running) {
    if (microtime(true) > $end) {
        echo "TIMEOUT\n";
        break;
    }
    $r = [$stream];
    $w = $e = [];
    if (stream_select($r, $w, $e, 1) > 0) {
        Loop::tick(0);
    }
}
$cleanup();
