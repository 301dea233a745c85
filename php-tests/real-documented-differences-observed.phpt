--TEST--
The README's differences from the original, observed on the real stack: one section per row, run with the extension and with the original; the transcripts differ exactly where the README says
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
compare_with_original(__DIR__ . '/scenarios/real/documented-differences.php');
?>
--EXPECT--
