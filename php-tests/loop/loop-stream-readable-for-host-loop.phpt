--TEST--
Host-loop integration: Loop::stream() (over Loop::fd()) becomes readable whenever tick() has work — I/O and due timers — so a stream_select loop calling Loop::tick(0) only then runs everything
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

$fd = Loop::fd();
var_dump(is_int($fd) && $fd > 2);
$stream = Loop::stream();
var_dump(is_resource($stream), get_resource_type($stream));

[$srv, $port] = start_server('line-echo.php');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$st = new stdClass();
$st->got = [];
$st->timer = false;
$c->on('onConnect', function ($e) {
    echo "onConnect\n";
    $e->sender->send('via host loop');
});
$c->on('onMessage', function ($e) use ($st) { $st->got[] = $e->message; });
$c->connect();
Loop::after(0.3, function () use ($st) { $st->timer = true; echo "timer\n"; });

// the host loop: sleeps in stream_select and calls tick(0) only when the stream is readable
$end = microtime(true) + 3;
while ((!$st->timer || !$st->got) && microtime(true) < $end) {
    $r = [$stream];
    $w = $e = [];
    if (stream_select($r, $w, $e, 0, 500000) > 0) {
        Loop::tick(0);
    }
}
echo implode(',', $st->got), "\n";
$c->close();
stop_server($srv);
?>
--EXPECT--
bool(true)
bool(true)
string(6) "stream"
onConnect
timer
via host loop
