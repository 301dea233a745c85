--TEST--
An immediate connect failure (unix socket path that does not exist: ENOENT = 2) is delivered as onConnectFailed from the loop, never inside connect()
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

$c = new StreamClient(['target' => 'unix://' . unix_path('missing')]);
$c->on('onConnectFailed', fn ($e) => print("onConnectFailed code={$e->code}\n"));
$c->connect();
echo "connect() returned\n";
run_until_idle(2);
echo "run() returned\n";
?>
--EXPECT--
connect() returned
onConnectFailed code=2
run() returned
