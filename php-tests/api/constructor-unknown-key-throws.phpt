--TEST--
Constructor config with an unknown key or a read-only magic property throws, naming the key (Yii's BaseObject behaviour)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\StreamClient;

foreach (['no_such_option' => 1, 'id' => 5] as $key => $value) {
    try {
        $c = new StreamClient(['target' => 'tcp://127.0.0.1:1', $key => $value]);
        echo "$key: no exception\n";
    } catch (Throwable $e) {
        echo "$key: ", get_class($e), ", names the key: ", var_export(str_contains($e->getMessage(), $key), true), "\n";
    }
}

// the same through plain assignment after construction
$c = new StreamClient();
try {
    $c->no_such_option = 1;
    echo "assignment: no exception\n";
} catch (Throwable $e) {
    echo "assignment: ", get_class($e), ", names the key: ", var_export(str_contains($e->getMessage(), 'no_such_option'), true), "\n";
}
?>
--EXPECTF--
no_such_option: %s, names the key: true
id: %s, names the key: true
assignment: %s, names the key: true
