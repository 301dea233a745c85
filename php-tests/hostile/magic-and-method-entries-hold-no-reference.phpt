--TEST--
Hostile PHP: PHP code run from inside a client's own methods (a behavior's getter behind __get/__set/__call, a subclass's __toString, a handler run by trigger(), a setter run by the constructor) calls back into the same client; every method reads $this from the call frame (no Rust reference to the client is held across the PHP code), magic methods keep PHP's argument checks, and the receiver-less methods are instance methods
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\StreamClient;

class Spy
{
    public $owner;
    public function attach($owner) { $this->owner = $owner; }
    public function detach() { $this->owner = null; }
    public function getEcho() { $this->owner->setAttribute('from-getter', 1); $this->owner->on('x', fn () => null); return 'got'; }
    public function setEcho($v) { $this->owner->setAttribute('from-setter', $v); $this->owner->off('x'); }
    public function shout($s) { $this->owner->attachBehavior('late', new Spy()); return strtoupper($s) . ' ' . count($this->owner->getBehaviors()); }
}
class Sub extends StreamClient
{
    public function __toString(): string { $this->setAttribute('in-toString', true); return 'sub ' . parent::__toString(); }
    public function setNote($v) { $this->setAttribute('note', $v); $this->on('y', fn () => null); }
}

$c = new Sub(['note' => 'from the constructor']);
$c->attachBehavior('spy', new Spy());
var_dump($c->echo);                        // __get → the behavior's getter → the client
$c->echo = 'v';                            // __set → the behavior's setter → the client
var_dump($c->shout('hi'));                 // __call → the behavior's method → the client
var_dump((string)$c);                      // __toString (a subclass's) → the client
$c->on('z', function ($e) use ($c) { $c->off('z'); $c->setAttribute('in-handler', $e->name); });
$c->trigger('z');
var_dump($c->getAttribute('from-getter'), $c->getAttribute('from-setter'), $c->getAttribute('in-toString'),
    $c->getAttribute('in-handler'), $c->getAttribute('note'), $c->hasEventHandlers('y'), $c->hasEventHandlers('z'));

foreach (['__get' => [[]], '__set' => ['only one'], '__call' => []] as $m => $args) {
    try { $c->$m(...$args); } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
}
try { StreamClient::connect(); } catch (Error $e) { echo $e->getMessage(), "\n"; }
$r = new ReflectionClass(StreamClient::class);
$static = array_map(fn ($m) => $m->name, array_filter($r->getMethods(), fn ($m) => $m->isStatic()));
sort($static);
echo implode(' ', $static), "\n";
echo "done\n";
?>
--EXPECT--
string(3) "got"
string(4) "HI 2"
string(6) "sub   "
int(1)
string(1) "v"
bool(true)
string(1) "z"
string(20) "from the constructor"
bool(true)
bool(false)
TypeError: beyod\StreamClient::__get(): Argument #1 ($name) must be of type string, array given
ArgumentCountError: beyod\StreamClient::__set() expects exactly 2 arguments, 1 given
ArgumentCountError: beyod\StreamClient::__call() expects exactly 2 arguments, 0 given
Non-static method beyod\StreamClient::connect() cannot be called statically
className generateId unsetId
done
