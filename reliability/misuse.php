<?php
/**
 * PHP misuse, each scenario in a child process (a crash is then a failed check, not the end of
 * the run): an exception thrown from every handler; close()/connect()/send() called from inside
 * every handler; the client destroyed inside its own handler; Loop::tick()/run() re-entered from a
 * handler (LogicException by design); unset($client) while connecting; pcntl_fork() with live
 * connections. Checked in every child: exit 0, no fatal error, and the event order invariants
 * (onClose at most once per connection; nothing after onClose but a new onBeforeConnect;
 * onMessage only between onConnect and onClose).
 */
require __DIR__ . '/lib.php';

rel_bound(170);

/** The child's common part: a logged client in a scenario where event $ev happens. */
function scenario(string $ev, string $action): string
{
    return child_head() . '
rel_bound(20);
$ev = ' . var_export($ev, true) . ';
$action = ' . var_export($action, true) . ';
$log = [];
$thrown = 0;
$done = 0;
switch ($ev) {
    case "onConnectFailed": $target = "tcp://127.0.0.1:" . refused_port(); $parser = LineParser::class; break;
    case "onClose": [$srv, $port] = start_server("close-after.php", 2); $parser = LineParser::class; break;
    case "onBufferFull": [$srv, $port] = start_server("never-read.php"); $parser = null; break;
    case "onBufferDrain": [$srv, $port] = start_server("raw-echo.php"); $parser = null; break;
    case "onError": [$srv, $port] = start_server("reset.php", "--delay=100"); $parser = null; break;
    case "onBadPacket": [$srv, $port] = start_server("line-echo.php"); $parser = new beyod\ext\LineParser(["max_packet_size" => 8]); break;
    default: [$srv, $port] = start_server("line-echo.php"); $parser = LineParser::class;
}
$target = $target ?? "tcp://127.0.0.1:$port";
$GLOBALS["client"] = new StreamClient(["target" => $target, "parser" => $parser, "max_send_buffer_size" => 256 * 1024, "timeout" => 3]);
$events = ["onBeforeConnect", "onConnect", "onConnectFailed", "onMessage", "onClose", "onBadPacket", "onBufferFull", "onBufferDrain", "onError"];
foreach ($events as $name) {
    $GLOBALS["client"]->on($name, function ($e) use ($name, $ev, $action, &$log, &$done) {
        $log[] = $name;
        if ($name !== $ev || $done >= 2) {
            return;
        }
        $done++;
        $c = $e->sender;
        switch ($action) {
            case "throw": throw new RuntimeException("thrown from $name");
            case "close": $c->close(); break;
            case "connect": $c->connect(); break;
            case "renew": $c->connect(true); break;
            case "send": $r = $c->send("from $name\n", true); $log[] = "send=" . var_export($r, true); break;
            case "destroy": $GLOBALS["client"] = null; unset($c); $e->sender = null; gc_collect_cycles(); break;
            case "tick":
                // run() is bounded by a timer: outside the loop (connect()/send() fire
                // onBeforeConnect/onBufferFull synchronously) it is allowed and would block
                $guard = Loop::after(0.2, fn () => Loop::stop());
                foreach (["tick", "run"] as $m) {
                    try { Loop::$m(); $log[] = "$m returned"; } catch (LogicException $x) { $log[] = "LogicException from $m"; }
                }
                Loop::cancel($guard);
                $log[] = $GLOBALS["in_loop"] ? "(inside the loop)" : "(outside the loop)";
                break;
        }
    });
}
$drive = function () use ($ev) {
    $c = $GLOBALS["client"];
    if (!$c) return;
    if ($ev === "onBufferFull") { for ($i = 0; $i < 64 && $c && $c->send(str_repeat("x", 65536)) !== false; $i++) {} }
    elseif ($ev === "onBufferDrain") { for ($i = 0; $i < 8; $i++) { $c->send(str_repeat("y", 65536)); } }
    elseif ($ev === "onBadPacket") { $c->send(str_repeat("z", 40) . "\n", true); }
    elseif ($ev !== "onConnectFailed" && $ev !== "onClose" && $ev !== "onError") { $c->send("hello"); }
};
try { $GLOBALS["client"]->connect(); } catch (RuntimeException $x) { $thrown++; $log[] = "caught: " . $x->getMessage(); }
try { $drive(); } catch (RuntimeException $x) { $thrown++; $log[] = "caught: " . $x->getMessage(); }
$GLOBALS["in_loop"] = false;
$end = microtime(true) + 2.0;
$seen = null;
while (microtime(true) < $end && ($seen === null || microtime(true) < $seen + 0.3)) {
    $GLOBALS["in_loop"] = true;
    try { Loop::tick(0.02); } catch (RuntimeException $x) { $thrown++; $log[] = "caught: " . $x->getMessage(); }
    $GLOBALS["in_loop"] = false;
    if ($seen === null && in_array($ev, $log, true)) { $seen = microtime(true); }
}
// the client must still be usable / closable
try { if ($GLOBALS["client"]) { $GLOBALS["client"]->close(); } } catch (RuntimeException $x) { $thrown++; $log[] = "caught: " . $x->getMessage(); }
try { run_loop_for(0.2); } catch (RuntimeException $x) { $thrown++; $log[] = "caught: " . $x->getMessage(); }
echo "THROWN $thrown\n";
echo "LOG ", json_encode($log), "\n";
echo "END\n";
';
}

