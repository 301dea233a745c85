--TEST--
Handlers may re-enter: close another client that has events pending in the same tick, drop the last reference to their own client and close it; nothing crashes, order holds, both are freed
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

class NamedClient extends StreamClient
{
    public $label = '';
    public function __destruct() { echo "destruct {$this->label}\n"; }
}

[$srv, $port] = start_server('line-echo.php');
$holder = [];
$log = new ArrayObject();
foreach (['a', 'b'] as $name) {
    $c = new NamedClient(['target' => tcp_target($port), 'parser' => 'LineParser', 'label' => $name]);
    $c->on('onMessage', function ($e) use ($log, $name, &$holder) {
        $log[] = "$name:{$e->message}";
        if ($name === 'a' && $e->message === 'second') {
            $holder['b']->close();            // b may have an event queued in this very tick
            unset($holder['a']);              // the last PHP reference to a itself
            $e->sender->close();
        }
    });
    $holder[$name] = $c;
}
unset($c);
foreach ($holder as $c) {
    $c->connect();
}
unset($c);
wait_until(fn () => $holder['a']->isEstablished && $holder['b']->isEstablished, 3, 'both');
$holder['a']->send("first\nsecond\nthird\n", true);
$holder['b']->send("x\ny\n", true);
run_until_idle(3);
echo "a got: ", implode(',', array_values(array_filter((array)$log, fn ($l) => $l[0] === 'a'))), "\n";
echo "b closed: ", var_export(!isset($holder['b']) || $holder['b']->isClosed(), true), "\n";
$holder = [];          // the handlers hold $holder by reference: empty it (unset would only drop this name)
echo "end\n";
stop_server($srv);
?>
--EXPECT--
destruct a
a got: a:first,a:second
b closed: true
destruct b
end
