--TEST--
a panic inside create_object (where nothing may be thrown: new goes on to the constructor) is a warning naming it, which the script's error handler does not see (no PHP code runs inside create_object); the object has no native state, so its constructor refuses it, and it is freed without its __destruct; the next new works
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; require __DIR__ . '/../inc/panic.php'; skip_without_panic_inject(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/panic.php';
run_child_php(<<<'PHP'
    set_error_handler(function ($no, $str) { throw new ErrorException("error handler: $str"); });
    class Noisy extends StreamClient
    {
        public function __destruct() { echo "__destruct\n"; }
    }
    call_armed('create_object', fn () => new Noisy());
    $c = new Noisy(['target' => 'tcp://127.0.0.1:1']);
    echo $c->target, ' ', json_encode($c->isClosed()), "\n";
    unset($c);
    echo "done\n";
    PHP);
?>
--EXPECTF--
stdout:
Warning: {closure%S}(): beyod_streamclient: internal error in create_object: injected panic at create_object (at src/%s.rs:%d:%d) in %s on line %d
create_object: %s
tcp://127.0.0.1:1 true
__destruct
done
stderr reports: none
panic hook line: yes
exit code 0
