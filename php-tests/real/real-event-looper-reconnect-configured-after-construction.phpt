--TEST--
Under beyod's production looper (beyod\event\Event on libevent as Yii::$app->eventLooper, in a child PHP with event.so), with the extension: reconnection configured by Yii::createObject() after construction, reconnect after the interval, none after close(), as under the stream_select looper (php-tests/reconnect/reconnect-configured-after-construction.real.phpt). The scenario uses the extension's API (StreamClient::ON_* constants): the original cannot run it (php-tests/real/real-event-looper-reconnect-after-peer-close-*.phpt compares reconnection with it)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_event_looper(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/real-code.php';
run_extension_under_event_looper(__DIR__ . '/../scenarios/real/reconnect.php');
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
== beyod\event\Event::del() warned "Resource ID used as offset": no
