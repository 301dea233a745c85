--TEST--
Yii Component event API: on() append/prepend and $data, wildcard handlers (run first), all callable forms, trigger() sets sender/name/data, handled stops the rest, off() and hasEventHandlers()
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\StreamClient;
use beyod\ext\IOEvent;

function global_handler($e) { echo "global_handler name={$e->name}\n"; }
class Handlers
{
    public static function stat($e) { echo "Handlers::stat name={$e->name}\n"; }
    public function inst($e) { echo "Handlers->inst data=", json_encode($e->data), "\n"; }
}

$c = new StreamClient();
$mk = function ($tag) use ($c) {
    return function ($e) use ($tag, $c) {
        echo "$tag name={$e->name} data=", json_encode($e->data), " sender=", $e->sender === $c ? 'client' : var_export($e->sender, true), "\n";
    };
};
$h1 = $mk('h1');
$h2 = $mk('h2');
$h0 = $mk('h0');
$wild = $mk('wild');
$c->on('onFoo', $h1, 'd1');
$c->on('onFoo', $h2, ['k' => 2]);
$c->on('onFoo', $h0, null, false);   // prepended
$c->on('on*', $wild, 'w');
var_dump($c->hasEventHandlers('onFoo'), $c->hasEventHandlers('onAnything'), $c->hasEventHandlers('xyz'));

echo "-- trigger onFoo without an event object\n";
$c->trigger('onFoo');

echo "-- a preset sender is kept, the event object is the one passed\n";
$ev = new IOEvent();
$ev->sender = 'preset';
$c->trigger('onFoo', $ev);
var_dump($ev->name, $ev->data);

echo "-- handled stops later handlers, and is reset at the next trigger\n";
var_dump($c->off('on*', $wild));
$c->on('onBar', function ($e) { echo "first\n"; $e->handled = true; });
$c->on('onBar', function ($e) { echo "never\n"; });
$ev = new IOEvent();
$c->trigger('onBar', $ev);
var_dump($ev->handled);
$c->trigger('onBar', $ev);

echo "-- callable forms\n";
$c->on('onForms', 'global_handler');
$c->on('onForms', ['Handlers', 'stat']);
$c->on('onForms', 'Handlers::stat');
$c->on('onForms', [new Handlers(), 'inst'], 'inst-data');
$c->trigger('onForms');

echo "-- off\n";
$c->on('on*', $wild, 'w');
var_dump($c->off('onFoo', $h1));
var_dump($c->off('onFoo', $h1));
$c->trigger('onFoo');
var_dump($c->off('onFoo'));
var_dump($c->off('onFoo'));
$c->trigger('onFoo');         // only the wildcard is left
var_dump($c->off('on*', $wild), $c->hasEventHandlers('onFoo'));
$c->trigger('onFoo');         // nothing
var_dump($c->off('never-attached'), $c->off('onBar', function () {}));
echo "done\n";
?>
--EXPECT--
bool(true)
bool(true)
bool(false)
-- trigger onFoo without an event object
wild name=onFoo data="w" sender=client
h0 name=onFoo data=null sender=client
h1 name=onFoo data="d1" sender=client
h2 name=onFoo data={"k":2} sender=client
-- a preset sender is kept, the event object is the one passed
wild name=onFoo data="w" sender='preset'
h0 name=onFoo data=null sender='preset'
h1 name=onFoo data="d1" sender='preset'
h2 name=onFoo data={"k":2} sender='preset'
string(5) "onFoo"
array(1) {
  ["k"]=>
  int(2)
}
-- handled stops later handlers, and is reset at the next trigger
bool(true)
first
bool(true)
first
-- callable forms
global_handler name=onForms
Handlers::stat name=onForms
Handlers::stat name=onForms
Handlers->inst data="inst-data"
-- off
bool(true)
bool(false)
wild name=onFoo data="w" sender=client
h0 name=onFoo data=null sender=client
h2 name=onFoo data={"k":2} sender=client
bool(true)
bool(false)
wild name=onFoo data="w" sender=client
bool(true)
bool(false)
bool(false)
bool(false)
done
