--TEST--
a panic inside the extension's fork handler (run in the new child before PHP does) is a stderr line naming it; the child runs on and both processes exit 0
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; require __DIR__ . '/../inc/panic.php'; skip_without_panic_inject(); ?>
<?php if (!function_exists('pcntl_fork')) die('skip needs pcntl'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/panic.php';
run_child_php(<<<'PHP'
    beyod\ext\__panic_at('atfork');
    $pid = pcntl_fork();
    if ($pid === 0) { echo "child ran\n"; exit(0); }
    pcntl_waitpid($pid, $status);
    echo "child exit code ", pcntl_wexitstatus($status), "\n";
    PHP);
?>
--EXPECTF--
stdout:
child ran
child exit code 0
stderr reports:
beyod_streamclient: internal error in atfork: injected panic at atfork (at src/%s.rs:%d:%d)
panic hook line: yes
exit code 0
