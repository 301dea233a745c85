--TEST--
Cycles through the client (a handler closure, an attribute, a parser holding the client) are visible to PHP's GC: gc_collect_cycles() frees them
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

class DestructingClient extends StreamClient
{
    public $label = '';
    public function __destruct()
    {
        echo "destruct {$this->label}\n";
    }
}
class ClientAwareParser extends LineParser
{
    public $client;
}

gc_collect_cycles();

$a = new DestructingClient(['label' => 'handler cycle']);
$a->on('onMessage', function ($e) use ($a) { $a->send('x'); });
unset($a);

$b = new DestructingClient(['label' => 'attribute cycle']);
$b->setAttribute('me', $b);
unset($b);

$p = new ClientAwareParser();
$c = new DestructingClient(['label' => 'parser cycle', 'parser' => $p]);
$p->client = $c;
unset($c, $p);

// one that has been connected and closed, with a handler cycle
[$srv, $port] = start_server('line-echo.php');
$d = new DestructingClient(['label' => 'connected handler cycle', 'target' => tcp_target($port)]);
$d->on('onClose', function () use ($d) {});
$d->connect();
wait_until(fn () => $d->isEstablished, 3, 'connect');
$d->close();
run_loop_for(0.1);
unset($d);

echo "before gc\n";
$n = gc_collect_cycles();
echo "after gc, collected something: ", var_export($n >= 4, true), "\n";
stop_server($srv);
?>
--EXPECTF--
before gc
destruct %s cycle
destruct %s cycle
destruct %s cycle
destruct %s cycle
after gc, collected something: true
