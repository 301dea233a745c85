--TEST--
onMessage's handler list (kept between messages) follows on()/off() at once: a handler that swaps itself for another during a message leaves the rest of that message's handlers as they were (Yii's snapshot) and the next messages, from the same read, go to the new one; handlers added while idle are called; a cached list holding the client is still collected by gc_collect_cycles()
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('line-echo.php');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$log = [];
$second = function ($e) use (&$log) { $log[] = "second:{$e->message}"; };
$first = function ($e) use (&$log, &$first, $second) {
    $log[] = "first:{$e->message}";
    $e->sender->off('onMessage', $first);
    $e->sender->on('onMessage', $second);
};
$c->on('onMessage', $first);
$c->on('onMessage', function ($e) use (&$log) { $log[] = "tail:{$e->message}"; });
$c->connect();
$c->send("a\nb\nc\n", true);      // one write: the echo comes back in one read
wait_until(function () use (&$log) { return count(array_filter($log, fn ($l) => str_ends_with($l, ':c'))) >= 2; }, 3, 'three messages');
echo implode(' ', $log), "\n";

// Added while idle: the next message sees it.
$log = [];
$c->on('onMessage', function ($e) use (&$log) { $log[] = "late:{$e->message}"; }, null, false);
$c->send('d');
wait_until(function () use (&$log) { return count($log) >= 3; }, 3, 'message d');
echo implode(' ', $log), "\n";

// off() of everything: nothing is called, the client keeps working.
$c->off('onMessage');
$c->send('e');
run_loop_for(0.2);
echo json_encode($c->hasEventHandlers('onMessage')), "\n";

// A list cached after messages, whose handler holds the client, is collected.
$gc = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$gc->on('onMessage', function ($e) use ($gc) { $gc->close(); });
$gc->connect();
$gc->send('x');
$gone = WeakReference::create($gc);
unset($gc);
wait_until(function () use ($gone) { $g = $gone->get(); return $g === null || $g->isClosed(); }, 3, 'closed');
run_loop_for(0.1);
gc_collect_cycles();
gc_collect_cycles();
echo 'collected: ', json_encode($gone->get() === null), "\n";
$c->close();
stop_server($srv);
?>
--EXPECT--
first:a tail:a tail:b second:b tail:c second:c
late:d tail:d second:d
false
collected: true
