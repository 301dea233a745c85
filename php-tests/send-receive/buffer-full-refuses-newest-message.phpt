--TEST--
When the queued bytes reach max_send_buffer_size, send() fires onBufferFull and refuses (drops) the newest message; what was accepted is delivered, then onBufferDrain
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
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser', 'max_send_buffer_size' => 10]);
$got = new ArrayObject();
$st = new stdClass();
$st->drains = 0;
$c->on('onBufferFull', function ($e) use ($c) {
    echo "onBufferFull ", get_class($e), " sender=", $e->sender === $c ? 'client' : 'other', "\n";
});
$c->on('onBufferDrain', function ($e) use ($st) { $st->drains++; });
$c->on('onMessage', function ($e) use ($got) { $got[] = $e->message; });

// queued before connecting: 5 + 5 bytes reach the limit of 10
var_dump($c->send('aaaa'), $c->bufferIsFull());
var_dump($c->send('bbbb'), $c->bufferIsFull());
var_dump($c->send('cccc'));     // refused: the queue is full
var_dump($c->send('d', true));  // refused as well, raw or not
$c->connect();
wait_until(fn () => count($got) >= 2, 3, 'accepted messages echoed');
var_dump($c->bufferIsFull(), $st->drains);
var_dump($c->send('eeee'));     // the queue is empty again: written at once
wait_until(fn () => count($got) >= 3, 3, 'third echo');
run_loop_for(0.1);
echo implode(',', (array)$got), "\n";
var_dump($st->drains);
$c->close();
stop_server($srv);
?>
--EXPECT--
int(5)
bool(false)
int(5)
bool(true)
onBufferFull beyod\ext\IOEvent sender=client
bool(false)
onBufferFull beyod\ext\IOEvent sender=client
bool(false)
bool(false)
int(1)
bool(true)
aaaa,bbbb,eeee
int(1)
