--TEST--
a panic inside the class's write_property handler is an Error naming it; the property keeps its value and the next writes work
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; require __DIR__ . '/../inc/panic.php'; skip_without_panic_inject(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/panic.php';
run_child_php(<<<'PHP'
    $c = new StreamClient(['target' => 'tcp://127.0.0.1:1']);
    call_armed('write_property', function () use ($c) { $c->target = 'tcp://127.0.0.1:2'; });
    echo $c->target, "\n";
    $c->target = 'tcp://127.0.0.1:3';
    $c->parser = 'beyod\ext\LineParser';
    echo $c->target, ' ', get_class($c->parser), "\n";
    echo "done\n";
    PHP);
?>
--EXPECTF--
stdout:
write_property: Error: beyod_streamclient: internal error in write_property: injected panic at write_property (at src/%s.rs:%d:%d)
tcp://127.0.0.1:1
tcp://127.0.0.1:3 beyod\ext\LineParser
done
stderr reports: none
panic hook line: yes
exit code 0
