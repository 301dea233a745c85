--TEST--
Under beyod's production looper (beyod\event\Event on libevent as Yii::$app->eventLooper, in a child PHP with event.so): reconnection after the peer hangs up (reconnect_interval 0.2, three connections, then close() by the application: no fourth), with the extension and with the original (scenario php-tests/scenarios/real/reconnect-peer-close.php)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_event_looper(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/real-code.php';
compare_under_event_looper(__DIR__ . '/../scenarios/real/reconnect-peer-close.php');
?>
--EXPECT--
onConnect #1
onMessage conn1 hello
send('bye') returns true
onClose by=1
onConnect #2
onMessage conn2 hello
send('bye') returns true
onClose by=1
onConnect #3
onMessage conn3 hello
send('bye') returns true
onClose by=0
after close(): closed true
connections: 3, accepted by the server: 3
== beyod\event\Event::del() warned "Resource ID used as offset": yes
== the original beyod StreamClient under beyod\event\Event printed the same