/** Checks the order invariants on a child's event log; returns a problem or null. */
function order_problem(array $log): ?string
{
    $state = 'idle';
    foreach ($log as $i => $e) {
        switch ($e) {
            case 'onBeforeConnect': $state = 'connecting'; break;
            case 'onConnect':
                if ($state !== 'connecting') return "onConnect at $i while $state";
                $state = 'open'; break;
            case 'onMessage':
                if ($state !== 'open') return "onMessage at $i while $state";
                break;
            case 'onClose':
                if ($state === 'closed' || $state === 'idle') return "onClose at $i while $state";
                $state = 'closed'; break;
            case 'onConnectFailed':
                if ($state !== 'connecting') return "onConnectFailed at $i while $state";
                $state = 'closed'; break;
            case 'onBadPacket': case 'onBufferDrain':
                if ($state !== 'open') return "$e at $i while $state";
                break;
        }
    }
    return null;
}

$events = ['onBeforeConnect', 'onConnect', 'onConnectFailed', 'onMessage', 'onClose', 'onBadPacket', 'onBufferFull', 'onBufferDrain', 'onError'];
$actions = ['throw', 'close', 'connect', 'renew', 'send', 'destroy', 'tick'];
foreach ($actions as $action) {
    $fails = [];
    $fired = 0;
    foreach ($events as $ev) {
        [$rc, $out] = php_child(scenario($ev, $action), 40);
        $log = preg_match('/^LOG (.*)$/m', $out, $m) ? json_decode($m[1], true) : null;
        $problem = null;
        if ($rc !== 0 || !str_contains($out, "END")) {
            $problem = "exit $rc: " . substr(preg_replace('/\s+/', ' ', $out), 0, 300);
        } elseif (preg_match('/(Fatal error|Segmentation|panicked)[^\n]*/', $out, $m)) {
            $problem = $m[0];
        } elseif (($p = order_problem($log)) !== null) {
            $problem = "$p: " . json_encode($log);
        } elseif ($action === 'throw' && in_array($ev, $log, true) && !preg_match("/THROWN [12]\n/", $out)) {
            $problem = 'the exception was not delivered exactly once to the caller: ' . trim(strtok(strstr($out, 'THROWN'), "\n"));
        } elseif ($action === 'tick' && in_array('(inside the loop)', $log, true) && (!in_array('LogicException from tick', $log, true) || !in_array('LogicException from run', $log, true))) {
            $problem = 'tick()/run() from a handler did not throw LogicException: ' . json_encode($log);
        }
        if (in_array($ev, (array)$log, true)) {
            $fired++;
        }
        if ($problem !== null) {
            $fails[] = "$ev: $problem";
        }
    }
    $extra = $action === 'tick' ? '; tick()/run() throw LogicException inside the loop' : '';
    check(!$fails, "'$action' from inside each of the 9 handlers ($fired fired in their scenario$extra): no crash, order kept" . ($fails ? "\n#   " . implode("\n#   ", $fails) : ''));
}

// unset($client) while connecting: the loop keeps it until it is done; then it is freed
[$rc, $out] = php_child(child_head() . '
[$srv, $port] = start_server("line-echo.php");
$got = [];
$c = new StreamClient(["target" => "tcp://127.0.0.1:$port", "parser" => LineParser::class]);
$c->on("onMessage", function ($e) use (&$got) { $got[] = $e->message; $e->sender->close(); });
$c->send("still here");
$c->connect();
$w = WeakReference::create($c);
unset($c);
wait_until(function () use (&$got) { return $got !== []; }, 5.0, "message");
run_loop_for(0.1);
gc_collect_cycles();
echo "GOT ", json_encode($got), " FREED ", var_export($w->get() === null, true), "\n";', 30);
check($rc === 0 && str_contains($out, 'GOT ["still here"] FREED true'), "unset(\$client) while connecting: it connects, delivers, and is freed after close ($rc: " . trim($out) . ')');

// pcntl_fork with live connections
[$rc, $out] = php_child(child_head() . '
[$srv, $port] = start_server("line-echo.php");
$got = [];
$c = new StreamClient(["target" => "tcp://127.0.0.1:$port", "parser" => LineParser::class]);
$c->on("onMessage", function ($e) use (&$got) { $got[] = getmypid() . ":" . $e->message; });
$c->connect();
$c->send("before fork");
wait_until(function () use (&$got) { return count($got) === 1; }, 5.0, "first echo");
$pid = pcntl_fork();
if ($pid === 0) {
    // child: the inherited client must not touch the parent connection; a new client works
    $r = @$c->send("from child");
    Loop::tick(0.1);
    $mine = [];
    $d = new StreamClient(["target" => "tcp://127.0.0.1:$port", "parser" => LineParser::class]);
    $d->on("onMessage", function ($e) use (&$mine) { $mine[] = $e->message; $e->sender->close(); });
    $d->send("child client");
    $d->connect();
    wait_until(function () use (&$mine) { return $mine !== []; }, 5.0, "child echo");
    echo "CHILD send=", var_export($r, true), " own=", json_encode($mine), " inherited-events=", count($got) - 1, "\n";
    exit(0);
}
pcntl_waitpid($pid, $st);
$c->send("after fork");
wait_until(function () use (&$got) { return count($got) >= 2; }, 5.0, "parent echo");
run_loop_for(0.3);
echo "PARENT child-exit=", pcntl_wexitstatus($st), " signaled=", var_export(pcntl_wifsignaled($st), true), " got=", json_encode(array_map(fn ($s) => substr($s, strpos($s, ":") + 1), $got)), "\n";', 40);
note(str_replace("\n", ' | ', trim($out)));
check($rc === 0 && str_contains($out, 'child-exit=0 signaled=false') && str_contains($out, 'got=["before fork","after fork"]')
    && str_contains($out, 'own=["child client"]') && str_contains($out, 'inherited-events=0'),
    'pcntl_fork() with a live connection: the child neither crashes nor writes to the parent connection; its own client works; the parent sees each echo once');
rel_done();
