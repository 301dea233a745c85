--TEST--
(new StreamClient($cfg))->connect() with no variable kept: the loop keeps the client alive while it has work; its handlers receive the messages
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('close-after.php', 3, 'lines', '--delay=200');
(new StreamClient([
    'target' => tcp_target($port),
    'parser' => 'LineParser',
    'on onConnect' => fn () => print("onConnect\n"),
    'on onMessage' => fn ($e) => print("onMessage {$e->message}\n"),
    'on onClose' => fn ($e) => print("onClose by {$e->by}\n"),
]))->connect();
gc_collect_cycles();
run_until_idle(3);
echo "done\n";
stop_server($srv);
?>
--EXPECT--
onConnect
onMessage conn1 line1
onMessage conn1 line2
onMessage conn1 line3
onClose by 1
done
