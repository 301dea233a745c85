--TEST--
a panic inside a loop step (caught by Loop::tick()'s method handler: an Error "Rust panic") leaves no flag behind: the step's depth goes back down, so the next tick and run are not refused as "inside an event handler", and a client still connects and gets its reply
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; require __DIR__ . '/../inc/panic.php'; skip_without_panic_inject(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/panic.php';
require __DIR__ . '/../inc/helpers.php';
[$srv, $port] = start_server('line-echo.php');
run_child_php(str_replace('PORT', $port, <<<'PHP'
    use beyod\ext\Loop;
    call_armed('Loop step', fn () => Loop::tick());
    call_armed('none', fn () => Loop::tick());
    $c = new StreamClient(['target' => 'tcp://127.0.0.1:PORT', 'parser' => 'beyod\ext\LineParser']);
    $c->on('onMessage', function ($e) { echo "reply: {$e->message}\n"; Loop::stop(); });
    $c->connect();
    $c->send('ping');
    Loop::after(3, function () { echo "timed out\n"; Loop::stop(); });
    Loop::run();
    echo "done\n";
    PHP));
stop_server($srv);
?>
--EXPECTF--
stdout:
Loop step: Error: Rust panic: injected panic at Loop step
none: returned 0
reply: ping
done
stderr reports: none
panic hook line: yes
exit code 0
