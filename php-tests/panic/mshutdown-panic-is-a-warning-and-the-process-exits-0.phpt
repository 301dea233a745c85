--TEST--
a panic inside MSHUTDOWN is a warning naming it, and the process ends normally with exit code 0
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; require __DIR__ . '/../inc/panic.php'; skip_without_panic_inject(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/panic.php';
run_child_php('beyod\ext\__panic_at("MSHUTDOWN"); echo "script ran\n";');
?>
--EXPECTF--
stdout:
script ran

Warning: PHP Shutdown: beyod_streamclient: internal error in MSHUTDOWN: injected panic at MSHUTDOWN (at src/%s.rs:%d:%d) in Unknown on line 0
stderr reports: none
panic hook line: yes
exit code 0
