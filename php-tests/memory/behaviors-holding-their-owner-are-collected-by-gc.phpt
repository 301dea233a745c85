--TEST--
A behavior keeps its owner ($owner) and the client keeps its behaviors (in Rust): the cycle is reported to PHP's collector, so unset() + gc_collect_cycles() frees both
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

class PlainBehavior
{
    public $owner;
    public $name;
    public function __construct($name) { $this->name = $name; }
    public function events() { return ['onMessage' => 'seen']; }
    public function seen($e) {}
    public function __destruct() { echo "behavior {$this->name} destructed\n"; }
}
class OwnedClient extends StreamClient
{
    public $label;
    public function behaviors() { return ['declared' => new PlainBehavior("declared by {$this->label}")]; }
    public function __destruct() { echo "client {$this->label} destructed\n"; }
}

gc_collect_cycles();
$a = new OwnedClient(['label' => 'a']);
$a->attachBehavior('attached', new PlainBehavior('attached to a'));
var_dump($a->getBehavior('attached')->owner === $a, count($a->getBehaviors()));
unset($a);

$b = new OwnedClient(['label' => 'b', 'as configured' => new PlainBehavior('configured on b')]);
unset($b);

echo "before gc\n";
$n = gc_collect_cycles();
echo "collected: ", var_export($n >= 2, true), "\n";
?>
--EXPECT--
bool(true)
int(2)
before gc
client a destructed
behavior attached to a destructed
behavior declared by a destructed
behavior configured on b destructed
behavior declared by b destructed
client b destructed
collected: true
