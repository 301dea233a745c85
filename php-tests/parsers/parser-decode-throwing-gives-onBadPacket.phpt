--TEST--
A parser whose decode() throws: onBadPacket with the exception's code/errstr, no onMessage for that packet; the connection keeps working
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

class JsonLineParser extends LineParser
{
    public function decode($buffer, $connection)
    {
        $v = json_decode(rtrim($buffer), true);
        if ($v === null) {
            throw new UnexpectedValueException('not json: ' . rtrim($buffer), 7);
        }
        return $v;
    }
}

[$srv, $port] = start_server('line-echo.php');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'JsonLineParser']);
$st = new stdClass();
$st->events = [];
$c->on('onBadPacket', function ($e) use ($st) { $st->events[] = "bad code={$e->code} errstr={$e->errstr}"; });
$c->on('onMessage', function ($e) use ($st) { $st->events[] = 'message ' . json_encode($e->message); });
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');
$c->send('{"a":1}');
wait_until(fn () => count($st->events) >= 1, 3, 'first');
$c->send('garbage');
wait_until(fn () => count($st->events) >= 2, 3, 'bad');
run_loop_for(0.1);
$c->send('[1,2]');
wait_until(fn () => count($st->events) >= 3, 3, 'third');
echo implode("\n", $st->events), "\n";
$c->close();
stop_server($srv);
?>
--EXPECT--
message {"a":1}
bad code=7 errstr=not json: garbage
message [1,2]
