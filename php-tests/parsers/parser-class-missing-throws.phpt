--TEST--
A parser class that does not exist (as a name or in a config array) throws an exception naming the class, from the constructor/init, or from an assignment after construction
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

foreach (['No\Such\Parser' => 'No\Such\Parser', 'array config' => ['class' => 'Missing\ArrayParser', 'sep' => ';']] as $label => $parser) {
    $bad = is_array($parser) ? $parser['class'] : $parser;
    try {
        $c = new StreamClient(['target' => tcp_target(refused_port()), 'parser' => $parser]);
        $c->connect();
        echo "$label: no exception\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ", names the class: ", var_export(str_contains($e->getMessage(), $bad), true), "\n";
    }
}

// set after construction: the assignment resolves it, as init() would, and throws then
$c = new StreamClient(['target' => tcp_target(refused_port())]);
try {
    $c->parser = 'Late\Missing\Parser';
    echo "late: no exception\n";
} catch (Throwable $e) {
    echo "late: ", get_class($e), ", names the class: ", var_export(str_contains($e->getMessage(), 'Late\Missing\Parser'), true), "\n";
}
?>
--EXPECTF--
No\Such\Parser: %s, names the class: true
array config: %s, names the class: true
late: %s, names the class: true
