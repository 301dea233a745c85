--TEST--
beyod's real dispatcher\Client (Yii::createObject(), redeclared $parser and $reconnect_interval, afterConnected() attaching an onConnect handler, frames over a dispatcher that hangs up, the reconnect after 3 s, beyod's own sub() bug on it) gives the original's transcript; the one difference: after a handler exception in onConnect the original never reads that connection again, the extension keeps it working
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_real_code(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
require __DIR__ . '/../inc/real-code.php';
compare_with_original(__DIR__ . '/../scenarios/real/dispatcher-client.php');
?>
--EXPECT--
beyod\dispatcher\Client: parser beyod\dispatcher\Parser, reconnect_interval 3
after connect(): connecting
onConnect (application handler), established: true
onMessage {"command":"set","key":"k","seq":true}
onClose by 1
onConnect (application handler), established: true
from the loop: yii\base\UnknownMethodException: Calling unknown method: beyod\dispatcher\Client::sub()
reconnected after 3 s, established: true
onMessage {"command":"set","key":"k","seq":true}
onClose by 0
closed: true
== the original beyod StreamClient printed:
beyod\dispatcher\Client: parser beyod\dispatcher\Parser, reconnect_interval 3
after connect(): connecting
onConnect (application handler), established: true
onMessage {"command":"set","key":"k","seq":true}
onClose by 1
onConnect (application handler), established: true
from the loop: yii\base\UnknownMethodException: Calling unknown method: beyod\dispatcher\Client::sub()
reconnected after 3 s, established: true
TIMEOUT: the second reply
onClose by 0
closed: true
