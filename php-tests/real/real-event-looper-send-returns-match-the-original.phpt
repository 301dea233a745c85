--TEST--
Under beyod's production looper (beyod\event\Event on libevent as Yii::$app->eventLooper, in a child PHP with event.so): send() returns the bytes written when only part goes out, with the extension and with the original (scenario php-tests/scenarios/real/send-returns.php)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_event_looper(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/real-code.php';
compare_under_event_looper(__DIR__ . '/../scenarios/real/send-returns.php');
?>
--EXPECT--
send(32 MB) from onConnect returns an int, the bytes written (less than the message)
  onBufferFull
then send('small') returns false
onBufferDrain: 1, the peer got every accepted byte: true
send(32 MB) outside handlers returns an int, the bytes written (less than the message)
onBufferDrain: 1, the peer got every accepted byte: true
== beyod\event\Event::del() warned "Resource ID used as offset": yes
== the original beyod StreamClient under beyod\event\Event printed the same
