--TEST--
pipe() as a proxy between two loopback servers: 100 MB from a fast sender to a slow sink (25 MB/s) through $a->pipe($b) arrive intact (byte count and md5), with bounded memory (PHP's peak and the process's VmHWM), without onMessage; when the sender closes, the sink's side is closed after everything is delivered
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!is_readable('/proc/self/status')) die('skip needs /proc/self/status (VmHWM)'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
memory_limit=128M
--FILE--
<?php
// SLOW TEST: about 5-10 s (100 MB through a sink that reads 25 MB/s); bounded at 25 s.
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;
use beyod\ext\Loop;

set_time_limit(25);
if (function_exists('pcntl_alarm')) {
    pcntl_alarm(30);
}

function vm_hwm_kb(): int
{
    preg_match('/^VmHWM:\s+(\d+) kB/m', file_get_contents('/proc/self/status'), $m);
    return (int)$m[1];
}

$total = 100 * 1000 * 1000;
// the md5 the sink must report, computed by pieces (the 100 MB are never held in memory here)
$h = hash_init('md5');
$piece = 26 * 40000;
for ($done = 0; $done < $total; $done += $piece) {
    hash_update($h, pattern_bytes(min($piece, $total - $done)));
}
$want = hash_final($h);
unset($h);

[$source, $srcPort] = start_server('pattern-source.php', $total, '--lifetime=40');
[$sink, $sinkPort] = start_server('sink.php', '--rate=25000000', '--lifetime=40');
$a = new StreamClient(['target' => tcp_target($srcPort)]);
$b = new StreamClient(['target' => tcp_target($sinkPort)]);
$st = new stdClass();
$st->events = [];
$st->pausedSeen = false;
$a->on('onMessage', fn () => print("onMessage on the sender's side (must not happen)\n"));
$b->on('onMessage', fn () => print("onMessage on the sink's side (must not happen)\n"));
$a->on('onClose', function ($e) use ($st) { $st->events[] = "sender side closed by " . $e->getCloser(); });
$b->on('onClose', function ($e) use ($st) { $st->events[] = "sink side closed by " . $e->getCloser(); });
$a->pipe($b);
$b->connect();
wait_until(fn () => $b->isEstablished, 3, 'sink connection');
$hwmBefore = vm_hwm_kb();
$a->connect();
$probe = Loop::every(0.02, function () use ($a, $st) {
    if ($a->isPaused()) {
        $st->pausedSeen = true;
    }
});
$t0 = microtime(true);
wait_until(fn () => count($st->events) >= 2, 20, 'both sides closed');
Loop::cancel($probe);
echo implode("\n", $st->events), "\n";
echo 'the sender was held back (paused) at some point: ', var_export($st->pausedSeen, true), "\n";
echo server_line_ticking($source, 2), "\n";
$line = server_line_ticking($sink, 20);
run_until_idle(3);
echo $line === "conn1 $total $want" ? "the sink got all $total bytes, md5 intact\n" : "sink: " . var_export($line, true) . "\n";

$peak = memory_get_peak_usage();
$hwm = vm_hwm_kb();
echo 'PHP peak below 16 MB: ', var_export($peak < 16 * 1048576, true), "\n";
echo 'VmHWM below 64 MB: ', var_export($hwm < 64 * 1024, true), "\n";
echo 'VmHWM grew by less than 32 MB while proxying: ', var_export($hwm - $hwmBefore < 32 * 1024, true), "\n";
if (getenv("BEYOD_TEST_VERBOSE")) fprintf(STDERR, "pipe 100 MB: %.1f s, PHP peak %.1f MB, VmHWM %.1f MB (%.1f MB before)\n",
    microtime(true) - $t0, $peak / 1048576, $hwm / 1024, $hwmBefore / 1024);
stop_server($source);
stop_server($sink);
?>
--EXPECT--
sender side closed by peer
sink side closed by self
the sender was held back (paused) at some point: true
sent 1 100000000
the sink got all 100000000 bytes, md5 intact
PHP peak below 16 MB: true
VmHWM below 64 MB: true
VmHWM grew by less than 32 MB while proxying: true
