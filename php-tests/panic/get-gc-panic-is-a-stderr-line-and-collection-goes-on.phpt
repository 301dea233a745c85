--TEST--
a panic inside get_gc (in the middle of a collection, where neither an exception nor a warning may be raised) is a stderr line naming it; that collection leaves the cycle through the client's attributes alone (the standard report), later ones collect such cycles, and the process exits 0
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; require __DIR__ . '/../inc/panic.php'; skip_without_panic_inject(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/panic.php';
run_child_php(<<<'PHP'
    $c = new beyod\StreamClient(); $c->setAttribute('self', $c); unset($c);
    beyod\ext\__panic_at('get_gc');
    echo "collected while it panicked: ", gc_collect_cycles(), "\n";
    $c = new beyod\StreamClient(); $c->setAttribute('self', $c); unset($c);
    echo "collected afterwards: ", gc_collect_cycles(), "\n";
    PHP);
?>
--EXPECTF--
stdout:
collected while it panicked: 0
collected afterwards: %r[1-9]\d*%r
stderr reports:
beyod_streamclient: internal error in get_gc: injected panic at get_gc (at src/%s.rs:%d:%d)
panic hook line: yes
exit code 0
