--TEST--
An exception thrown in a handler (or a timer callback) propagates out of Loop::tick()/Loop::run(); the client stays consistent: the next line of the same read is delivered at the next tick, sending still works
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

[$srv, $port] = start_server('line-echo.php');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$got = new ArrayObject();
$c->on('onMessage', function ($e) use ($got) {
    $got[] = $e->message;
    if ($e->message === 'boom') {
        throw new RuntimeException('handler failed on boom');
    }
});
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');
$c->send("boom\nafter boom\n", true);   // both lines come back in one read

$caught = 0;
$end = microtime(true) + 3;
while (count($got) < 2 && microtime(true) < $end) {
    try {
        Loop::tick(0.05);
    } catch (RuntimeException $e) {
        $caught++;
        echo "caught: ", $e->getMessage(), " (messages so far: ", implode(',', (array)$got), ")\n";
    }
}
echo "messages: ", implode(',', (array)$got), "\n";
var_dump($caught, $c->isEstablished);
$c->send('still working');
wait_until(fn () => count($got) >= 3, 3, 'third');
echo $got[2], "\n";

// the same through run(): a throwing handler ends run() with the exception
$c->on('onMessage', function ($e) { if ($e->message === 'stop run') { throw new LogicException('out of run()'); } });
$c->send('stop run');
try {
    run_guarded(3);
    echo "run() returned normally\n";
} catch (LogicException $e) {
    echo "run() threw: ", $e->getMessage(), "\n";
}

// a throwing timer callback
Loop::after(0.01, function () { throw new DomainException('from a timer'); });
try {
    run_loop_for(0.2);
    echo "no exception from the timer\n";
} catch (DomainException $e) {
    echo "tick() threw: ", $e->getMessage(), "\n";
}
$c->send('final');
wait_until(fn () => count($got) >= 5, 3, 'final');
echo $got[4], "\n";
$c->close();
stop_server($srv);
?>
--EXPECT--
caught: handler failed on boom (messages so far: boom)
messages: boom,after boom
int(1)
bool(true)
still working
run() threw: out of run()
tick() threw: from a timer
final
