--TEST--
Against a peer that never reads: send() goes true..., int..., then false with onBufferFull once per refused message; close() gives up flushing after $timeout so run() returns
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

[$srv, $port] = start_server('never-read.php');
$c = new StreamClient(['target' => tcp_target($port), 'max_send_buffer_size' => 1048576, 'timeout' => 1]);
$st = new stdClass();
$st->full = 0;
$c->on('onBufferFull', function ($e) use ($st) { $st->full++; });
$c->on('onClose', fn ($e) => print("onClose by {$e->by}\n"));
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');

$seq = [];
$chunk = str_repeat('x', 65536);
for ($i = 0; $i < 3000; $i++) {
    $r = $c->send($chunk, true);
    $seq[] = $r === true ? 'T' : ($r === false ? 'F' : (is_int($r) ? 'I' : '?'));
    if ($r === false) {
        break;
    }
}
$s = implode('', $seq);
echo "sequence shape: ", preg_match('/^T*I+F$/', $s) ? 'true* int+ false' : $s, "\n";
var_dump($st->full, $c->bufferIsFull());
var_dump($c->send('more', true), $st->full);

$c->close();
$elapsed = run_until_idle(5);   // the background flush can never finish: it must give up after timeout (1 s)
echo "run() returned after the flush gave up: ", var_export($elapsed >= 0.5 && $elapsed < 4, true), "\n";
stop_server($srv);
?>
--EXPECT--
sequence shape: true* int+ false
int(1)
bool(true)
bool(false)
int(2)
onClose by 0
run() returned after the flush gave up: true
