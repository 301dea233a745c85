--TEST--
(string)$client is "$id $peer $local" (the manual's format, not the original's "$id $target $local")
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
$c = new StreamClient(['target' => "tcp://localhost:$port"]);
var_dump((string)$c);
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');
$s = (string)$c;
echo "matches: ", var_export($s === "{$c->getId()} {$c->peer} {$c->local}", true), "\n";
echo "shape: ", var_export((bool)preg_match("/^1 127\.0\.0\.1:$port 127\.0\.0\.1:\d+$/", $s), true), "\n";
echo "$c\n" === "$s\n" ? "interpolation ok\n" : "interpolation differs\n";
$c->close();
stop_server($srv);
?>
--EXPECT--
string(2) "  "
matches: true
shape: true
interpolation ok
