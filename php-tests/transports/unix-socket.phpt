--TEST--
unix:///abs/path targets work (the original threw "empty scheme"): lines echoed, peer close seen
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

$path = unix_path('echo');
[$srv, $p] = start_server('line-echo.php', "--listen=unix://$path");
$c = new StreamClient(['target' => "unix://$path", 'parser' => 'LineParser']);
$got = new ArrayObject();
$c->on('onConnect', function ($e) { $e->sender->send('one'); $e->sender->send('two'); });
$c->on('onMessage', function ($e) use ($got) { $got[] = $e->message; });
$c->connect();
wait_until(fn () => count($got) >= 2, 3, 'echo');
var_dump((array)$got, $c->isUnix(), $c->getId());
$c->close();
stop_server($srv);

// a unix server that closes the connection itself
$path2 = unix_path('closer');
[$srv, $p] = start_server('close-after.php', 2, 'lines', "--listen=unix://$path2");
$d = new StreamClient(['target' => "unix://$path2", 'parser' => 'LineParser']);
$d->on('onMessage', fn ($e) => print("{$e->message}\n"));
$d->on('onClose', fn ($e) => print("onClose by {$e->by}\n"));
$d->connect();
run_until_idle(3);
stop_server($srv);
?>
--EXPECT--
array(2) {
  [0]=>
  string(3) "one"
  [1]=>
  string(3) "two"
}
bool(true)
int(1)
conn1 line1
conn1 line2
onClose by 1
