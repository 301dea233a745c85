--TEST--
parser null: each read is one raw message, at most read_buffer_size bytes; concatenated they are exactly the bytes sent
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('close-after.php', 100000, 'bytes');
$c = new StreamClient(['target' => tcp_target($port), 'read_buffer_size' => 1000]);
$st = new stdClass();
$st->data = '';
$st->max = 0;
$st->count = 0;
$st->closed = false;
$c->on('onMessage', function ($e) use ($st) {
    $st->data .= $e->message;
    $st->max = max($st->max, strlen($e->message));
    $st->count++;
});
$c->on('onClose', function () use ($st) { $st->closed = true; });
$c->connect();
wait_until(fn () => $st->closed, 4, 'peer close');
var_dump(strlen($st->data), $st->data === pattern_bytes(100000), $st->max <= 1000, $st->count >= 100);
stop_server($srv);
?>
--EXPECT--
int(100000)
bool(true)
bool(true)
bool(true)
