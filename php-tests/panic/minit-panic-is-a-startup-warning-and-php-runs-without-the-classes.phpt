--TEST--
a panic inside MINIT is a startup warning naming it, and PHP starts anyway (a failed MINIT would end every script with exit(-2)): the script runs, without the classes MINIT did not register
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; require __DIR__ . '/../inc/panic.php'; skip_without_panic_inject(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/panic.php';
run_child_php('var_dump(class_exists("beyod\\StreamClient")); echo "script ran\n";', 'MINIT');
?>
--EXPECTF--
stdout:
Warning: PHP Startup: beyod_streamclient: internal error in MINIT: injected panic at MINIT (at src/%s.rs:%d:%d) in Unknown on line 0
bool(false)
script ran
stderr reports: none
panic hook line: yes
exit code 0
