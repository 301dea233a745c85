--TEST--
$options that is not an array makes connect() throw an exception naming the property
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

foreach (['TCP_NODELAY', 42] as $bad) {
    $c = new StreamClient(['target' => tcp_target(refused_port()), 'options' => $bad]);
    try {
        $c->connect();
        echo "no exception\n";
    } catch (Throwable $e) {
        echo get_class($e), ", names the property: ", var_export(str_contains($e->getMessage(), 'options'), true), "\n";
    }
}
?>
--EXPECTF--
%s, names the property: true
%s, names the property: true
