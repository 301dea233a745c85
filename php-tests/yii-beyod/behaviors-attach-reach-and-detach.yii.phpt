--TEST--
Behaviors from behaviors(), 'as name' config and attachBehavior(): their events() handlers run, their methods/properties are reached through the client, detach removes them: with Yii only (stand-in) (scenario php-tests/scenarios/behavior.php)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/modes.php';
load_mode('yii');
require __DIR__ . '/../scenarios/behavior.php';
?>
--EXPECT--
behaviors: declared, configured, attached
owner set: true
declared saw: D:one D:two
configured saw: C:one C:two
attached saw: -one -two
label: first, isset(prefix): true
describe(): first/D:!
hasMethod('describe'): true, without behaviors: false
canGetProperty('messages'): true, canSetProperty('nope'): false
detached declared: Counter, owner now null
describe(): unnamed/C:
declared saw: 2, configured saw: 3
behaviors left: 0
yii\base\UnknownMethodException: Calling unknown method: BehavedClient::describe()
yii\base\UnknownPropertyException: Getting unknown property: BehavedClient::label
lazy prefix: L:
