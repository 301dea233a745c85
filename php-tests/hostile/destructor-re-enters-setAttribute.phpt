--TEST--
Hostile PHP: a replaced or removed attribute whose __destruct adds attributes to the same client (growing its array) leaves every attribute intact (was a write into freed memory)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\StreamClient;

class Grower
{
    public function __construct(public StreamClient $c, public string $tag) {}
    public function __destruct()
    {
        // enough new keys to make the attributes' hash table grow (reallocated)
        for ($i = 0; $i < 40; $i++) {
            $this->c->setAttribute("{$this->tag}-$i", $i);
        }
    }
}

$c = new StreamClient();
$c->setAttribute('victim', new Grower($c, 'a'));
$c->setAttribute('victim', 'replaced');          // old value destroyed: its destructor adds 40
var_dump($c->getAttribute('victim'), $c->getAttribute('a-0'), $c->getAttribute('a-39'));

$c->setAttribute('gone', new Grower($c, 'b'));
$c->setAttribute('gone', null);                   // removed: its destructor adds 40 more
var_dump($c->hasAttribute('gone'), $c->getAttribute('b-0'), $c->getAttribute('b-39'));

$c->attr('two', new Grower($c, 'd'));
$c->attr('two', 2);                               // attr() with two arguments: the same path
var_dump($c->attr('two'), $c->getAttribute('d-39'));

// a destructor that replaces the very attribute being replaced
class Replacer
{
    public function __construct(public StreamClient $c) {}
    public function __destruct() { $this->c->setAttribute('slot', 'from the destructor'); }
}
$c->setAttribute('slot', new Replacer($c));
$c->setAttribute('slot', 'new value');
var_dump($c->getAttribute('slot'));
echo "done\n";
?>
--EXPECT--
string(8) "replaced"
int(0)
int(39)
bool(false)
int(0)
int(39)
int(2)
int(39)
string(19) "from the destructor"
done
