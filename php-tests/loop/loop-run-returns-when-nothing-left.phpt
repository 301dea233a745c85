--TEST--
Loop::run() returns at once when there is nothing to do, after the last timer fires, and when the last connection closes; an idle established connection keeps it running
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

$t = run_until_idle(2);
echo "empty loop: ", $t < 0.1 ? 'returned at once' : sprintf('%.3f s', $t), "\n";

Loop::after(0.2, fn () => print("timer fired\n"));
$t = run_until_idle(2);
echo "one timer: ", ($t >= 0.18 && $t < 1) ? 'returned after it fired' : sprintf('%.3f s', $t), "\n";

// the server closes the connection 400 ms after accepting it
[$srv, $port] = start_server('close-after.php', 0, 'lines', '--delay=400');
$c = new StreamClient(['target' => tcp_target($port)]);
$c->on('onClose', fn ($e) => print("onClose by {$e->by}\n"));
$c->connect();
$t = run_until_idle(3);
echo "one connection: ", ($t >= 0.35 && $t < 2) ? 'returned when it closed' : sprintf('%.3f s', $t), "\n";
stop_server($srv);
?>
--EXPECT--
empty loop: returned at once
timer fired
one timer: returned after it fired
onClose by 1
one connection: returned when it closed
