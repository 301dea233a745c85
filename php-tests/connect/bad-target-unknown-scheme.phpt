--TEST--
An unknown scheme makes connect() throw an exception naming it
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\StreamClient;

foreach (['foo://127.0.0.1:6379' => 'foo', 'gopher://127.0.0.1:70' => 'gopher'] as $target => $scheme) {
    $c = new StreamClient(['target' => $target]);
    try {
        $c->connect();
        echo "$target: no exception\n";
    } catch (Throwable $e) {
        echo "$target: ", get_class($e), ", names the scheme: ", var_export(str_contains($e->getMessage(), $scheme), true), "\n";
    }
}
?>
--EXPECTF--
foo://127.0.0.1:6379: %s, names the scheme: true
gopher://127.0.0.1:70: %s, names the scheme: true
