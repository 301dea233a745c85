--TEST--
A non-numeric or missing TCP port (ports are numbers; no service-name lookup) makes connect() throw an exception naming the bad value
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\StreamClient;

foreach (['tcp://127.0.0.1:redis' => 'redis', 'tcp://127.0.0.1' => 'tcp://127.0.0.1'] as $target => $bad) {
    $c = new StreamClient(['target' => $target]);
    try {
        $c->connect();
        echo "$target: no exception\n";
    } catch (Throwable $e) {
        echo "$target: ", get_class($e), ", names the bad value: ", var_export(str_contains($e->getMessage(), $bad), true), "\n";
    }
}
?>
--EXPECTF--
tcp://127.0.0.1:redis: %s, names the bad value: true
tcp://127.0.0.1: %s, names the bad value: true
