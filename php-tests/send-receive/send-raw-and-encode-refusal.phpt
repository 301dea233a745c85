--TEST--
send($m, true) skips the parser's encode(); encode() returning null or false makes send() return false and sends nothing
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

class PickyParser extends LineParser
{
    public function encode($message, $connection)
    {
        if ($message === 'null') {
            return null;
        }
        if ($message === 'false') {
            return false;
        }
        if (is_array($message)) {
            return 'array:' . implode(',', $message) . "\n";   // encode() gets the value as given
        }
        return strtoupper($message) . "\n";
    }
}

[$srv, $port] = start_server('line-echo.php');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'PickyParser']);
$got = new ArrayObject();
$c->on('onMessage', function ($e) use ($got) { $got[] = $e->message; });
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');
var_dump($c->send('null'), $c->send('false'));
var_dump($c->send("raw stays lower\n", true));
var_dump($c->send('encoded'));
var_dump($c->send(['x', 'y']));
wait_until(fn () => count($got) >= 3, 3, 'echoes');
run_loop_for(0.1);
echo implode("\n", (array)$got), "\n";
$c->close();
stop_server($srv);
?>
--EXPECT--
bool(false)
bool(false)
bool(true)
bool(true)
bool(true)
raw stays lower
ENCODED
array:x,y
