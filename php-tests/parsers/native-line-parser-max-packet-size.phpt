--TEST--
beyod\ext\LineParser max_packet_size: a line without end that grows past it, and a complete line longer than it, each give onBadPacket with code 100 (ERROR_LARGE_PACKET); the bytes are discarded and the connection stays usable (later lines are messages, send() still works)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;
use beyod\ext\LineParser;

// the echo server sends back what we send raw; each step waits for the previous one's outcome,
// so the bytes of two steps never arrive in the same read
[$srv, $port] = start_server('raw-echo.php');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => ['class' => LineParser::class, 'max_packet_size' => 16]]);
$events = new ArrayObject();
$c->on('onMessage', function ($e) use ($events) { $events[] = 'onMessage ' . json_encode($e->message); });
$c->on('onBadPacket', function ($e) use ($events) {
    $events[] = "onBadPacket code={$e->code} errstr non-empty=" . var_export((string)$e->errstr !== '', true)
        . ' still established=' . var_export($e->sender->isEstablished, true);
});
$c->on('onClose', function ($e) use ($events) { $events[] = "onClose by {$e->by}"; });
$c->connect();
$steps = [
    ["short\n", true],
    [str_repeat('x', 40), true],               // no end, and already past max_packet_size
    ["after\n", true],
    [str_repeat('y', 30) . "\n", true],        // complete, but longer than max_packet_size
    ['fine', false],                           // send() through the parser: "fine\n"
];
foreach ($steps as $i => [$bytes, $raw]) {
    $c->send($bytes, $raw);
    wait_until(fn () => count($events) > $i, 3, "step $i");
}
run_loop_for(0.1);
echo implode("\n", $events->getArrayCopy()), "\n";
var_dump($c->isEstablished);
$c->close();
stop_server($srv);
?>
--EXPECT--
onMessage "short"
onBadPacket code=100 errstr non-empty=true still established=true
onMessage "after"
onBadPacket code=100 errstr non-empty=true still established=true
onMessage "fine"
bool(true)
