--TEST--
close() then Loop::run(): run() returns as soon as the queue is written and our FIN sent, even though the peer never closes its side; bytes still queued at close() keep it running until they are delivered in full to a slow reader
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

// Both servers read everything and report it at our FIN, but never close their side.
[$quick, $qport] = start_server('sink.php', '--keep_open=1');
[$slow, $sport] = start_server('sink.php', '--keep_open=1', '--delay=300', '--rate=' . (16 << 20));

// 1. nothing queued at close(): run() has nothing to wait for (timeout is 2 s: the bound the
// lingering connection had before)
$c = new StreamClient(['target' => tcp_target($qport), 'timeout' => 2]);
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');
var_dump($c->send('hello'));
run_loop_for(0.1);
$c->close();
$took = run_until_idle(5);
echo 'run() after close() returned within 1 s: ', var_export($took < 1.0, true), "\n";
echo 'the peer got: ', server_line($quick, 3), ' (md5 of hello: ', md5('hello'), ")\n";

// 2. 8 MiB queued for a peer that starts reading after 300 ms, at 16 MiB/s: run() waits
// for all of it, then returns without waiting for the peer's FIN
$payload = pattern_bytes(8 << 20);
$d = new StreamClient(['target' => tcp_target($sport), 'timeout' => 2, 'max_send_buffer_size' => 64 << 20]);
$d->connect();
wait_until(fn () => $d->isEstablished, 3, 'connect');
foreach (str_split($payload, 1 << 20) as $chunk) {
    if ($d->send($chunk) === false) {
        echo "send refused\n";
    }
}
echo 'queued at close(): ', var_export($d->getStats()["send_queue"] > 0, true), "\n";
$d->close();
$took = run_until_idle(5);
echo 'run() returned before the timeout: ', var_export($took < 1.8, true), "\n";
$line = server_line($slow, 3);
echo 'the slow peer got everything: ', var_export($line === 'conn1 ' . strlen($payload) . ' ' . md5($payload), true), "\n";
stop_server($quick);
stop_server($slow);
?>
--EXPECTF--
bool(true)
run() after close() returned within 1 s: true
the peer got: conn1 5 5d41402abc4b2a76b9719d911017c592 (md5 of hello: 5d41402abc4b2a76b9719d911017c592)
queued at close(): true
run() returned before the timeout: true
the slow peer got everything: true
