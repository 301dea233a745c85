--TEST--
beyod's real redis Client (__call → Request, Response) against redis-server, run with the extension and with the original: pipelined commands, every reply kind, binary values, a 360 kB reply over many reads, an unknown method
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_real_code(); ?>
<?php if (!is_executable('/usr/bin/redis-server')) die('skip redis-server not installed'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
require __DIR__ . '/../inc/real-code.php';
compare_with_original(__DIR__ . '/../scenarios/real/redis-client.php');
?>
--EXPECT--
beyod\protocol\redis\Client, parser beyod\protocol\redis\Parser
send() returned: [true,true,true,true,true,true,true,true,true,true,true,true,true]
0: type ":", error null, null false, data 0
1: type "+", error null, null false, data "OK"
2: type "$", error null, null false, data "va\r\nlue"
3: type ":", error null, null false, data 1
4: type ":", error null, null false, data 42
5: type "$", error null, null false, data ""
6: type ":", error null, null false, data 3
7: type "*", error null, null false, data ["a","","c"]
8: type "*", error null, null false, data ["va\r\nlue",null,"42"]
9: type "-", error "WRONGTYPE Operation against a key holding the wrong kind of value", null false, data null
10: type "+", error null, null false, data "OK"
11: type "$", error null, null false, data string of 360000 bytes, identical: true
12: type "+", error null, null false, data "PONG"
unknown method: yii\base\UnknownMethodException: Calling unknown method: beyod\protocol\redis\Client::notACommand()
== the original beyod StreamClient printed the same
