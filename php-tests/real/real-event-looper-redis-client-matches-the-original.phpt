--TEST--
Under beyod's production looper (beyod\event\Event on libevent as Yii::$app->eventLooper, in a child PHP with event.so): beyod's redis Client, requests and responses through call(), with the extension and with the original (scenario php-tests/scenarios/real/redis-client.php)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_event_looper(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/real-code.php';
compare_under_event_looper(__DIR__ . '/../scenarios/real/redis-client.php');
?>
--EXPECT--
beyod\protocol\redis\Client, parser beyod\protocol\redis\Parser
send() returned: [true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,true]
0: type ":", error null, null false, data 0
   fields {"type":":","data":0,"error":null,"len":4,"rawData":"0"}
1: type "+", error null, null false, data "OK"
   fields {"type":"+","data":"OK","error":null,"len":5,"rawData":"OK"}
2: type "$", error null, null false, data "va\r\nlue"
   fields {"type":"$","data":"va\r\nlue","error":null,"len":13,"rawData":"va\r\nlue"}
3: type ":", error null, null false, data 1
   fields {"type":":","data":1,"error":null,"len":4,"rawData":"1"}
4: type ":", error null, null false, data 42
   fields {"type":":","data":42,"error":null,"len":5,"rawData":"42"}
5: type "$", error null, null false, data ""
   fields {"type":"$","data":"","error":null,"len":5,"rawData":null}
6: type ":", error null, null false, data 3
   fields {"type":":","data":3,"error":null,"len":4,"rawData":"3"}
7: type "*", error null, null false, data ["a","","c"]
   fields {"type":"*","data":["a","","c"],"error":null,"len":4,"rawData":["a","","c"]}
8: type "*", error null, null false, data ["va\r\nlue",null,"42"]
   fields {"type":"*","data":["va\r\nlue",null,"42"],"error":null,"len":4,"rawData":["va\r\nlue",null,"42"]}
9: type "-", error "WRONGTYPE Operation against a key holding the wrong kind of value", null false, data null
   fields {"type":"-","data":null,"error":"md5 ab536648b0cd46643f956782e0f2d5f1","len":68,"rawData":"md5 ab536648b0cd46643f956782e0f2d5f1"}
10: type "+", error null, null false, data "OK"
   fields {"type":"+","data":"OK","error":null,"len":5,"rawData":"OK"}
11: type "$", error null, null false, data string of 360000 bytes, identical: true
   fields {"type":"$","data":"md5 70886d39f3260d874757872996e4711d","error":null,"len":360011,"rawData":"md5 70886d39f3260d874757872996e4711d"}
12: type "+", error null, null false, data "PONG"
   fields {"type":"+","data":"PONG","error":null,"len":7,"rawData":"PONG"}
13: type ":", error null, null false, data 0
   fields {"type":":","data":0,"error":null,"len":5,"rawData":null}
14: type "+", error null, null false, data "OK"
   fields {"type":"+","data":"OK","error":null,"len":5,"rawData":"OK"}
15: type "+", error null, null false, data "OK"
   fields {"type":"+","data":"OK","error":null,"len":5,"rawData":"OK"}
16: type "+", error null, null false, data "OK"
   fields {"type":"+","data":"OK","error":null,"len":5,"rawData":"OK"}
17: type "*", error null, null false, data ["5","1","1.5"]
   fields {"type":"*","data":["5","1","1.5"],"error":null,"len":4,"rawData":["5","1","1.5"]}
18: type "+", error null, null false, data "OK"
   fields {"type":"+","data":"OK","error":null,"len":5,"rawData":"OK"}
19: type "$", error null, null false, data "tester"
   fields {"type":"$","data":"tester","error":null,"len":12,"rawData":"tester"}
20: type "+", error null, null false, data "OK"
   fields {"type":"+","data":"OK","error":null,"len":5,"rawData":"OK"}
21: type "$", error null, null false, data ""
   fields {"type":"$","data":"","error":null,"len":6,"rawData":""}
unknown method: yii\base\UnknownMethodException: Calling unknown method: beyod\protocol\redis\Client::notACommand()
== beyod\event\Event::del() warned "Resource ID used as offset": no
== the original beyod StreamClient under beyod\event\Event printed the same
