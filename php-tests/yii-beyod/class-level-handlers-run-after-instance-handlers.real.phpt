--TEST--
yii\base\Event::on(StreamClient::class / a subclass, …) handlers receive IOEvent/MessageEvent/CloseEvent/ErrorEvent kinds after the instance's handlers; handled stops them: with the real beyod and Yii 2 (scripts/vendor) (scenario php-tests/scenarios/class-level-handlers.php)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php require __DIR__ . '/../inc/real-code.php'; skip_without_real_code(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/modes.php';
load_mode('real');
require __DIR__ . '/../scenarios/class-level-handlers.php';
?>
--EXPECT--
beyod\StreamClient:
  instance: onConnect beyod\IOEvent (a yii\base\Event)
  class-level StreamClient: onConnect beyod\IOEvent (a yii\base\Event) sender beyod\StreamClient
  instance: onMessage beyod\MessageEvent (a yii\base\Event)
  instance: onClose beyod\CloseEvent (a yii\base\Event)
SubClient:
  instance: onConnect beyod\IOEvent (a yii\base\Event)
  class-level StreamClient: onConnect beyod\IOEvent (a yii\base\Event) sender SubClient
  instance: onMessage beyod\MessageEvent (a yii\base\Event)
  class-level SubClient: onMessage beyod\MessageEvent (a yii\base\Event) sender SubClient
  instance: onClose beyod\CloseEvent (a yii\base\Event)
  class-level SubClient: onClose beyod\CloseEvent (a yii\base\Event) sender SubClient
a handler setting handled stops the class-level ones:
  instance: custom, handled
without instance handlers, class-level ones still run:
  class-level SubClient: custom yii\base\Event (a yii\base\Event) sender SubClient
hasEventHandlers('custom'): true
a failed connect:
  instance: onConnectFailed code 111
  class-level StreamClient: onConnectFailed beyod\ErrorEvent (a yii\base\Event) sender beyod\StreamClient
