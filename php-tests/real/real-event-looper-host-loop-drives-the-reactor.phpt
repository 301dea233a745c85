--TEST--
Under beyod's production looper (beyod\event\Event on libevent as Yii::$app->eventLooper, in a child PHP with event.so), with the extension: the looper's own loop() drives the reactor with nothing called by the application — failures at once, echo, a 1 s connect timeout with the process idle, a reconnect, a restarted server — as under the stream_select looper (php-tests/loop/host-loop-yii-app-event-looper.real.phpt). The scenario uses unix:// targets and the extension's API: the original cannot run it
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_event_looper(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/real-code.php';
run_extension_under_event_looper(__DIR__ . '/../scenarios/real/host-event-looper.php');
?>
--EXPECT--
Yii::$app->eventLooper: BeyodTest\LibeventLooper
0. unix:// path missing: onConnectFailed code 2 "No such file or directory"
0. bindto not bindable: onConnectFailed code 99 "Cannot assign requested address"
0. unix:// path missing: onConnectFailed 3 times, the third after two intervals
1. echo: hello
2. timeout: code 20, after 1 s: yes, CPU while waiting < 5 %: yes
3. reconnect: conn1 line1
3. reconnect: conn2 line1, after the interval: yes
4. restart: before the restart
4. server killed: onClose by peer
4. restart: after the restart, from a new server process on the same port: true, failed attempts: 0
done
descriptors the looper watched: 1
== beyod\event\Event::del() warned "Resource ID used as offset": no
