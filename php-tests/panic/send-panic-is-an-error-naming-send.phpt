--TEST--
a panic inside send()'s own entry (the per-message short way, an extern "C" handler) is an Error naming send() with the panic's message, and the client keeps working
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
    call_armed('StreamClient::send()', fn () => $c->send("lost\n"));
    call_armed('none', fn () => $c->send("queued\n"));
    echo "done\n";
    PHP);
?>
--EXPECTF--
stdout:
StreamClient::send(): Error: beyod_streamclient: internal error in StreamClient::send(): injected panic at StreamClient::send() (at src/%s.rs:%d:%d)
none: returned 7
done
stderr reports: none
panic hook line: yes
exit code 0
