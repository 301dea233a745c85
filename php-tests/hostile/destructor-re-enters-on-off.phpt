--TEST--
Hostile PHP: off() dropping a handler whose __destruct calls on()/off() on the same client, and on() invalidating a cached handler list whose last reference such a handler is, keep every handler list intact (was heap corruption: free(): corrupted unsorted chunks)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\StreamClient;

class Handler
{
    public static array $log = [];
    public function __construct(public StreamClient $c, public string $name) {}
    public function __invoke($e) { self::$log[] = "{$this->name} ran"; }
    public function __destruct()
    {
        self::$log[] = "{$this->name} destroyed";
        for ($i = 0; $i < 20; $i++) {
            $this->c->on("added-by-{$this->name}", fn () => null);
        }
        $this->c->off('other');
        $this->c->on('onX', function () { Handler::$log[] = "closure from {$this->name} ran"; });
    }
}

$c = new StreamClient();
$c->on('other', fn () => null);
$c->on('onX', new Handler($c, 'h1'));
$c->on('onX', new Handler($c, 'h2'));
$c->trigger('onX');
var_dump($c->off('onX'));                 // both handlers destroyed inside off()
var_dump($c->hasEventHandlers('other'), $c->hasEventHandlers('added-by-h1'), $c->hasEventHandlers('added-by-h2'));
$c->trigger('onX');                       // the two closures the destructors added

// a specific handler removed (=== match), the others kept
$h = new Handler($c, 'h3');
$c->on('onY', $h);
$c->on('onY', $keep = fn () => Handler::$log[] = 'kept ran');
var_dump($c->off('onY', $h));
unset($h);                                // the last reference: destroyed here
$c->trigger('onY');

// onMessage's cached handler list let go of by on() while a handler is its only holder
$c->on('onMessage', new Handler($c, 'h4'));
$c->trigger('onMessage');
$c->off('onMessage');
echo implode("\n", Handler::$log), "\n";
echo "done\n";
?>
--EXPECT--
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
h1 ran
h2 ran
h1 destroyed
h2 destroyed
closure from h1 ran
closure from h2 ran
h3 destroyed
kept ran
h4 ran
h4 destroyed
done
