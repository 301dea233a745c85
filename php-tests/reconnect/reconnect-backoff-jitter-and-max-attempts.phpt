--TEST--
Reconnect backoff: reconnect_interval 0.05, reconnect_backoff 2, reconnect_jitter 0.2, reconnect_max_attempts 5 against a refused port: waits of 0.05, 0.1, 0.2, 0.4 s (each within ±20 %), exactly 5 onConnectFailed, then run() returns; reconnect_max_interval caps the wait
--DESCRIPTION--
The wait before attempt n+1 is reconnect_interval × backoff^(n-1), capped at
reconnect_max_interval, then multiplied by a random factor in [1 - jitter, 1 + jitter]. A
refused connect on loopback fails at once, so the time between two onConnectFailed is that wait
plus scheduling: each is checked against [base × 0.8 - 5 ms, base × 1.2 + 30 ms] (the 5 ms: the
test's handler notes the time a moment after the wait was scheduled). After the 5th failure in
a row nothing is scheduled, so Loop::run() returns by itself.
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

/** Runs a client against a refused port until it gives up; returns the times of its onConnectFailed. */
function failures(array $options): array
{
    $c = new StreamClient(['target' => tcp_target(refused_port()), 'reconnect_interval' => 0.05,
        'options' => $options]);
    $times = new ArrayObject();
    $c->on('onConnectFailed', function ($e) use ($times) {
        $times[] = microtime(true);
        if ($e->code !== 111) {
            echo "unexpected code {$e->code}\n";
        }
    });
    $c->connect();
    $took = run_until_idle(5);
    echo "run() returned by itself after the last attempt: ", var_export($took < 3, true),
        "; connect_failures=", $c->getStats()['connect_failures'], "\n";
    return $times->getArrayCopy();
}

function check(array $times, array $bases, float $jitter): void
{
    echo count($times), " onConnectFailed\n";
    for ($i = 1; $i < count($times); $i++) {
        $gap = $times[$i] - $times[$i - 1];
        $base = $bases[$i - 1];
        $lo = $base * (1 - $jitter) - 0.005;   // our handler runs a moment after the wait was scheduled
        $hi = $base * (1 + $jitter) + 0.03;
        $ok = $gap >= $lo && $gap <= $hi;
        printf("wait %d: base %.2f s, within [%.3f, %.3f]: %s%s\n", $i, $base, $lo, $hi, var_export($ok, true),
            $ok ? '' : sprintf(' (%.4f s)', $gap));
    }
}

echo "-- backoff 2, jitter 0.2, max 5 attempts\n";
check(failures(['reconnect_backoff' => 2, 'reconnect_jitter' => 0.2, 'reconnect_max_attempts' => 5]),
    [0.05, 0.1, 0.2, 0.4], 0.2);

echo "-- backoff 4 capped by reconnect_max_interval 0.1, no jitter, max 4 attempts\n";
check(failures(['reconnect_backoff' => 4, 'reconnect_max_interval' => 0.1, 'reconnect_max_attempts' => 4]),
    [0.05, 0.1, 0.1], 0.0);
?>
--EXPECT--
-- backoff 2, jitter 0.2, max 5 attempts
run() returned by itself after the last attempt: true; connect_failures=5
5 onConnectFailed
wait 1: base 0.05 s, within [0.035, 0.090]: true
wait 2: base 0.10 s, within [0.075, 0.150]: true
wait 3: base 0.20 s, within [0.155, 0.270]: true
wait 4: base 0.40 s, within [0.315, 0.510]: true
-- backoff 4 capped by reconnect_max_interval 0.1, no jitter, max 4 attempts
run() returned by itself after the last attempt: true; connect_failures=4
4 onConnectFailed
wait 1: base 0.05 s, within [0.045, 0.080]: true
wait 2: base 0.10 s, within [0.095, 0.130]: true
wait 3: base 0.10 s, within [0.095, 0.130]: true
