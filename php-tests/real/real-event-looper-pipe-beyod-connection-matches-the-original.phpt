--TEST--
Under beyod's production looper (beyod\event\Event on libevent as Yii::$app->eventLooper, in a child PHP with event.so): a reverse proxy the beyod way, a real beyod\Connection pipe()d to a StreamClient both ways, with the extension and with the original (scenario php-tests/scenarios/pipe-beyod-connection.php)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_event_looper(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/real-code.php';
compare_under_event_looper(__DIR__ . '/../scenarios/real/pipe-beyod-connection.php');
?>
--EXPECT--
looper: BeyodTest\LibeventLooper (Yii::$app->eventLooper), connection: beyod\Connection
pipe set up by the client:
  user got back 100029 bytes (3 lines, one of 100 000 bytes), identical: true
  connection's end is the client true, client's end is the connection true
  after unpipe() from the other end: connection's end null, client's end null
  client onClose by self
  user hung up: connection closed true, client closed true
pipe set up by the connection:
  user got back 100029 bytes (3 lines, one of 100 000 bytes), identical: true
  connection's end is the client true, client's end is the connection true
  after unpipe() from the other end: connection's end null, client's end null
  client onClose by self
  user hung up: connection closed true, client closed true
client onClose by peer (the connection still open: true)
backend hung up: user got "conn1 line1\nconn1 line2\n", then EOF: true; connection closed true, client closed true
== beyod\event\Event::del() warned "Resource ID used as offset": yes
== the original beyod StreamClient under beyod\event\Event printed:
looper: BeyodTest\LibeventLooper (Yii::$app->eventLooper), connection: beyod\Connection
pipe set up by the client:
  user got back 100029 bytes (3 lines, one of 100 000 bytes), identical: true
  connection's end is the client true, client's end is the connection true
  after unpipe() from the other end: connection's end null, client's end null
  client onClose by self
  user hung up: connection closed true, client closed true
pipe set up by the connection:
  user got back 100029 bytes (3 lines, one of 100 000 bytes), identical: true
  connection's end is the client true, client's end is the connection true
  after unpipe() from the other end: connection's end null, client's end null
  client onClose by self
  user hung up: connection closed true, client closed true
client onClose by peer (the connection still open: true)
TIMEOUT
backend hung up: user got "conn1 line1\nconn1 line2\n", then EOF: false; connection closed false, client closed true
