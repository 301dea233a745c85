--TEST--
Yii configuration of real clients: Yii::$container->set() defaults and aliases, Yii::createObject() with parser configs and reconnect_interval, application components, Yii::configure() with "on" and "as" keys: what is observable right after creation matches the original (parser object, reConnect handlers, behaviors)
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
compare_with_original(__DIR__ . '/../scenarios/real/yii-configuration.php');
?>
--EXPECT--
container defaults + createObject: beyod\StreamClient, target "tcp:\/\/127.0.0.1:1", timeout 7, reconnect_interval 0, parser null, reConnect attached: false
  read_buffer_size 4096
createObject with a parser config and reconnect_interval: beyod\StreamClient, target "tcp:\/\/127.0.0.1:2", timeout 7, reconnect_interval 2, parser beyod\protocol\text\Parser, reConnect attached: true
  parser delimiter "\n", max_packet_size 2097152
container alias: beyod\dispatcher\Client, target "tcp:\/\/127.0.0.1:3", timeout 9, reconnect_interval 3, parser beyod\dispatcher\Parser, reConnect attached: true
application component: beyod\protocol\redis\Client, target "unix:\/\/\/tmp\/no-such-redis.sock", timeout 30, reconnect_interval 0, parser beyod\protocol\redis\Parser, reConnect attached: false
  the same object twice: true
Yii::configure() after creation: beyod\StreamClient, target "tcp:\/\/127.0.0.1:4", timeout 7, reconnect_interval 0, parser beyod\protocol\frame\Parser, reConnect attached: false
  behavior: CountingBehavior, its method through the client: hello from beyod\StreamClient
  onBeforeConnect handler from 'on onBeforeConnect': beyod\IOEvent
  the behavior saw: ["onBeforeConnect"]
== the original beyod StreamClient printed:
container defaults + createObject: beyod\StreamClient, target "tcp:\/\/127.0.0.1:1", timeout 7, reconnect_interval 0, parser null, reConnect attached: false
  read_buffer_size 4096
createObject with a parser config and reconnect_interval: beyod\StreamClient, target "tcp:\/\/127.0.0.1:2", timeout 7, reconnect_interval 2, parser beyod\protocol\text\Parser, reConnect attached: true
  parser delimiter "\n", max_packet_size 2097152
container alias: beyod\dispatcher\Client, target "tcp:\/\/127.0.0.1:3", timeout 9, reconnect_interval 3, parser beyod\dispatcher\Parser, reConnect attached: true
application component: beyod\protocol\redis\Client, target "unix:\/\/\/tmp\/no-such-redis.sock", timeout 30, reconnect_interval 0, parser beyod\protocol\redis\Parser, reConnect attached: false
  the same object twice: true
Yii::configure() after creation: beyod\StreamClient, target "tcp:\/\/127.0.0.1:4", timeout 7, reconnect_interval 0, parser "beyod\\protocol\\frame\\Parser", reConnect attached: false
  behavior: CountingBehavior, its method through the client: hello from beyod\StreamClient
  onBeforeConnect handler from 'on onBeforeConnect': beyod\IOEvent
  the behavior saw: ["onBeforeConnect"]
