--TEST--
Loop::tick() called from inside a handler either works (nested dispatch) or is refused with a LogicException naming tick(); either way nothing is lost and the client keeps working
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
    if ($e->message === 'first') {
        try {
            Loop::tick(0.01);
            echo "nested tick ran\n";
        } catch (LogicException $ex) {
            echo "nested tick refused: ", var_export(str_contains($ex->getMessage(), 'tick'), true), "\n";
        }
    }
});
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');
$c->send("first\nsecond\nthird\n", true);
wait_until(fn () => count($got) >= 3, 3, 'three');
$c->send('fourth');
wait_until(fn () => count($got) >= 4, 3, 'fourth');
echo implode(',', (array)$got), "\n";
$c->close();
stop_server($srv);
?>
--EXPECTREGEX--
^nested tick (ran|refused: true)
first,second,third,fourth$
