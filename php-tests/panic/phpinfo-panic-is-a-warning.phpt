--TEST--
a panic inside the extension's phpinfo() section is a warning naming it, and phpinfo() goes on with the other extensions
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; require __DIR__ . '/../inc/panic.php'; skip_without_panic_inject(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/panic.php';
run_child_php(<<<'PHP'
    call_armed('phpinfo()', function () {
        ob_start();
        phpinfo(INFO_MODULES);
        $info = ob_get_clean();
        echo trim(implode("\n", preg_grep('/beyod_streamclient: internal error/', explode("\n", $info)))), "\n";
        return str_contains($info, 'Core');
    });
    PHP);
?>
--EXPECTF--
stdout:
Warning: phpinfo(): beyod_streamclient: internal error in phpinfo(): injected panic at phpinfo() (at src/%s.rs:%d:%d) in %s on line %d
phpinfo(): returned true
stderr reports: none
panic hook line: yes
exit code 0
