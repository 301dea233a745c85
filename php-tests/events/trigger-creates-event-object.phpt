--TEST--
trigger($name) without an event object hands the handlers an event object (a beyod\ext\Event when beyod/Yii are absent) with name and sender set
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\StreamClient;

$c = new StreamClient();
$c->on('custom', function ($e) use ($c) {
    var_dump($e instanceof \beyod\ext\Event, $e->name, $e->sender === $c, $e->handled);
});
$c->trigger('custom');
// triggering an event nobody listens to is fine
$c->trigger('nobody');
echo "done\n";
?>
--EXPECT--
bool(true)
string(6) "custom"
bool(true)
bool(false)
done
