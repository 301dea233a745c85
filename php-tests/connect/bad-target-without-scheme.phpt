--TEST--
A target without scheme makes connect() throw an exception naming the target; the client is still usable with a fixed target
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
$c = new StreamClient(['target' => "127.0.0.1:$port", 'parser' => 'LineParser']);
$st = new stdClass();
$st->msg = null;
$c->on('onConnect', fn ($e) => $e->sender->send('after fix'));
$c->on('onMessage', function ($e) use ($st) { $st->msg = $e->message; });
try {
    $c->connect();
    echo "no exception\n";
} catch (Throwable $e) {
    echo get_class($e), ", names the target: ", var_export(str_contains($e->getMessage(), "127.0.0.1:$port"), true), "\n";
}
var_dump($c->isEstablished);

$c->target = tcp_target($port);
$c->connect();
wait_until(fn () => $st->msg !== null, 3, 'echo after fix');
var_dump($st->msg);
$c->close();
stop_server($srv);
?>
--EXPECTF--
%s, names the target: true
bool(false)
string(9) "after fix"
