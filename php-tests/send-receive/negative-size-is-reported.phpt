--TEST--
A negative max_send_buffer_size / read_buffer_size is reported (exception or warning) naming the property, never silently used
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

set_error_handler(function ($no, $str) { throw new ErrorException($str, 0, $no); });
foreach (['read_buffer_size', 'max_send_buffer_size'] as $prop) {
    $c = new StreamClient(['target' => tcp_target(refused_port()), $prop => -5]);
    try {
        $c->connect();
        echo "$prop: not reported\n";
    } catch (Throwable $e) {
        echo "$prop: reported, names the property: ", var_export(str_contains($e->getMessage(), $prop), true), "\n";
    }
}
?>
--EXPECT--
read_buffer_size: reported, names the property: true
max_send_buffer_size: reported, names the property: true
