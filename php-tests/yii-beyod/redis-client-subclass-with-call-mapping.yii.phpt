--TEST--
The redis example: a real redis-server through a StreamClient subclass whose __call() maps commands and falls back to parent::__call(), built by Yii::createObject() when Yii is there; pipelined commands queued before connect(): with Yii only (stand-in) (scenario php-tests/scenarios/redis.php)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!is_executable('/usr/bin/redis-server')) die('skip redis-server not installed'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/modes.php';
load_mode('yii');
require __DIR__ . '/../scenarios/redis.php';
?>
--EXPECT--
client: DemoRedisClient, parser: Example\Redis\RespParser
DEL -> 0
SET -> "OK"
GET -> "hello from yii"
INCR x100 -> true
LPUSH -> 2, LRANGE -> ["b","a"]
GET missing -> null
unknown method: yii\base\UnknownMethodException: Calling unknown method: DemoRedisClient::notACommand()
