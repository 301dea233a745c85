<?php
/**
 * Handlers that capture their own client (function () use ($client)) make a reference cycle
 * client → handler → client. PHP's cycle collector must see it (the extension reports the
 * handlers it holds through get_gc) and free the client once it is closed and unreferenced:
 * checked with WeakReference on many clients, in every state a worker leaves them in.
 */
require __DIR__ . '/lib.php';

use beyod\StreamClient;
use beyod\ext\Loop;
use beyod\ext\LineParser;

$n = rel_quick() ? 2000 : 20000;
[$srv, $port] = start_server('line_echo.php');
$target = "tcp://127.0.0.1:$port";

function make_cyclic(string $target, int $i): StreamClient
{
    $client = new StreamClient(['target' => $target, 'parser' => LineParser::class]);
    $client->on('onMessage', function ($e) use ($client) {
        $client->close();
    });
    $client->on('onClose', function ($e) use ($client) {
        $client->setAttribute('closed', true);
    });
    // an attribute holding the client itself, and a handler $data holding it
    $client->setAttribute('self', $client);
    $client->on('onError', fn ($e) => null, $client);
    return $client;
}

$base = memory_get_usage();
$leaked = 0;
foreach (['never connected', 'connected, echoed, closed by a handler', 'closed while connecting'] as $mode) {
    $refs = [];
    for ($i = 0; $i < $n; $i++) {
        $c = make_cyclic($target, $i);
        if ($mode !== 'never connected') {
            $c->send("x$i");
            $c->connect();
            if ($mode === 'closed while connecting') {
                $c->close();
            }
        }
        $refs[] = WeakReference::create($c);
        unset($c);
        if ($mode !== 'never connected' && $i % 50 === 49) {
            // the PHP test server handles < 1024 sockets (stream_select)
            wait_until(fn () => live_connections() === 0, 5.0, 'echo cycles');
        }
    }
    wait_until(fn () => live_connections() === 0, 5.0, 'all closed');
    $before = count(array_filter($refs, fn ($r) => $r->get() !== null));
    // PHP runs the destructors of garbage with __destruct (StreamClient has one) in one run
    // and may free some of them in the next: up to three runs, as a worker's periodic gc would.
    $freed = gc_collect_cycles() + gc_collect_cycles() + gc_collect_cycles();
    $alive = count(array_filter($refs, fn ($r) => $r->get() !== null));
    if ($alive && getenv('GC_DEBUG')) {
        foreach ($refs as $k => $r) {
            if ($c = $r->get()) {
                echo "# survivor $k closed=" . var_export($c->isClosed(), true) . ' ' . json_encode(gc_status()) . "\n";
                echo "# refcount-1: ", (function ($o) { ob_start(); debug_zval_dump($o); return strtok(ob_get_clean(), "\n"); })($c), "\n";
            }
        }
        unset($c);
    }
    $ok = $alive === 0;
    $what = "$mode: $n self-referencing clients collected by gc_collect_cycles() × 3 ($before alive before, $alive after, $freed cycles freed)";
    if ($mode === 'connected, echoed, closed by a handler') {
        check_known($ok, 'gc-client-survives-automatic-gc', $what);
        $leaked += $alive;
    } else {
        check($ok, $what);
    }
    unset($refs);
}
gc_collect_cycles();
gc_collect_cycles();
$growth = memory_get_usage() - $base;
// PHP's GC root buffer grows to hold ~14,000 roots in the first rounds (~200 kB, PHP's own):
// the limit allows it; a leaked client (~200 kB each) on top of it fails.
$what = sprintf('memory_get_usage() within 384 KiB of its start after all rounds, GC root buffer growth included (%+d bytes)', $growth);
$leaked ? check_known(false, 'gc-client-survives-automatic-gc', "$what, $leaked client(s) leaked") : check($growth < 384 * 1024, $what);
stop_server($srv);
rel_done();
