--TEST--
connect() with no target (null or empty string) throws an exception naming the property
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\StreamClient;

foreach ([null, ''] as $target) {
    $c = new StreamClient(['target' => $target]);
    try {
        $c->connect();
        echo "no exception\n";
    } catch (Throwable $e) {
        echo get_class($e), ", names the property: ", var_export(stripos($e->getMessage(), 'target') !== false, true), "\n";
    }
}
?>
--EXPECTF--
%s, names the property: true
%s, names the property: true
