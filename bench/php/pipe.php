<?php
/**
 * Workload 5: pipe() proxy. Client A connects to the bulk server (which sends `bytes` bytes and
 * closes), client B to the sink server; `$a->pipe($b)`; A's onClose closes B, which flushes
 * what it holds. No byte may reach PHP (onMessage must not fire). Timed from connect() until
 * the loop has nothing left (B flushed and closed). The driver then checks the sink's count
 * and CRC-32 against the bulk server's. IMPL: native | php.
 * Args: src=, dst= (ports), limit=.
 */
require __DIR__ . '/common.php';

$impl = impl();
$src = arg('src');
$dst = arg('dst');
$limit = arg('limit', 60.0);

$bad = null;
$messages = 0;
$closed = 0;
$class = client_class($impl);
$a = new $class(['target' => "tcp://127.0.0.1:$src", 'parser' => null, 'timeout' => 10]);
$b = new $class(['target' => "tcp://127.0.0.1:$dst", 'parser' => null, 'timeout' => 10]);
foreach ([$a, $b] as $c) {
    $c->on('onMessage', function ($e) use (&$messages) {
        $messages++;
    });
    $c->on('onConnectFailed', function ($e) use (&$bad, $impl) {
        $bad = "connect failed: $e->errstr";
        end_loop($impl);
    });
    $c->on('onClose', function ($e) use (&$closed, $impl) {
        if (++$closed === 2) {
            end_loop($impl);
        }
    });
}
$a->on('onClose', function ($e) use ($b) {
    if (!$b->isClosed()) {
        $b->close();
    }
});
$a->pipe($b);
$t0 = now();
$cpu0 = cpu_seconds();
$b->connect();
$a->connect();
$finished = run_loop($impl, $limit);
$t1 = now();

if ($bad !== null) {
    fail($bad);
}
if (!$finished || $closed !== 2) {
    fail("time limit of {$limit}s reached ($closed of 2 clients closed)");
}
if ($messages !== 0) {
    fail("$messages onMessage events on piped clients: forwarded bytes went through PHP handlers");
}
done(['seconds' => $t1 - $t0, 'cpu' => cpu_seconds() - $cpu0]);
