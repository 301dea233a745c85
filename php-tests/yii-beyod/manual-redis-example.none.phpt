--TEST--
The manual's Redis example run verbatim (its app\MyServer class text, only $redis_server pointed at a real redis-server on a unix socket): onWorkerStart() connects, ON_CONNECT sets 'a' to serialize($_SERVER) and gets it back, ON_MESSAGE print_r()s each reply; the GET reply unserializes to $_SERVER: without Yii or beyod (Yii::debug() and the beyod classes the text names are shims in the scenario file) (scenario php-tests/scenarios/manual-redis-example.php)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!is_executable('/usr/bin/redis-server')) die('skip redis-server not installed'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/modes.php';
load_mode('none');
require __DIR__ . '/../scenarios/manual-redis-example.php';
?>
--EXPECT--
app\MyServer is the manual's text: true; changed for the test: 1 line: public $redis_server = 'unix://<redis.sock>';
event loop: the extension's, Loop::run()
client: beyod\protocol\redis\Client (parser beyod\ext\RedisParser)
Yii::debug [application] "<client> connect ok "
  (<client> = (string)$event->sender: true, peer is the redis socket: true)
replies: 2, message class: string
SET a -> "OK"
GET a -> the SET's value, serialize($_SERVER): true
unserialize(GET a) == $_SERVER: true, SCRIPT_FILENAME: true, REQUEST_TIME_FLOAT: true
the example's print_r() printed both replies, in order: true
its print_r() of the SET reply: "OK"
closed: true
