--TEST--
a panic inside the extension's autoload hook is an Error naming it (the class is not found that time); the next lookup loads the class, and the script's own autoloaders still run through the hook
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; require __DIR__ . '/../inc/panic.php'; skip_without_panic_inject(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/panic.php';
run_child_php(<<<'PHP'
    spl_autoload_register(function ($class) {
        if (str_starts_with($class, 'App\\')) {
            echo "app autoloader: $class\n";
        }
    });
    call_armed('autoload', fn () => class_exists('beyod\ext\Event'));
    echo json_encode([class_exists('beyod\ext\Event'), class_exists('App\Missing')]), "\n";
    PHP);
?>
--EXPECTF--
stdout:
autoload: Error: beyod_streamclient: internal error in autoload: injected panic at autoload (at src/%s.rs:%d:%d)
app autoloader: App\Missing
[true,false]
stderr reports: none
panic hook line: yes
exit code 0
