--TEST--
Reconnection configured by Yii::createObject() after construction (or the constructor): a redeclared $reconnect_interval overridden, afterConnected() override, application handlers kept, reconnect after the interval, none after close(): with Yii only (stand-in) (scenario php-tests/scenarios/reconnect.php)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/modes.php';
load_mode('yii');
require __DIR__ . '/../scenarios/reconnect.php';
?>
--EXPECT--
reconnect_interval at connect(): 0.2
onConnectFailed code 111
afterConnected #1
onMessage conn1 line1
onClose by peer
afterConnected #2
onMessage conn2 line1
onClose by self
reconnected after the interval: yes
reconnected after the interval: yes
closed: true, connects: 2
