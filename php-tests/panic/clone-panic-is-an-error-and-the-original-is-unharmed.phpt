--TEST--
a panic inside clone_obj is an Error naming it (the half-made copy is released without its __clone or __destruct running); the original is unharmed and the next clone works
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; require __DIR__ . '/../inc/panic.php'; skip_without_panic_inject(); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/panic.php';
run_child_php(<<<'PHP'
    class Labelled extends StreamClient
    {
        public $label = 'original';
        public function __clone() { echo "__clone\n"; $this->label = 'copy'; }
        public function __destruct() { echo "__destruct {$this->label}\n"; }
    }
    $c = new Labelled(['target' => 'tcp://127.0.0.1:1']);
    call_armed('clone_obj', fn () => clone $c);
    echo $c->label, ' ', $c->target, "\n";
    $d = clone $c;
    echo $d->label, ' ', $d->target, "\n";
    unset($d);
    echo "done\n";
    PHP);
?>
--EXPECTF--
stdout:
clone_obj: Error: beyod_streamclient: internal error in clone_obj: injected panic at clone_obj (at src/%s.rs:%d:%d)
original tcp://127.0.0.1:1
__clone
copy tcp://127.0.0.1:1
__destruct copy
done
__destruct original
stderr reports: none
panic hook line: yes
exit code 0
