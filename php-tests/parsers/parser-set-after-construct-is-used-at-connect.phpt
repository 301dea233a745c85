--TEST--
Properties set after construction (as Yii's DI container does: target, parser, reconnect_interval) are read at connect()
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
$c = new StreamClient();
$c->target = tcp_target($port);
$c->parser = 'LineParser';             // a class name, never seen by init()
$got = new ArrayObject();
$c->on('onConnect', fn ($e) => $e->sender->send("a\nb"));   // encoded by LineParser: "a\nb\n"
$c->on('onMessage', function ($e) use ($got) { $got[] = $e->message; });
$c->connect();
wait_until(fn () => count($got) >= 2, 3, 'two lines');
var_dump((array)$got, $c->parser instanceof LineParser);
$c->close();
stop_server($srv);
?>
--EXPECT--
array(2) {
  [0]=>
  string(1) "a"
  [1]=>
  string(1) "b"
}
bool(true)
