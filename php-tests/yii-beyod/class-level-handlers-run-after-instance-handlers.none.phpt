--TEST--
yii\base\Event::on(StreamClient::class / a subclass, …) handlers receive IOEvent/MessageEvent/CloseEvent/ErrorEvent kinds after the instance's handlers; handled stops them: without Yii or beyod (scenario php-tests/scenarios/class-level-handlers.php)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/modes.php';
load_mode('none');
require __DIR__ . '/../scenarios/class-level-handlers.php';
?>
--EXPECT--
beyod\StreamClient:
  instance: onConnect beyod\ext\IOEvent
  instance: onMessage beyod\ext\MessageEvent
  instance: onClose beyod\ext\CloseEvent
SubClient:
  instance: onConnect beyod\ext\IOEvent
  instance: onMessage beyod\ext\MessageEvent
  instance: onClose beyod\ext\CloseEvent
a handler setting handled stops the class-level ones:
  instance: custom, handled
without instance handlers, class-level ones still run:
hasEventHandlers('custom'): false
a failed connect:
  instance: onConnectFailed code 111
