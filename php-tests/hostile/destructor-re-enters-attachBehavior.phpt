--TEST--
Hostile PHP: attachBehavior() replacing a same-named behavior whose __destruct attaches behaviors to the same owner keeps the behaviors intact (was a write into freed memory)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\StreamClient;

class B
{
    public static array $log = [];
    public $owner;
    public function __construct(public string $name, public ?StreamClient $c = null) {}
    public function attach($owner) { $this->owner = $owner; }
    public function detach() { $this->owner = null; }
    public function __destruct()
    {
        B::$log[] = "{$this->name} destroyed";
        if ($this->c) {
            for ($i = 0; $i < 20; $i++) {
                $this->c->attachBehavior("from-{$this->name}-$i", new B("$i"));
            }
            $this->c->attachBehavior('same', new B('made in the destructor'));
        }
    }
}

$c = new StreamClient();
$c->attachBehavior('same', new B('first', $c));
$c->attachBehavior('same', new B('second'));      // 'first' detached and destroyed: it attaches 21
$names = array_keys($c->getBehaviors());
var_dump(count($names), in_array('from-first-19', $names, true));
var_dump($c->getBehavior('same')->name);

$c->attachBehavior('x', new B('third', $c));
$c->detachBehavior('x');                           // destroyed after detach: it attaches again
var_dump($c->getBehavior('x'), count($c->getBehaviors()), $c->getBehavior('same')->name);
echo implode(", ", array_slice(B::$log, 0, 3)), "\n";
echo "done\n";
?>
--EXPECT--
int(21)
bool(true)
string(22) "made in the destructor"
NULL
int(41)
string(22) "made in the destructor"
first destroyed, second destroyed, third destroyed
done
