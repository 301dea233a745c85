--TEST--
The config array of a subclass's constructor is assigned from outside the class, as the original's Yii::configure(): protected and private properties go through Yii's __set() (their setter; else "Setting unknown property", or "Setting read-only property" with only a getter), never written directly
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
compare_with_original(__DIR__ . '/../scenarios/real/config-array-scope.php');
?>
--EXPECT--
{"open":"x"}: ["x","default","default","default","default"]
{"kept":"x"}: yii\base\UnknownPropertyException: Setting unknown property: ScopedClient::kept
{"own":"x"}: yii\base\UnknownPropertyException: Setting unknown property: ScopedClient::own
{"withSetter":"x"}: ["default","default","default","via setter: x","default"]
{"withGetter":"x"}: yii\base\InvalidCallException: Setting read-only property: ScopedClient::withGetter
{"target":"tcp:\/\/127.0.0.1:1","open":"y"}: ["y","default","default","default","default"]
== the original beyod StreamClient printed the same
