--TEST--
Loop::after()/every()/cancel(): one-shot and repeating timers fire in deadline order with their id, cancel() returns true once then false; tick() returns the number of events dispatched
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\ext\Loop;

var_dump(Loop::tick(0));     // nothing to do

$log = new ArrayObject();
$b = Loop::after(0.15, function ($id) use ($log, &$b) { $log[] = 'B' . ($id === $b ? '(own id)' : "(id $id)"); });
$a = Loop::after(0.05, function ($id) use ($log, &$a) { $log[] = 'A' . ($id === $a ? '(own id)' : "(id $id)"); });
$never = Loop::after(0.1, function () use ($log) { $log[] = 'cancelled timer fired'; });
var_dump(is_int($a), is_int($b), $a !== $b, $a !== $never);
var_dump(Loop::cancel($never), Loop::cancel($never), Loop::cancel(987654));

$ticks = 0;
$e = Loop::every(0.03, function ($id) use ($log, &$ticks, &$e) {
    $ticks++;
    $log[] = "E$ticks";
    if ($ticks === 3) {
        var_dump(Loop::cancel($id), $id === $e);
    }
});
run_until_idle(3);           // returns once no timer is left
echo implode(' ', array_filter((array)$log, fn ($x) => $x[0] !== 'E')), "\n";
echo "every fired ", $ticks, " times\n";
var_dump(Loop::cancel($a));  // already fired

// tick() reports what it dispatched
Loop::after(0, fn () => null);
Loop::after(0, fn () => null);
$n = 0;
$end = microtime(true) + 1;
while ($n < 2 && microtime(true) < $end) {
    $n += Loop::tick(0.05);
}
var_dump($n);
var_dump(Loop::tick(0));
?>
--EXPECT--
int(0)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
bool(false)
bool(true)
bool(true)
A(own id) B(own id)
every fired 3 times
bool(false)
int(2)
int(0)
