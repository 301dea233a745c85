<?php
/** Host: the extension's own blocking loop, Loop::run(). */
use beyod\ext\Loop;

require __DIR__ . '/host-workload.php';

$cleanup = host_workload(fn () => Loop::stop());
$guard = Loop::after(8, function () {
    echo "TIMEOUT\n";
    Loop::stop();
});
Loop::run();
Loop::cancel($guard);
$cleanup();
