<?php
/**
 * Handlers that capture their own client (function () use ($client)) make a reference cycle
 * client → handler → client. PHP's cycle collector must see it (the extension reports the
 * handlers it holds through get_gc) and free the client once it is closed and unreferenced:
 * checked on many clients, in every state a worker leaves them in.
 *
 * Survivors are counted with a WeakMap, never by materialising each object
 * (`WeakReference::get()` in a loop): PHP 8.2's own collector can leave one garbage cycle
 * uncollected when its automatic run starts while such a temporary holds a member of it — with
 * no extension loaded at all (reliability/repro/php-gc-survivor-without-extension.php).
 */
require __DIR__ . '/lib.php';

use beyod\StreamClient;
use beyod\ext\Loop;
use beyod\ext\LineParser;

$n = (int) (getenv('GC_N') ?: (rel_quick() ? 2000 : 20000));
[$srv, $port] = start_server('line-echo.php');
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

// Two passes over every mode: the first grows PHP's own structures (the GC root buffer holds
// up to ~14,000 roots here, a few hundred kB, and stays that size); the second must not grow.
$leaked = 0;
for ($pass = 1; $pass <= 2; $pass++) {
if ($pass === 2) {
    gc_collect_cycles();
    $base = memory_get_usage();
}
foreach (['never connected', 'connected, echoed, closed by a handler', 'closed while connecting'] as $mode) {
    $live = new WeakMap();
    for ($i = 0; $i < $n; $i++) {
        $c = make_cyclic($target, $i);
        if ($mode !== 'never connected') {
            $c->send("x$i");
            $c->connect();
            if ($mode === 'closed while connecting') {
                $c->close();
            }
        }
        $live[$c] = $i;
        unset($c);
        if ($mode !== 'never connected' && $i % 50 === 49) {
            // the PHP test server handles < 1024 sockets (stream_select)
            wait_until(fn () => live_connections() === 0, 5.0, 'echo cycles');
        }
    }
    wait_until(fn () => live_connections() === 0, 5.0, 'all closed');
    $before = count($live);
    // PHP runs the destructors of garbage with __destruct (StreamClient has one) in one run
    // and may free some of them in the next: up to three runs, as a worker's periodic gc would.
    $freed = gc_collect_cycles() + gc_collect_cycles() + gc_collect_cycles();
    $alive = count($live);
    $ok = $alive === 0;
    $what = "pass $pass, $mode: $n self-referencing clients collected by gc_collect_cycles() × 3 ($before alive before, $alive after, $freed cycles freed)";
    check($ok, $what);
    $leaked += $alive;
    unset($live);
}
}
gc_collect_cycles();
gc_collect_cycles();
$growth = memory_get_usage() - $base;
// A leaked client costs ~100 kB (its handlers, parser, buffers): the limit catches one.
$what = sprintf('memory_get_usage() of the second pass within 32 KiB of its start (%+d bytes)', $growth);
check(!$leaked && $growth < 32 * 1024, $leaked ? "$what, $leaked client(s) leaked" : $what);
stop_server($srv);
rel_done();
