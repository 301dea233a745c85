--TEST--
A parser whose input() throws: onBadPacket (ErrorEvent) with code/errstr from the exception, the receive buffer is discarded, later data is parsed normally
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

class StrictLineParser extends LineParser
{
    public function input($buffer, $connection)
    {
        if ($buffer[0] === 'X') {
            throw new RuntimeException('bad first byte X', 30);
        }
        if (strlen($buffer) > 64) {
            throw new LengthException('packet too large', 100);
        }
        return parent::input($buffer, $connection);
    }
}

[$srv, $port] = start_server('line-echo.php');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'StrictLineParser']);
$st = new stdClass();
$st->events = [];
$c->on('onBadPacket', function ($e) use ($st, $c) {
    $st->events[] = get_class($e) . " code={$e->code} errstr={$e->errstr} sender=" . ($e->sender === $c ? 'client' : 'other');
});
$c->on('onMessage', function ($e) use ($st) { $st->events[] = "message {$e->message}"; });
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');

$c->send("Xoops\nlost with the rest of the buffer\n", true);   // echoed in one write: discarded together
wait_until(fn () => count($st->events) >= 1, 3, 'bad packet');
run_loop_for(0.1);
$c->send('good');
wait_until(fn () => count($st->events) >= 2, 3, 'good line');
$c->send(str_repeat('y', 100) . "\n", true);             // too large: code 100
wait_until(fn () => count($st->events) >= 3, 3, 'large packet');
run_loop_for(0.1);
$c->send('still fine');
wait_until(fn () => count($st->events) >= 4, 3, 'last line');
echo implode("\n", $st->events), "\n";
var_dump($c->isEstablished);
$c->close();
stop_server($srv);
?>
--EXPECT--
beyod\ext\ErrorEvent code=30 errstr=bad first byte X sender=client
message good
beyod\ext\ErrorEvent code=100 errstr=packet too large sender=client
message still fine
bool(true)
