--TEST--
The redis example: a real redis-server through a StreamClient subclass whose __call() maps commands and falls back to parent::__call(), built by Yii::createObject() when Yii is there; pipelined commands queued before connect(): with the real beyod and Yii 2 (scripts/vendor) (scenario php-tests/scenarios/redis.php)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_real_code(); ?>
<?php if (!is_executable('/usr/bin/redis-server')) die('skip redis-server not installed'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/modes.php';
load_mode('real');
require __DIR__ . '/../scenarios/redis.php';
?>
--EXPECT--
client: beyod\protocol\redis\Client, parser: beyod\protocol\redis\Parser
DEL -> 0
SET -> "OK"
GET -> "hello from real"
INCR x100 -> true
LPUSH -> 2, LRANGE -> ["b","a"]
GET missing -> ""
unknown method: yii\base\UnknownMethodException: Calling unknown method: beyod\protocol\redis\Client::notACommand()
