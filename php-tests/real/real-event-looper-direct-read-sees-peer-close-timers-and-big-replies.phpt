--TEST--
Under beyod's production looper (beyod\event\Event on libevent as Yii::$app->eventLooper, in a child PHP with event.so), with one plain connection and nothing else pending, the looper's Loop::tick(0) reads the socket without polling the reactor; across that path nothing is missed: a ping-pong of 100+ round trips in order, a timer falling due and a second client (made by a handler, closing itself in its own handler) mid-stream, a 2 MiB reply (many reads), an 8 MiB line the socket takes only in part (writability asked for again) echoed back whole, an idle wait that costs no CPU (the descriptor does not stay readable), and a last line arriving with the server's FIN, then onClose by peer (scenario php-tests/scenarios/real/direct-read.php)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_event_looper(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/real-code.php';
run_extension_under_event_looper(__DIR__ . '/../scenarios/real/direct-read.php');
?>
--EXPECT--
Yii::$app->eventLooper: BeyodTest\LibeventLooper
1. ping-pong: at least 100 round trips, every reply in order: true
2. timer fired mid-stream: true
2. second client: pong b (during the ping-pong), connections established now: 1
3. a reply of 2097159 bytes: big intact
3. an 8 MiB line sent at once, written at once only in part: true, echoed back whole: true
4. idle under the looper, CPU < 10 %: true
5. last lines: pong last, bye; then onClose by peer: true, after the last line: true
connections left: none
done
== beyod\event\Event::del() warned "Resource ID used as offset": no
