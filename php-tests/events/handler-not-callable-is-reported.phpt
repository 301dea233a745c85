--TEST--
A handler that is not callable is reported (exception or warning naming it) at on() or at trigger(), not silently ignored
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\StreamClient;

set_error_handler(function ($no, $str) { throw new ErrorException($str, 0, $no); });
$c = new StreamClient();
try {
    $c->on('onSomething', 'no_such_function_here');
    $c->trigger('onSomething');
    echo "not reported\n";
} catch (Throwable $e) {
    echo "reported, names the handler: ", var_export(str_contains($e->getMessage(), 'no_such_function_here'), true), "\n";
}
?>
--EXPECT--
reported, names the handler: true
