<?php
/**
 * Memory over many connect/send/close cycles: a new StreamClient per cycle connects to a local
 * line echo server, sends one line, waits for the echo, closes. 8 cycles run at a time.
 * RSS and memory_get_usage() are sampled along the way; after a warm-up (the first 5%), both
 * must stay flat: RSS within 2 MiB (+1 MiB per 250k cycles of allocator noise) and
 * memory_get_usage() within 64 KiB.
 * Usage: php memory.php [cycles]   (default: 50,000; REL_MODE=long: 1,000,000)
 */
require __DIR__ . '/lib.php';

use beyod\StreamClient;
use beyod\ext\Loop;
use beyod\ext\LineParser;

$cycles = (int)($argv[1] ?? (rel_quick() ? 50000 : 1000000));
rel_bound(rel_quick() ? 400 : 3600);
// Listening on every address, the cycles rotate over 16 loopback addresses: each closed
// connection leaves a TIME_WAIT socket for 60 s, and one address pair has only ~28k ports.
[$srv, $port] = start_server('line-echo.php', '--listen=tcp://0.0.0.0:0', '--lifetime=' . (rel_quick() ? 400 : 3600));

$done = 0;
$started = 0;
$bad = 0;
$inflight = 0;
$samples = [];
$start = function () use (&$started, &$inflight, &$done, &$bad, $port, $cycles, &$start) {
    if ($started >= $cycles) {
        return;
    }
    $n = $started++;
    $inflight++;
    $target = '127.0.0.' . (1 + $n % 16);
    $c = new StreamClient(['target' => "tcp://$target:$port", 'parser' => LineParser::class]);
    $c->on('onMessage', function ($e) use ($n, &$done, &$bad, &$inflight, &$start) {
        if ($e->message !== "ping $n") {
            $bad++;
        }
        $e->sender->close();
        $done++;
        $inflight--;
        $start();
    });
    $c->on('onConnectFailed', function ($e) use (&$bad, &$inflight, &$start) {
        $bad++;
        $inflight--;
        $start();
    });
    $c->send("ping $n");
    $c->connect();
};
$t0 = microtime(true);
for ($i = 0; $i < 8; $i++) {
    $start();
}
$warm = max(1, intdiv($cycles, 20));
$marks = [];
foreach ([0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0] as $f) {
    $marks[] = max(1, (int)round($cycles * $f));
}
$deadline = $t0 + (rel_quick() ? 360 : 3500);
while ($done + $bad < $cycles && microtime(true) < $deadline) {
    Loop::tick(0.05);
    while ($marks && $done + $bad >= $marks[0]) {
        $m = array_shift($marks);
        gc_collect_cycles();
        $samples[$m] = [rss_kb(), memory_get_usage(), memory_get_usage(true)];
    }
}
$dt = microtime(true) - $t0;
// let the last closes finish
wait_until(fn () => live_connections() === 0, 5.0);
gc_collect_cycles();
$final = [rss_kb(), memory_get_usage(), memory_get_usage(true)];
stop_server($srv);

note(sprintf('%d cycles in %.1f s (%.0f/s), %d bad', $done, $dt, $done / max($dt, 1e-9), $bad));
note('cycle        RSS KiB   memory_get_usage');
foreach ($samples as $m => [$r, $u]) {
    note(sprintf('%-10d %9d %18d', $m, $r, $u));
}
note(sprintf('%-10s %9d %18d', 'after', $final[0], $final[1]));
check($done === $cycles && $bad === 0, "$cycles connect/send/echo/close cycles, each echo exact ($done done, $bad bad)");
$keys = array_keys($samples);
$w = $samples[$keys[0]] ?? $final;
$mid = $samples[$keys[intdiv(count($keys), 2)]] ?? $final;
$end = end($samples) ?: $final;
note(sprintf('RSS curve: start (after warm-up) %d KiB, middle %d KiB, end %d KiB, after %d KiB', $w[0], $mid[0], $end[0], $final[0]));
$rssSlack = 2048 + 1024 * intdiv($cycles, 250000);
check($final[0] - $w[0] <= $rssSlack, sprintf('RSS flat: %+d KiB from warm-up to end (limit %d KiB)', $final[0] - $w[0], $rssSlack));
check($final[1] - $w[1] <= 65536, sprintf('memory_get_usage() flat: %+d bytes from warm-up to end (limit 64 KiB)', $final[1] - $w[1]));
check(live_connections() === 0, 'the loop holds no connection at the end (' . live_connections() . ')');
check(count(StreamClient::$connections) === 0, 'StreamClient::$connections is empty at the end (' . count(StreamClient::$connections) . ')');
rel_done();
