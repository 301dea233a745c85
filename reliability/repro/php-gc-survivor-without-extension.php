<?php
/**
 * Not an extension bug: PHP 8.2's own cycle collector, with no extension loaded, leaves one
 * garbage cycle uncollected when its automatic run starts while `WeakReference::get()`
 * temporaries hold members of the cycles (here: counting survivors with array_filter).
 * Counting with a WeakMap collects them all. This is why reliability/gc.php counts with a
 * WeakMap; it used to report "gc-client-survives-automatic-gc" against the extension.
 *
 *   php -n reliability/repro/php-gc-survivor-without-extension.php        # get: 1 survivor
 *   php -n reliability/repro/php-gc-survivor-without-extension.php map    # map: 0 survivors
 * (PHP 8.2.36, 2026-11-25: "count=get n=5000 before=5000 after=1" / "count=map … after=0")
 */
class C { public $h = []; public $attrs = []; public $parser; public $ev; }

$n = 5000;
$count = ($argv[1] ?? 'get') === 'map' ? 'map' : 'get';
$refs = [];
$live = new WeakMap();
for ($i = 0; $i < $n; $i++) {
    $c = new C();
    $c->parser = new stdClass();
    $c->h['m'] = [function ($e) use ($c) {}, null];
    $c->h['c'] = [function ($e) use ($c) {}, null];
    $c->h['e'] = [fn ($e) => null, $c];
    $c->attrs['self'] = $c;
    $c->ev = new stdClass();
    $refs[] = WeakReference::create($c);
    $live[$c] = true;
    unset($c);
}
$before = $count === 'map' ? count($live) : count(array_filter($refs, fn ($r) => $r->get() !== null));
gc_collect_cycles();
gc_collect_cycles();
gc_collect_cycles();
echo "count=$count n=$n before=$before after=", count($live), "\n";
