--TEST--
yii\base\Event::on() class-level handlers on the real stack, run with the extension and with the original: on StreamClient, a subclass, the original's parent classes and interfaces, wildcard class names, with data, stopped by handled, Event::off(), on a real event
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
compare_with_original(__DIR__ . '/../scenarios/real/class-level-handlers.php');
?>
--EXPECT--
beyod\StreamClient->trigger('custom'):
  instance handler
  class-level on beyod\*: custom (yii\base\Event) sender beyod\StreamClient
  class-level on beyod\StreamClient: custom (yii\base\Event) sender beyod\StreamClient
  class-level on beyod\BaseConnection: custom (yii\base\Event) sender beyod\StreamClient
  class-level on yii\base\Component: custom (yii\base\Event) sender beyod\StreamClient
  class-level on yii\base\BaseObject: custom (yii\base\Event) sender beyod\StreamClient
  class-level on yii\base\Configurable: custom (yii\base\Event) sender beyod\StreamClient
  Event::hasHandlers(beyod\StreamClient, 'custom'): true
SubClient->trigger('custom'):
  instance handler
  class-level on Sub*: custom (yii\base\Event) sender SubClient
  class-level on SubClient: custom (yii\base\Event) sender SubClient, data {"some":"data"}
  class-level on beyod\*: custom (yii\base\Event) sender SubClient
  class-level on beyod\StreamClient: custom (yii\base\Event) sender SubClient
  class-level on beyod\BaseConnection: custom (yii\base\Event) sender SubClient
  class-level on yii\base\Component: custom (yii\base\Event) sender SubClient
  class-level on yii\base\BaseObject: custom (yii\base\Event) sender SubClient
  class-level on yii\base\Configurable: custom (yii\base\Event) sender SubClient
  Event::hasHandlers(SubClient, 'custom'): true
an instance handler setting handled stops them:
  instance handler, handled
after Event::off('beyod\StreamClient', 'custom'):
  class-level on Sub*: custom (yii\base\Event) sender SubClient
  class-level on SubClient: custom (yii\base\Event) sender SubClient, data {"some":"data"}
  class-level on beyod\*: custom (yii\base\Event) sender SubClient
  class-level on beyod\BaseConnection: custom (yii\base\Event) sender SubClient
  class-level on yii\base\Component: custom (yii\base\Event) sender SubClient
  class-level on yii\base\BaseObject: custom (yii\base\Event) sender SubClient
  class-level on yii\base\Configurable: custom (yii\base\Event) sender SubClient
hasEventHandlers() of a name with handlers only on beyod\BaseConnection: true
on a real event (a refused connect's onConnectFailed, registered on beyod\StreamClient):
  instance handler
  class-level on beyod\StreamClient: onConnectFailed (beyod\ErrorEvent) sender SubClient
== the original beyod StreamClient printed the same
