--TEST--
Yii configuration of real clients: Yii::$container->set() defaults and aliases, Yii::createObject() with parser configs and reconnect_interval, application components, Yii::configure() with "on" and "as" keys: what is observable right after creation matches the original (parser object, reConnect handlers, behaviors)
--SKIPIF--
<?php if (!extension_loaded('beyod_streamclient')) die('skip beyod_streamclient not loaded'); ?>
<?php require __DIR__ . '/inc/real-code.php'; skip_without_real_code(); ?>
--INI--
; the documented run command loads the extension twice (TEST_PHP_ARGS and -d): keep the
; "Module already loaded" startup warning out of the test output
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/inc/helpers.php';
require __DIR__ . '/inc/real-code.php';
compare_with_original(__DIR__ . '/scenarios/real/yii-configuration.php');
?>
--EXPECT--
