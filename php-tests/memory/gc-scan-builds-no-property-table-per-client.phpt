--TEST--
PHP's cycle collector scanning clients does not make each one grow: the collector is shown the declared properties in their slots (as for any PHP object), not a properties table built for it (a kilobyte a client, kept for its life). 500 connected clients, each made a possible cycle root and scanned: the PHP heap grows by less than 100 bytes a client; a client whose handler and property refer to it is still collected, with a value it holds only in a declared property
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;
use beyod\ext\Loop;

$server = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) parse_url('tcp://' . stream_socket_get_name($server, false), PHP_URL_PORT);
$accepted = [];
$clients = [];
$up = 0;
for ($i = 0; $i < 500; $i++) {
    $c = new StreamClient(['target' => "tcp://127.0.0.1:$port"]);
    $c->on(StreamClient::ON_CONNECT, function () use (&$up) { $up++; });
    $c->connect();
    $clients[] = $c;
}
gc_disable();                     // no automatic run before the measured one
$end = microtime(true) + 10;
while ($up < 500 && microtime(true) < $end) {
    Loop::tick(0.01);
    while (($s = @stream_socket_accept($server, 0)) !== false) {
        $accepted[] = $s;
    }
}
echo "connected: $up\n";

$before = memory_get_usage();     // the collector has not run yet
foreach ($clients as $c) {
    $copy = $c;
    unset($copy);           // the refcount goes down: a possible root for the collector
}
unset($c);
gc_enable();
gc_collect_cycles();
$growth = (memory_get_usage() - $before) / 500;
echo "heap growth per client after a scan under 100 bytes: ", var_export($growth < 100, true), "\n";
if ($growth >= 100) {
    echo "growth: $growth\n";
}

class Held
{
    public function __destruct() { echo "value held in a declared property destructed\n"; }
}
$loop = new StreamClient(['target' => "tcp://127.0.0.1:$port"]);
$loop->parser = new Held();           // a declared property: reached only through its slot
$loop->options = ['self' => $loop];   // a cycle through another declared property
$loop->on('onMessage', function () use ($loop) {});
$weak = WeakReference::create($loop);
unset($loop);
gc_collect_cycles();
echo "self-referencing client collected: ", var_export($weak->get() === null, true), "\n";
foreach ($clients as $c) {
    $c->close();
}
echo "done\n";
?>
--EXPECT--
connected: 500
heap growth per client after a scan under 100 bytes: true
value held in a declared property destructed
self-referencing client collected: true
done
