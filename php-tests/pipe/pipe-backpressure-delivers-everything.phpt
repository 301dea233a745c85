--TEST--
pipe() with a slow destination: the source pauses (isPaused) while the destination's queue is full and resumes when it drains; forwarding never drops a byte (16 MiB arrive intact)
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

$total = 16 * 1048576;
[$source, $srcPort] = start_server('close-after.php', $total, 'bytes');
[$sink, $sinkPort] = start_server('sink.php', '--delay=500');
$a = new StreamClient(['target' => tcp_target($srcPort)]);
$b = new StreamClient(['target' => tcp_target($sinkPort), 'max_send_buffer_size' => 262144]);
$st = new stdClass();
$st->pausedSeen = false;
$st->aClosed = false;
$a->on('onMessage', fn () => print("onMessage on the source (must not happen)\n"));
$a->on('onClose', function ($e) use ($st) { $st->aClosed = true; echo "source closed by {$e->by}\n"; });
$a->pipe($b);
$b->connect();
wait_until(fn () => $b->isEstablished, 3, 'sink connection');
$a->connect();
$probe = Loop::every(0.01, function () use ($a, $st) {
    if ($a->isPaused()) {
        $st->pausedSeen = true;
    }
});
wait_until(fn () => $st->aClosed, 8, 'all of the source read');
Loop::cancel($probe);
echo "source was paused at some point: ", var_export($st->pausedSeen, true), "\n";
$b->close();                 // what is still queued is delivered in the background
run_until_idle(5);
$line = server_line($sink, 5);
echo $line === "conn1 $total " . md5(pattern_bytes($total)) ? "sink got all $total bytes intact\n" : "sink: $line\n";
stop_server($source);
stop_server($sink);
?>
--EXPECT--
source closed by 1
source was paused at some point: true
sink got all 16777216 bytes intact
