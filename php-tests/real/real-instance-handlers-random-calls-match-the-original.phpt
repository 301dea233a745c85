--TEST--
Instance handlers on the real stack: a seeded random sequence of on() (exact names, wildcard patterns, append and prepend, $data), off() of one handler or a whole name, hasEventHandlers() and trigger() gives the original's (yii\base\Component's) results and handler order
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
compare_with_original(__DIR__ . '/../scenarios/real/instance-handlers-random.php');
?>
--EXPECT--
557 calls, 186 triggers running 563 handlers; transcript md5 cfc72d6ab8c821a7d3fb8980f1df6822
== the original beyod StreamClient printed the same
