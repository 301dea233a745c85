<?php
/**
 * The hostile-PHP suite of issue 22 ("the host process is sacred"). Every scenario runs in a
 * bounded child process (a crash is a failed check, not the end of the run):
 *
 *  1. destructor re-entry: an object whose __destruct calls back into the client (send, close,
 *     connect(true), on/off, setAttribute, attachBehavior, Loop::after, Loop::cancel, getStats,
 *     unset of the client's last reference, pipe) dropped from every place a value can be
 *     dropped (attributes, handlers and their data, behaviors, timers, StreamClient::$connections,
 *     the parser, event objects, the client released inside its own handler, the reconnect
 *     timer holding the last reference). After each: no fatal, no panic, every such object
 *     released, a fresh client echoes a line and Loop::run() returns;
 *  2. E_USER_ERROR / exit() / a caught and an uncaught exception from each of the 9 handlers, a
 *     Loop::after callback and a PHP parser's input()/decode(): the expected exit code, and a
 *     shutdown function that makes a new client, echoes a line and runs the loop still works;
 *  3. pcntl_fork() while connecting, with queued bytes, inside onMessage, inside onClose, with a
 *     reconnect timer pending and with a Loop::after timer pending; the child then close()s,
 *     end()s, send()s, unsets or just runs the loop: the parent's peer gets exactly the parent's
 *     bytes (once, no early EOF) and the child's own connection works;
 *  4. random settings (seeded): hostile values in every property, option, ssl key and parser
 *     setting, then connect()/send()/tick: exit 0, no panic, nothing left running.
 *
 *   php hostile-php.php              all of the above (REL_MODE=long: more random batches)
 *   php hostile-php.php --valgrind   a representative subset under valgrind memcheck
 *                                    (USE_ZEND_ALLOC=0, pcre.jit=0, reliability/valgrind.supp):
 *                                    each child must end with zero valgrind errors
 *   php hostile-php.php --only=matrix,fatal,fork,random   some parts
 *   php hostile-php.php --seed=N     the random part's seed (default: fixed; printed)
 *   php hostile-php.php --print=fork:queued/close   the script of one child (matrix:PLACE/ACTION[,ACTION…],
 *                                    fatal:KIND/MODE, fork:PHASE/ACTION), to replay it alone
 *
 * A failing check prints the scenario (place/action, handler/mode, phase/action or the
 * generated PHP) so it can be replayed alone: HOSTILE_KEEP=1 keeps the children's scripts in
 * /tmp and prints their paths.
 */
require __DIR__ . '/lib.php';

$VG = in_array('--valgrind', $argv, true);
$ONLY = null;
$SEED = 22;
foreach ($argv as $a) {
    if (strncmp($a, '--only=', 7) === 0) {
        $ONLY = explode(',', substr($a, 7));
    }
    if (strncmp($a, '--seed=', 7) === 0) {
        $SEED = (int)substr($a, 7);
    }
}
$LONG = !rel_quick();
rel_bound($VG ? ($LONG ? 7000 : 330) : ($LONG ? 3000 : 350));
$T0 = microtime(true);
$PAR = max(2, min(4, (int)shell_exec('nproc') + 1));
if ($VG) {
    $PAR = 2;
}
function part(string $p): bool
{
    return $GLOBALS['ONLY'] === null || in_array($p, $GLOBALS['ONLY'], true);
}

/**
 * Runs the children in parallel ($par at a time). $jobs: key => [code, timeout_s]. Returns
 * key => [exit code, output, seconds]. Under --valgrind each child runs under memcheck.
 */
function run_children(array $jobs, int $par): array
{
    $vg = $GLOBALS['VG'];
    $ext = (string)getenv('REL_EXT');
    $queue = $jobs;
    $running = [];
    $results = [];
    while ($queue || $running) {
        while ($queue && count($running) < $par) {
            $key = array_key_first($queue);
            [$code, $timeout] = $queue[$key];
            unset($queue[$key]);
            $file = tempnam(sys_get_temp_dir(), 'hostile-php-');
            file_put_contents($file, $code);
            $php = escapeshellarg(PHP_BINARY) . ' -d display_startup_errors=0 -d display_errors=1 -d log_errors=0'
                . ' -d error_reporting=-1 -d memory_limit=512M -d extension=' . escapeshellarg($ext);
            $env = '';
            if ($vg) {
                $timeout *= 12;
                $env = 'USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1 HOSTILE_VG=1 ';
                $php = 'valgrind -q --error-exitcode=99 --num-callers=30 --trace-children=no'
                    . ' --suppressions=' . escapeshellarg(__DIR__ . '/valgrind.supp')
                    . ' ' . $php . ' -d pcre.jit=0';
            }
            $cmd = $env . 'timeout -s KILL ' . (int)$timeout . ' ' . $php . ' ' . escapeshellarg($file)
                . ' > ' . escapeshellarg("$file.out") . ' 2>&1';
            $p = proc_open(['bash', '-c', $cmd], [0 => ['file', '/dev/null', 'r']], $pipes);
            $running[$key] = [$p, $file, microtime(true)];
        }
        usleep(20000);
        foreach ($running as $key => [$p, $file, $t]) {
            $st = proc_get_status($p);
            if ($st['running']) {
                continue;
            }
            proc_close($p);
            $out = (string)@file_get_contents("$file.out");
            @unlink("$file.out");
            if (getenv('HOSTILE_KEEP')) {
                note("kept $key: $file");
            } else {
                @unlink($file);
            }
            $results[$key] = [$st['exitcode'], $out, microtime(true) - $t];
            unset($running[$key]);
        }
    }
    return $results;
}

/** A short one-line excerpt of a child's output. */
function excerpt(string $out, int $n = 400): string
{
    return substr(preg_replace('/\s+/', ' ', trim($out)), 0, $n);
}

/** The crash / fatal / panic / valgrind markers in a child's output (null: none). */
function bad_marks(string $out, bool $fatalOk = false): ?string
{
    $re = $fatalOk ? '/(panicked|Rust panic|Segmentation|Aborted|core dumped|==\d+==[^\n]*)/'
        : '/(Fatal error|panicked|Rust panic|Segmentation|Aborted|core dumped|==\d+==[^\n]*)/';
    return preg_match($re, $out, $m) ? $m[0] : null;
}

/** Child header: lib.php + a time scale (valgrind is ~20x slower) and server lifetimes. */
function head(int $bound): string
{
    return child_head() . '
$K = getenv("HOSTILE_VG") ? 12 : 1;
rel_bound(' . $bound . ' * $K);
function k(float $s): float { return $s * $GLOBALS["K"]; }
function srv(string $script, ...$args) { return start_server($script, ...array_merge($args, ["--lifetime=" . (int)(60 * $GLOBALS["K"])])); }
/** A fresh client echoes a line through $port, then Loop::run() returns by itself. */
function fresh_echo(int $port): string {
    $got = [];
    $d = new StreamClient(["target" => "tcp://127.0.0.1:$port", "parser" => "LineParser", "timeout" => 3]);
    $d->on("onMessage", function ($e) use (&$got) { $got[] = $e->message; $e->sender->close(); });
    $d->on("onConnectFailed", function ($e) use (&$got) { $got[] = "connect failed: " . $e->errstr; });
    $d->send("fresh");
    $d->connect();
    $t = microtime(true);
    pcntl_alarm((int)k(8));
    Loop::run();
    pcntl_alarm((int)k(60));
    $d = null;
    return $got === ["fresh"] ? "ok" : "echo " . json_encode($got);
}
';
}

// ---------------------------------------------------------------------------------------------
// 1. destructor re-entry matrix
// ---------------------------------------------------------------------------------------------

const ACTIONS = ['send', 'close', 'renew', 'onoff', 'setAttribute', 'attachBehavior', 'after', 'cancel', 'getStats', 'unset', 'pipe'];
const PLACES = [
    'attr_replace', 'attr_remove', 'handler_off', 'handler_data_off', 'behavior_replace', 'behavior_detach',
    'timer_cancel', 'timer_ran', 'timer_every_cancel', 'connections_connect', 'connections_close',
    'parser_replace', 'event_reused', 'event_kept', 'event_close', 'self_onMessage', 'self_onClose',
    'reconnect_timer',
];

function matrix_child(string $place, array $actions): string
{
    return head(90) . '
$place = ' . var_export($place, true) . ';
$actions = ' . var_export($actions, true) . ';
[$srv, $port] = srv("line-echo.php");

final class Hook
{
    public static int $alive = 0;
    public static array $fired = [];
    public $owner;
    public function __construct(public string $action, public string $tag = "") { self::$alive++; }
    public function __invoke(...$a) {}
    public function attach($owner) { $this->owner = null; }
    public function detach() {}
    public function __destruct() { self::$alive--; hook_act($this->action, $this->tag); }
}
final class Plain
{
    public function attach($owner) {}
    public function detach() {}
}
class HookParser extends LineParser
{
    public function __construct(public string $action = "") { Hook::$alive++; }
    public function __destruct() { Hook::$alive--; hook_act($this->action, "parser"); }
}

/** What a destructor does to the client (the target client; else the other one). */
function hook_act(string $action, string $tag): void
{
    Hook::$fired[] = "$tag:$action";
    $c = $GLOBALS["client"] ?? null;
    if (!$c && isset($GLOBALS["weak"])) { $c = $GLOBALS["weak"]->get(); }
    if (!$c) { $c = $GLOBALS["other"] ?? null; }
    if (!$c) { Hook::$fired[] = "(no client left)"; return; }
    try {
        switch ($action) {
            case "send": $c->send("from destructor"); $c->send(str_repeat("d", 1000) . "\n", true); break;
            case "close": $c->close(); break;
            case "renew": $c->connect(true); break;
            case "onoff":
                $f = function ($e) {};
                for ($i = 0; $i < 10; $i++) { $c->on("onMessage", $f); $c->on("on*", $f, [$i]); }
                $c->off("onMessage", $f);
                $c->off("onClose");
                $c->on("onClose", $f);
                $c->off("on*");
                break;
            case "setAttribute":
                for ($i = 0; $i < 30; $i++) { $c->setAttribute("a$i", str_repeat("v", $i)); }
                $c->setAttribute("h", "replaced in a destructor");
                $c->setAttribute("a3", null);
                $c->attr("a4", [1, 2]);
                break;
            case "attachBehavior":
                for ($i = 0; $i < 10; $i++) { $c->attachBehavior("b$i", new Plain()); }
                $c->attachBehavior("b", new Plain());
                $c->detachBehavior("b1");
                $c->getBehaviors();
                break;
            case "after":
                Loop::after(0.01, function () use ($c) { Hook::$fired[] = "after ran"; $c->getId(); });
                break;
            case "cancel":
                foreach ($GLOBALS["timers"] ?? [] as $t) { Loop::cancel($t); }
                if (isset($GLOBALS["timer"])) { Loop::cancel($GLOBALS["timer"]); }
                break;
            case "getStats":
                $c->getStats(); Loop::stats(); (string)$c; $c->getId(); get_object_vars($c); var_export($c->isClosed, true);
                break;
            case "unset":
                $c = null;
                unset($GLOBALS["client"]);
                gc_collect_cycles();
                break;
            case "pipe":
                $o = $GLOBALS["other"] ?? null;
                if ($o && $o !== $c) { $c->pipe($o); }
                elseif (isset($GLOBALS["third"])) { $c->pipe($GLOBALS["third"]); }
                break;
        }
    } catch (Throwable $x) {
        Hook::$fired[] = "threw " . get_class($x) . ": " . $x->getMessage();
        if (stripos($x->getMessage(), "panic") !== false) { echo "PANIC-EXCEPTION ", $x->getMessage(), "\n"; }
    }
}

function established(?StreamClient $c, float $t = 3): bool
{
    return $c !== null && wait_until(fn () => $c->isEstablished, k($t), "established");
}

function scenario(string $place, string $a, int $port): void
{
    $mk = fn (array $more = []) => new StreamClient($more + ["target" => "tcp://127.0.0.1:$port", "parser" => "LineParser", "timeout" => 3]);
    $GLOBALS["msgs"] = [];
    $GLOBALS["other"] = $mk();
    $GLOBALS["other"]->connect();
    $GLOBALS["third"] = $mk();
    $GLOBALS["third"]->connect();
    $GLOBALS["timers"] = [Loop::after(30, fn () => null), Loop::every(30, fn () => null)];
    established($GLOBALS["other"]);
    $log = function ($e) { $GLOBALS["msgs"][] = $e->message; };
    $c = $GLOBALS["client"] = $mk();
    $GLOBALS["wc"] = WeakReference::create($c);   // for the cleanup only (not a destructor target)
    $c->on("onMessage", $log);
    $connect = function () { ($GLOBALS["client"] ?? null)?->connect(); established($GLOBALS["client"] ?? null); };
    switch ($place) {
        case "attr_replace":
            $connect(); $c->setAttribute("h", new Hook($a, "attr")); unset($c);
            ($GLOBALS["client"] ?? null)?->setAttribute("h", "x");
            break;
        case "attr_remove":
            $connect(); $c->setAttribute("h", new Hook($a, "attr")); unset($c);
            ($GLOBALS["client"] ?? null)?->setAttribute("h", null);
            break;
        case "handler_off":
            $connect(); $c->on("onMessage", new Hook($a, "handler")); unset($c);
            ($GLOBALS["client"] ?? null)?->off("onMessage");
            break;
        case "handler_data_off":
            $connect(); $c->on("onClose", function ($e) {}, new Hook($a, "handler data")); unset($c);
            ($GLOBALS["client"] ?? null)?->off("onClose");
            break;
        case "behavior_replace":
            $connect(); $c->attachBehavior("b", new Hook($a, "behavior")); unset($c);
            ($GLOBALS["client"] ?? null)?->attachBehavior("b", new Plain());
            break;
        case "behavior_detach":
            $connect(); $c->attachBehavior("b", new Hook($a, "behavior")); unset($c);
            ($GLOBALS["client"] ?? null)?->detachBehavior("b");
            break;
        case "timer_cancel":
            $connect(); unset($c);
            $GLOBALS["timer"] = Loop::after(10, new Hook($a, "timer"));
            Loop::cancel($GLOBALS["timer"]);
            break;
        case "timer_ran":
            $connect(); unset($c);
            $GLOBALS["timer"] = Loop::after(0.01, new Hook($a, "timer"));
            wait_until(fn () => Hook::$fired !== [], k(2), "timer ran");
            break;
        case "timer_every_cancel":
            $connect(); unset($c);
            $GLOBALS["timer"] = Loop::every(0.01, new Hook($a, "every"));
            run_loop_for(0.05);
            Loop::cancel($GLOBALS["timer"]);
            break;
        case "connections_connect":
            // the ids the next connection may get hold objects the extension replaces
            for ($i = 1; $i <= 8; $i++) {
                if (!isset(StreamClient::$connections[$i])) { StreamClient::$connections[$i] = new Hook($a, "connections[$i]"); }
            }
            $connect(); unset($c);
            for ($i = 1; $i <= 8; $i++) {
                if ((StreamClient::$connections[$i] ?? null) instanceof Hook) { unset(StreamClient::$connections[$i]); }
            }
            break;
        case "connections_close":
            $connect();
            StreamClient::$connections[$c->getId()] = new Hook($a, "connections");
            unset($c);
            ($GLOBALS["client"] ?? null)?->close();
            break;
        case "parser_replace":
            $c->parser = new HookParser($a);
            $connect();
            $c->send("through the hook parser");
            wait_until(fn () => $GLOBALS["msgs"] !== [], k(2), "echo");
            unset($c);
            if (isset($GLOBALS["client"])) { $GLOBALS["client"]->parser = new LineParser(); }
            ($GLOBALS["client"] ?? null)?->send("after the replacement");
            run_loop_for(0.05);
            ($GLOBALS["client"] ?? null)?->connect(true);
            break;
        case "event_reused":
            $n = 0;
            $c->on("onMessage", function ($e) use ($a, &$n) { if ($n++ === 0) { $e->data = new Hook($a, "MessageEvent"); $e->message = new Hook($a, "message"); } });
            $connect();
            $c->send("one"); $c->send("two"); $c->send("three");
            unset($c);
            wait_until(fn () => count($GLOBALS["msgs"]) >= 2, k(2), "echo");
            break;
        case "event_kept":
            $n = 0;
            $c->on("onMessage", function ($e) use ($a, &$n) {
                if ($n++ === 0) { $e->data = new Hook($a, "kept MessageEvent"); $GLOBALS["kept"] = $e; }
                else { $GLOBALS["kept"] = null; }
            });
            $connect();
            $c->send("one"); run_loop_for(0.05); $c->send("two");
            unset($c);
            wait_until(fn () => count($GLOBALS["msgs"]) >= 2, k(2), "echo");
            break;
        case "event_close":
            $n = 0;
            $c->on("onClose", function ($e) use ($a, &$n) { if ($n++ === 0) { $e->data = new Hook($a, "CloseEvent"); $e->context = new Hook($a, "CloseEvent context"); } });
            $connect(); unset($c);
            ($GLOBALS["client"] ?? null)?->close();
            break;
        case "self_onMessage":
            $c->setAttribute("h", new Hook($a, "attr of a client released in onMessage"));
            $c->on("onMessage", function ($e) {
                unset($GLOBALS["client"]);
                $s = $e->sender; $e->sender = null;
                $s->close();
            });
            $connect();
            $c->send("bye");
            unset($c);
            wait_until(fn () => Hook::$fired !== [], k(2), "client freed");
            break;
        case "self_onClose":
            $c->setAttribute("h", new Hook($a, "attr of a client released in onClose"));
            $c->on("onClose", function ($e) { unset($GLOBALS["client"]); $e->sender = null; });
            $connect(); unset($c);
            ($GLOBALS["client"] ?? null)?->close();
            break;
        case "reconnect_timer":
            $c->target = "tcp://127.0.0.1:" . refused_port();
            $c->reconnect_interval = 0.2;
            $c->setAttribute("h", new Hook($a, "attr of a client held by its reconnect timer"));
            $failed = false;
            $c->on("onConnectFailed", function ($e) use (&$failed) { $failed = true; });
            $c->connect();
            unset($c);
            wait_until(function () use (&$failed) { return $failed; }, k(3), "connect failed");
            $GLOBALS["weak"] = WeakReference::create($GLOBALS["client"]);
            unset($GLOBALS["client"]);
            run_loop_for(0.05);
            $GLOBALS["weak"]->get()?->close();
            break;
    }
    run_loop_for(0.1);
}

$results = [];
foreach ($actions as $a) {
    echo "BEGIN $place $a\n";
    Hook::$fired = [];
    $problems = [];
    try {
        scenario($place, $a, $port);
    } catch (Throwable $x) {
        $problems[] = "scenario threw " . get_class($x) . ": " . $x->getMessage();
    }
    // let go of everything (a destructor may reconnect a client while we close another: a few
    // rounds), then: all hooks released, a fresh client works, the loop ends
    for ($round = 0; $round < 4; $round++) {
        foreach (["client", "other", "third"] as $g) {
            try { if (isset($GLOBALS[$g])) { $GLOBALS[$g]->close(); } } catch (Throwable $x) { $problems[] = "close of $g threw " . $x->getMessage(); }
        }
        foreach (["weak", "wc"] as $g) {
            try { if (isset($GLOBALS[$g]) && ($w = $GLOBALS[$g]->get())) { $w->close(); } $w = null; } catch (Throwable $x) { $problems[] = "close threw " . $x->getMessage(); }
        }
        foreach ($GLOBALS["timers"] ?? [] as $t) { Loop::cancel($t); }
        if (isset($GLOBALS["timer"])) { Loop::cancel($GLOBALS["timer"]); }
        try { run_loop_for(0.05); } catch (Throwable $x) { $problems[] = "tick threw " . $x->getMessage(); }
        if (live_connections() === 0) { break; }
    }
    unset($GLOBALS["client"], $GLOBALS["other"], $GLOBALS["third"], $GLOBALS["weak"], $GLOBALS["kept"], $GLOBALS["timer"], $GLOBALS["timers"]);
    foreach (array_keys(StreamClient::$connections) as $i) {
        if (StreamClient::$connections[$i] instanceof Hook) { unset(StreamClient::$connections[$i]); }
    }
    try { run_loop_for(0.05); } catch (Throwable $x) { $problems[] = "tick threw " . $x->getMessage(); }
    gc_collect_cycles(); gc_collect_cycles();
    try { wait_until(fn () => live_connections() === 0, k(3), "all closed"); } catch (Throwable $x) { $problems[] = "tick threw " . $x->getMessage(); }
    $live = live_connections();
    unset($GLOBALS["wc"]);
    if (Hook::$alive !== 0) { $problems[] = Hook::$alive . " hook object(s) never released"; }
    if (!Hook::$fired) { $problems[] = "the hook never ran (the value was not dropped)"; }
    if ($live > 0) {
        $problems[] = "$live connection(s) still open 3 s after every client was closed: " . json_encode(Loop::stats());
    } else {
        // the client (and the loop) still work
        try { $e = fresh_echo($port); if ($e !== "ok") { $problems[] = "fresh client: $e"; } } catch (Throwable $x) { $problems[] = "fresh client threw " . $x->getMessage(); }
    }
    foreach (Hook::$fired as $f) { if (str_contains($f, "panic")) { $problems[] = $f; } }
    echo "RESULT $place $a ", $problems ? "FAIL " . implode("; ", $problems) : "ok", " | fired: ", implode(", ", array_slice(Hook::$fired, 0, 6)), "\n";
}
echo "END\n";
';
}

// --print=matrix:PLACE/ACTION | fatal:KIND/MODE | fork:PHASE/ACTION — print that child's script
// (to replay one scenario alone: php -d extension=… the-file.php)
foreach ($argv as $a) {
    if (preg_match('#^--print=(matrix|fatal|fork):([^/]+)/(.+)$#', $a, $m)) {
        echo match ($m[1]) {
            'matrix' => matrix_child($m[2], explode(',', $m[3])),
            'fatal' => fatal_child($m[2], $m[3]),
            'fork' => fork_child($m[2], $m[3]),
        };
        exit(0);
    }
}

if (part('matrix')) {
    $jobs = [];
    $vgPlaces = ['attr_replace' => ['unset', 'renew'], 'handler_off' => ['close', 'onoff'],
        'behavior_detach' => ['attachBehavior'], 'timer_cancel' => ['cancel', 'send'],
        'connections_close' => ['setAttribute'], 'parser_replace' => ['renew'],
        'event_kept' => ['close'], 'self_onMessage' => ['pipe'], 'self_onClose' => ['getStats'],
        'reconnect_timer' => ['after', 'unset']];
    foreach (PLACES as $place) {
        if ($VG && !isset($vgPlaces[$place])) {
            continue;
        }
        $acts = $VG ? $vgPlaces[$place] : ACTIONS;
        $jobs[$place] = [matrix_child($place, $acts), 100];
    }
    // a child that dies in an action is reported, and the actions after it run in a new child
    $todo = [];
    foreach ($jobs as $place => $_) {
        $todo[$place] = $VG ? $vgPlaces[$place] : ACTIONS;
    }
    $children = 0;
    while ($jobs) {
        $children += count($jobs);
        $res = run_children($jobs, $PAR);
        $jobs = [];
        foreach ($res as $place => [$rc, $out, $secs]) {
            preg_match_all('/^RESULT (\S+) (\S+) (.*)$/m', $out, $mm, PREG_SET_ORDER);
            $done = [];
            foreach ($mm as [, , $act, $rest]) {
                $done[$act] = $rest;
            }
            $bad = bad_marks($out);
            $left = $todo[$place];
            while ($left) {
                $act = array_shift($left);
                $r = $done[$act] ?? null;
                if ($r === null) {
                    // the child died in this action: its exit status and last lines say how
                    $p = strrpos($out, "BEGIN $place $act");
                    check(false, "destructor re-entry: $act() from a __destruct dropped at $place: the child died (exit $rc" . ($bad ? ", $bad" : '') . '): '
                        . excerpt($p === false ? $out : substr($out, $p), 700));
                    if ($left) {
                        $todo[$place] = $left;
                        $jobs[$place] = [matrix_child($place, $left), 100];
                    }
                    continue 2;
                }
                check(str_starts_with($r, 'ok'), "destructor re-entry: $act() from a __destruct dropped at $place: no fatal, all released, a fresh client echoes, Loop::run() returns" . (str_starts_with($r, 'ok') ? '' : " — $r"));
            }
            if ($rc !== 0 || $bad !== null) {
                check(false, "destructor re-entry, $place: child exit $rc" . ($bad ? ", $bad" : '') . ': ' . excerpt($out, 500));
            }
        }
    }
    $jobs = array_fill(0, $children, 0);
    note(sprintf('matrix: %d children, %.0f s so far', count($jobs), microtime(true) - $T0));
}

// ---------------------------------------------------------------------------------------------
// 2. fatal error / exit() / exceptions from every handler kind
// ---------------------------------------------------------------------------------------------

const KINDS = ['onBeforeConnect', 'onConnect', 'onConnectFailed', 'onMessage', 'onClose', 'onBadPacket',
    'onBufferFull', 'onBufferDrain', 'onError', 'timer', 'parser_input', 'parser_decode'];
const MODES = ['fatal', 'exit', 'throw', 'uncaught'];

function fatal_child(string $kind, string $mode): string
{
    return head(40) . '
$kind = ' . var_export($kind, true) . ';
$mode = ' . var_export($mode, true) . ';
register_shutdown_function(function () {
    // the helpers stop their servers in an earlier shutdown function: a server of our own
    try {
        [$s, $p] = srv("line-echo.php");
        $r = fresh_echo($p);
        echo $r === "ok" ? "shutdown ok\n" : "shutdown BAD: $r\n";
    } catch (Throwable $x) {
        echo "shutdown BAD: threw ", get_class($x), ": ", $x->getMessage(), "\n";
    }
});
function hostile(string $where): void
{
    echo "FIRED $where\n";
    switch ($GLOBALS["mode"]) {
        case "fatal": trigger_error("hostile fatal from $where", E_USER_ERROR); break;
        case "exit": exit(0);
        // an \\Exception from a parser becomes onBadPacket by design (README); an \\Error propagates
        default: throw str_starts_with($where, "parser") ? new Error("hostile exception from $where") : new RuntimeException("hostile exception from $where");
    }
}
class BadParser extends LineParser
{
    public function input($buffer, $connection)
    {
        if ($GLOBALS["kind"] === "parser_input" && !isset($GLOBALS["done"])) { $GLOBALS["done"] = 1; hostile("parser input()"); }
        return parent::input($buffer, $connection);
    }
    public function decode($buffer, $connection)
    {
        if ($GLOBALS["kind"] === "parser_decode" && !isset($GLOBALS["done"])) { $GLOBALS["done"] = 1; hostile("parser decode()"); }
        return parent::decode($buffer, $connection);
    }
}
$parser = "BadParser";
switch ($kind) {
    case "onConnectFailed": $target = "tcp://127.0.0.1:" . refused_port(); break;
    case "onClose": [$srv, $port] = srv("close-after.php", 2); break;
    case "onBufferFull": [$srv, $port] = srv("never-read.php"); $parser = null; break;
    case "onBufferDrain": [$srv, $port] = srv("raw-echo.php"); $parser = null; break;
    case "onError": [$srv, $port] = srv("reset.php", "--delay=100"); $parser = null; break;
    case "onBadPacket": [$srv, $port] = srv("line-echo.php"); $parser = new beyod\ext\LineParser(["max_packet_size" => 8]); break;
    default: [$srv, $port] = srv("line-echo.php");
}
$target = $target ?? "tcp://127.0.0.1:$port";
$run = function () use ($kind, $target, $parser) {
    $c = new StreamClient(["target" => $target, "parser" => $parser, "max_send_buffer_size" => 256 * 1024, "timeout" => 3]);
    if (!in_array($kind, ["timer", "parser_input", "parser_decode"], true)) {
        $c->on($kind, function ($e) use ($kind) { if (!isset($GLOBALS["done"])) { $GLOBALS["done"] = 1; hostile($kind); } });
    }
    if ($kind === "timer") { Loop::after(0.05, fn () => hostile("a Loop::after callback")); }
    $c->connect();
    if ($kind === "onBufferFull") { for ($i = 0; $i < 64 && $c->send(str_repeat("x", 65536)) !== false; $i++) {} }
    elseif ($kind === "onBufferDrain") { for ($i = 0; $i < 8; $i++) { $c->send(str_repeat("y", 65536)); } }
    elseif ($kind === "onBadPacket") { $c->send(str_repeat("z", 40) . "\n", true); }
    elseif ($kind !== "onConnectFailed" && $kind !== "onClose" && $kind !== "onError") { $c->send("hello"); }
    $end = microtime(true) + k(3);
    while (microtime(true) < $end && !isset($GLOBALS["done"])) { Loop::tick(0.02); }
    run_loop_for(0.05);
    $c->close();
};
if ($mode === "uncaught") {
    $run();
} else {
    try { $run(); } catch (Throwable $x) { echo "caught ", get_class($x), ": ", $x->getMessage(), "\n"; }
}
echo isset($GLOBALS["done"]) ? "main end\n" : "main end (NOT FIRED)\n";
';
}

if (part('fatal')) {
    $jobs = [];
    $vgSet = ['onMessage' => ['fatal', 'throw'], 'onClose' => ['exit'], 'timer' => ['uncaught'], 'parser_input' => ['fatal'], 'onBeforeConnect' => ['exit']];
    foreach (KINDS as $kind) {
        foreach (MODES as $mode) {
            if ($VG && !in_array($mode, $vgSet[$kind] ?? [], true)) {
                continue;
            }
            $jobs["$kind/$mode"] = [fatal_child($kind, $mode), 40];
        }
    }
    $res = run_children($jobs, $PAR);
    foreach ($res as $key => [$rc, $out, $secs]) {
        [$kind, $mode] = explode('/', $key);
        $want = in_array($mode, ['fatal', 'uncaught'], true) ? 255 : 0;
        $problems = [];
        if (!str_contains($out, 'FIRED')) {
            $problems[] = 'the handler never ran in its scenario';
        }
        if ($rc !== $want) {
            $problems[] = "exit $rc (expected $want)";
        }
        if (!str_contains($out, 'shutdown ok')) {
            $problems[] = 'the shutdown function could not echo through a new client';
        }
        if (($m = bad_marks($out, true)) !== null) {
            $problems[] = $m;
        }
        if ($mode === 'fatal' && !str_contains($out, 'Fatal error: hostile fatal')) {
            $problems[] = 'no fatal error message';
        }
        if ($mode === 'throw' && !preg_match('/caught (RuntimeException|Error): hostile exception/', $out)) {
            $problems[] = 'the exception did not reach the top level';
        }
        if ($mode === 'uncaught' && !preg_match('/Uncaught (RuntimeException|Error): hostile exception/', $out)) {
            $problems[] = 'no "Uncaught RuntimeException/Error" fatal';
        }
        if (preg_match('/Fatal error: (?!hostile fatal|Uncaught (RuntimeException|Error): hostile)[^\n]*/', $out, $m)) {
            $problems[] = 'another fatal error: ' . $m[0];
        }
        $what = ['fatal' => 'E_USER_ERROR', 'exit' => 'exit()', 'throw' => 'an exception caught at the top level', 'uncaught' => 'an uncaught exception'][$mode];
        if (str_starts_with($kind, 'parser') && in_array($mode, ['throw', 'uncaught'], true)) {
            $what = str_replace('exception', '\\Error', $what);
        }
        $where = ['timer' => 'a Loop::after callback', 'parser_input' => "a PHP parser's input()", 'parser_decode' => "a PHP parser's decode()"][$kind] ?? $kind;
        check(!$problems, "$what from $where: exit $want, the shutdown function's new client echoes" . ($problems ? ' — ' . implode('; ', $problems) . "\n#   output: " . excerpt($out, 500) : ''));
    }
    note(sprintf('fatal: %d children, %.0f s so far', count($jobs), microtime(true) - $T0));
}

// ---------------------------------------------------------------------------------------------
// 3. fork at every phase
// ---------------------------------------------------------------------------------------------

const PHASES = ['connecting', 'queued', 'onMessage', 'onClose', 'reconnect_pending', 'timer_pending'];
const FORK_ACTIONS = ['close', 'end', 'send', 'unset', 'run'];

function fork_child(string $phase, string $action): string
{
    return head(60) . '
$phase = ' . var_export($phase, true) . ';
$action = ' . var_export($action, true) . ';
$sinkArgs = ["sink.php"];
if ($phase === "queued" || $phase === "onClose") { $sinkArgs[] = "--delay=" . (int)(k(0.6) * 1000); }
if ($phase === "onMessage") { $sinkArgs[] = "--greeting=hi"; }
[$echo, $eport] = srv("line-echo.php");
if ($phase === "reconnect_pending") { $sport = refused_port(); } else { [$sink, $sport] = srv(...$sinkArgs); }
$GLOBALS["sent"] = "";
$GLOBALS["c"] = new StreamClient(["target" => "tcp://127.0.0.1:$sport", "max_send_buffer_size" => 64 << 20, "timeout" => k(5),
    "reconnect_interval" => $phase === "reconnect_pending" ? 0.3 : 0]);
function psend(string $s) { $r = $GLOBALS["c"]->send($s, true); if ($r !== false) { $GLOBALS["sent"] .= $s; } return $r; }
$GLOBALS["pid"] = null;
$GLOBALS["is_child"] = false;
function do_fork(string $where): void
{
    if ($GLOBALS["pid"] !== null) { return; }
    $pid = pcntl_fork();
    if ($pid < 0) { echo "fork failed\n"; exit(1); }
    if ($pid > 0) { $GLOBALS["pid"] = $pid; return; }
    // the child: the parent servers are not ours to stop
    $GLOBALS["pid"] = 0;
    $GLOBALS["is_child"] = true;
    $GLOBALS["__test_servers"] = [];
    pcntl_alarm((int)k(20));
    $c = $GLOBALS["c"];
    try {
        switch ($GLOBALS["action"]) {
            case "close": $c->close(); break;
            case "end": $c->end(); break;
            case "send": $r = $c->send("CHILD BYTES", true); echo "CHILD send returned ", var_export($r, true), "\n"; break;
            case "unset": $c = null; unset($GLOBALS["c"]); gc_collect_cycles(); break;
            case "run": break;
        }
    } catch (Throwable $x) {
        echo "CHILD ", $GLOBALS["action"], " threw ", get_class($x), ": ", $x->getMessage(), "\n";
    }
    $c = null;
}
/** Complete lines the server printed within $timeout s (buffered: a partial line is kept). */
function sink_lines($proc, float $timeout): array
{
    static $buf = "";
    $pipe = $GLOBALS["__test_servers"][(int)$proc]["pipes"][1];
    stream_set_blocking($pipe, false);
    $end = microtime(true) + $timeout;
    do {
        $buf .= (string)fread($pipe, 65536);
        if (($p = strrpos($buf, "\n")) !== false) {
            $lines = explode("\n", substr($buf, 0, $p));
            $buf = substr($buf, $p + 1);
            return $lines;
        }
        usleep(5000);
    } while (microtime(true) < $end);
    return [];
}
/** The rest of the child, outside any handler: the loop ends, its own client works. */
function child_rest(): void
{
    try {
        $t = microtime(true);
        Loop::run();
        $s = Loop::stats();
        echo "CHILD loop returned after ", round(microtime(true) - $t, 2), " s\n";
        echo "CHILD own ", fresh_echo($GLOBALS["eport"]), "\n";
    } catch (Throwable $x) {
        echo "CHILD threw ", get_class($x), ": ", $x->getMessage(), "\n";
    }
    if (isset($GLOBALS["timer_ran_in"]) && in_array(getmypid(), $GLOBALS["timer_ran_in"], true)) { echo "CHILD ran the parent\'s timer\n"; }
    exit(0);
}
// (at the top level $c is $GLOBALS["c"]: no local variable of it)
$GLOBALS["c"]->on("onMessage", function ($e) use ($phase) { if ($phase === "onMessage") { do_fork("onMessage"); } });
$GLOBALS["c"]->on("onClose", function ($e) use ($phase) { if ($phase === "onClose") { do_fork("onClose"); } });
$failed = 0;
$GLOBALS["c"]->on("onConnectFailed", function ($e) use (&$failed) { $failed++; });
$C = fn () => $GLOBALS["c"];
switch ($phase) {
    case "connecting":
        $C()->connect();
        psend(str_repeat("A", 1000));
        do_fork("connecting");
        break;
    case "queued":
        $C()->connect();
        wait_until(fn () => $C()->isEstablished, k(3), "established");
        for ($i = 0; $i < 128; $i++) { psend(str_repeat(chr(65 + $i % 26), 65536)); }
        Loop::tick(0);
        echo "queued at fork: ", $C()->getStats()["send_queue"] ?? "?", "\n";
        do_fork("queued");
        break;
    case "onMessage":
        $C()->connect();
        psend(str_repeat("A", 1000));
        wait_until(fn () => $GLOBALS["pid"] !== null, k(3), "greeting");
        break;
    case "onClose":
        $C()->connect();
        wait_until(fn () => $C()->isEstablished, k(3), "established");
        for ($i = 0; $i < 64; $i++) { psend(str_repeat(chr(65 + $i % 26), 65536)); }
        $C()->close();
        break;
    case "reconnect_pending":
        psend(str_repeat("A", 1000));
        $C()->connect();
        wait_until(function () use (&$failed) { return $failed > 0; }, k(3), "connect failed");
        do_fork("reconnect pending");
        break;
    case "timer_pending":
        $C()->connect();
        wait_until(fn () => $C()->isEstablished, k(3), "established");
        psend(str_repeat("A", 1000));
        $GLOBALS["timer_ran_in"] = [];
        Loop::after(0.3, function () { $GLOBALS["timer_ran_in"][] = getmypid(); if (!$GLOBALS["is_child"]) { psend("TIMER"); } });
        do_fork("timer pending");
        break;
}
if ($GLOBALS["is_child"]) { child_rest(); }
if ($GLOBALS["pid"] === null) { echo "PARENT never forked\n"; exit(1); }
// the parent: keep its loop going until the child is done
$st = 0;
$end = microtime(true) + k(25);
while (microtime(true) < $end) {
    if (pcntl_waitpid($GLOBALS["pid"], $st, WNOHANG) > 0) { break; }
    Loop::tick(0.02);
    if ($GLOBALS["is_child"]) { child_rest(); }
}
echo "PARENT child exit=", pcntl_wifexited($st) ? pcntl_wexitstatus($st) : "signal " . pcntl_wtermsig($st), "\n";
if ($phase === "reconnect_pending") {
    [$sink, $p2] = srv("sink.php", "--listen=tcp://127.0.0.1:$sport");
    wait_until(fn () => $GLOBALS["c"]->isEstablished, k(5), "reconnected");
}
run_loop_for(0.2);
if ($phase !== "onClose") {
    $early = sink_lines($sink, 0.2);
    if ($early) { echo "PARENT early line from the peer (EOF before the parent closed): ", implode(" | ", $early), "\n"; }
    psend("TAIL");
    $GLOBALS["c"]->close();
}
$want = "conn1 " . strlen($GLOBALS["sent"]) . " " . md5($GLOBALS["sent"]);
$lines = [];
$end = microtime(true) + k(10);
while (microtime(true) < $end && !$lines) {
    Loop::tick(0.02);
    $lines = array_merge($lines, sink_lines($sink, 0.01));
}
$lines = array_merge($early ?? [], $lines, sink_lines($sink, 0.3));
echo "PARENT peer got: ", json_encode($lines), " want: ", json_encode([$want]), "\n";
echo ($lines === [$want] ? "PEER EXACT" : "PEER MISMATCH"), "\n";
';
}

if (part('fork')) {
    $jobs = [];
    $vgSet = ['onClose' => ['send'], 'reconnect_pending' => ['run'], 'onMessage' => ['end']];
    foreach (PHASES as $phase) {
        foreach (FORK_ACTIONS as $action) {
            if ($VG && !in_array($action, $vgSet[$phase] ?? [], true)) {
                continue;
            }
            $jobs["$phase/$action"] = [fork_child($phase, $action), 60];
        }
    }
    $res = run_children($jobs, $PAR);
    foreach ($res as $key => [$rc, $out, $secs]) {
        [$phase, $action] = explode('/', $key);
        $problems = [];
        if ($rc !== 0) {
            $problems[] = "parent exit $rc";
        }
        if (!str_contains($out, 'PARENT child exit=0')) {
            $problems[] = 'child ' . (preg_match('/PARENT child exit=([^\n]*)/', $out, $m) ? "exit {$m[1]}" : 'never reaped');
        }
        if (!str_contains($out, 'CHILD own ok')) {
            $problems[] = "the child's own client did not echo" . (preg_match('/CHILD own ([^\n]*)/', $out, $m) ? " ({$m[1]})" : '');
        }
        if (!str_contains($out, 'PEER EXACT')) {
            $problems[] = 'the parent\'s peer did not get exactly the parent\'s bytes: ' . (preg_match('/PARENT peer got: ([^\n]*)/', $out, $m) ? $m[1] : 'no result');
        }
        if (preg_match('/PARENT early line[^\n]*/', $out, $m)) {
            $problems[] = $m[0];
        }
        if (preg_match('/CHILD (?!own|loop|send returned)[^\n]*/', $out, $m)) {
            $problems[] = $m[0];
        }
        if (($m = bad_marks($out)) !== null) {
            $problems[] = $m;
        }
        $info = preg_match('/CHILD loop returned after ([^\n]*)/', $out, $m) ? "child's Loop::run() returned after {$m[1]}" : "child's Loop::run() did not return";
        check(!$problems, "fork $phase, then $action in the child: the parent's peer gets exactly its bytes, the child's own client works ($info)"
            . ($problems ? ' — ' . implode('; ', $problems) . "\n#   output: " . excerpt($out, 700) : ''));
    }
    note(sprintf('fork: %d children, %.0f s so far', count($jobs), microtime(true) - $T0));
}

// ---------------------------------------------------------------------------------------------
// 4. random settings
// ---------------------------------------------------------------------------------------------

/** PHP source of one hostile value. */
function rnd_value(): string
{
    static $vals = ['PHP_INT_MAX', 'PHP_INT_MIN', '-1', '0', '1e300', '-1e300', 'NAN', 'INF', '-INF', '"abc"',
        '"\xff\xfe"', '"é€𝄞"', '[]', 'new stdClass', 'null', 'true', 'false', '1', '0.001', '"0"', '"1e3"',
        '[1, 2, 3]', '["a" => new stdClass]', 'str_repeat("x", 70000)', '"\0"', '-0.0', '2147483648', '"-1"'];
    return $vals[mt_rand(0, count($vals) - 1)];
}

function rnd_target(): string
{
    $t = ['"tcp://127.0.0.1:$port"', '"tcp://127.0.0.1:$port"', '"tcp://127.0.0.1:$port"', '"tcp://localhost:$port"',
        '"udp://127.0.0.1:$port"', '"ssl://127.0.0.1:$port"', '"tcp://[::1]:$port"', '"tcp://127.0.0.1:99999"',
        '"tcp://127.0.0.1:-1"', '"tcp://é€𝄞:1"', '"unix://"', '"unix:///nonexistent/x.sock"', '"tcp://"', '"127.0.0.1:$port"',
        '"tcp://127.0.0.1:$port/path?q#f"', '"tcp://user:pw@127.0.0.1:$port"', '"\xff://\xfe"', '"udg:///tmp/none"'];
    return mt_rand(0, 3) === 0 ? rnd_value() : $t[mt_rand(0, count($t) - 1)];
}

function rnd_parser(): string
{
    $cls = ['beyod\ext\LineParser', 'beyod\ext\LengthParser', 'beyod\ext\RedisParser'][mt_rand(0, 2)];
    $keys = ['max_packet_size', 'delimiter', 'length_type', 'length_offset', 'body_offset', 'length_includes_header'];
    $cfg = [];
    foreach ($keys as $k) {
        if (mt_rand(0, 2) === 0) {
            $v = mt_rand(0, 3) === 0 ? ['"C"', '"n"', '"v"', '"N"', '"V"', '"J"', '"P"', '"Q"', '""', '"\r\n"'][mt_rand(0, 9)] : rnd_value();
            $cfg[] = var_export($k, true) . ' => ' . $v;
        }
    }
    switch (mt_rand(0, 5)) {
        case 0: return var_export($cls, true);
        case 1: return '["class" => ' . var_export($cls, true) . ($cfg ? ', ' . implode(', ', $cfg) : '') . ']';
        case 2: return rnd_value();
        default: return 'new \\' . $cls . '([' . implode(', ', $cfg) . '])';
    }
}

/** One random scenario: PHP statements using $port (a line-echo server). */
function rnd_scenario(): string
{
    $props = ['target', 'parser', 'reconnect_interval', 'timeout', 'max_send_buffer_size', 'read_buffer_size'];
    $options = ['backlog', 'SO_REUSEADDR', 'SO_KEEPALIVE', 'SO_LINGER', 'SO_SNDBUF', 'SO_RCVBUF', 'TCP_NODELAY', 'bindto',
        'happy_eyeballs', 'resolve', 'proxy', 'idle_timeout', 'TCP_KEEPIDLE', 'TCP_KEEPINTVL', 'TCP_KEEPCNT',
        'reconnect_backoff', 'reconnect_max_interval', 'reconnect_jitter', 'reconnect_max_attempts'];
    $ssl = ['enabled', 'verify_peer', 'verify_peer_name', 'allow_self_signed', 'cafile', 'capath', 'local_cert', 'local_pk',
        'passphrase', 'peer_name', 'ciphers', 'SNI_enabled', 'SNI_server_name', 'peer_fingerprint', 'verify_depth',
        'capture_peer_cert', 'capture_peer_cert_chain', 'disable_compression', 'alpn_protocols'];
    $s = [];
    $cfg = ['"target" => "tcp://127.0.0.1:$port"', '"parser" => "beyod\\\\ext\\\\LineParser"', '"timeout" => 2'];
    $s[] = '$c = new StreamClient([' . implode(', ', $cfg) . ']);';
    foreach ($props as $p) {
        if (mt_rand(0, 2) === 0) {
            $v = $p === 'target' ? rnd_target() : ($p === 'parser' ? rnd_parser() : rnd_value());
            $s[] = "\$c->$p = $v;";
        }
    }
    if (mt_rand(0, 4) === 0) {
        $s[] = '$c->options = ' . rnd_value() . ';';
    }
    foreach ($options as $o) {
        if (mt_rand(0, 5) === 0) {
            $s[] = '$c->options[' . var_export($o, true) . '] = ' . rnd_value() . ';';
        }
    }
    if (mt_rand(0, 4) === 0) {
        $s[] = '$c->ssl = ' . rnd_value() . ';';
    }
    foreach ($ssl as $o) {
        if (mt_rand(0, 6) === 0) {
            $s[] = '$c->ssl[' . var_export($o, true) . '] = ' . rnd_value() . ';';
        }
    }
    if (mt_rand(0, 3) === 0) {
        $s[] = '$c->init();';
    }
    $s[] = '$c->connect();';
    $n = mt_rand(1, 3);
    for ($i = 0; $i < $n; $i++) {
        $s[] = mt_rand(0, 1) ? '$c->send(' . rnd_value() . ');' : '$c->send("line\n", ' . rnd_value() . ');';
        $s[] = 'Loop::tick(0.01);';
    }
    if (mt_rand(0, 3) === 0) {
        $s[] = '$c->connect(true);';
        $s[] = 'Loop::tick(0.01);';
    }
    $s[] = '$c->getStats(); (string)$c;';
    $s[] = '$c->close();';
    $s[] = '$c = null;';
    return implode("\n", $s);
}

function random_child(array $scenarios): string
{
    $body = '';
    foreach ($scenarios as $i => $sc) {
        $body .= "echo \"IT $i\\n\";\n";
        foreach (explode("\n", $sc) as $stmt) {
            $body .= "try { $stmt } catch (Throwable \$x) { seen(\$x); }\n";
        }
        $body .= "settle($i);\n";
    }
    return head(120) . '
error_reporting(E_ALL & ~E_WARNING & ~E_NOTICE & ~E_DEPRECATED & ~E_USER_WARNING);
[$srv, $port] = srv("line-echo.php");
function seen(Throwable $x): void
{
    if (stripos($x->getMessage(), "panic") !== false) { echo "PANIC-EXCEPTION ", get_class($x), ": ", $x->getMessage(), "\n"; }
}
function settle(int $i): void
{
    // (a connection an earlier scenario left behind is counted once, there)
    static $base = 0;
    gc_collect_cycles();
    $end = microtime(true) + k(2);
    while (live_connections() > $base && microtime(true) < $end) { Loop::tick(0.02); }
    if (live_connections() > $base) { echo "LINGER $i ", json_encode(Loop::stats()), "\n"; }
    $base = live_connections();
}
' . $body . '
echo "IT end\n";
if (live_connections() > 0) {
    echo "fresh skipped: ", live_connections(), " connection(s) left (Loop::run() would not return)\n";
} else {
    echo "fresh ", fresh_echo($port), "\n";
}
echo "END\n";
';
}

if (part('random')) {
    mt_srand($SEED);
    $batches = $VG ? 2 : ($LONG ? 40 : 8);
    $per = $VG ? 8 : 40;
    $jobs = [];
    $scen = [];
    for ($b = 0; $b < $batches; $b++) {
        $scen[$b] = [];
        for ($i = 0; $i < $per; $i++) {
            $scen[$b][$i] = rnd_scenario();
        }
        $jobs[$b] = [random_child($scen[$b]), 90];
    }
    note("random settings: seed $SEED, $batches batches of $per scenarios");
    $res = run_children($jobs, $PAR);
    // one check per distinct problem (a panic message, a fatal, a connection left open, a
    // crash), with the shortest scenario that shows it
    $kinds = [];
    $clean = 0;
    foreach ($res as $b => [$rc, $out, $secs]) {
        $segs = preg_split('/^IT (\d+|end)$/m', $out, -1, PREG_SPLIT_DELIM_CAPTURE);
        $found = [];
        for ($j = 1; $j + 1 < count($segs); $j += 2) {
            $i = $segs[$j];
            $text = $segs[$j + 1];
            $kind = null;
            if (preg_match('/^PANIC-EXCEPTION [^:]*: (.*)$/m', $text, $m)) {
                $kind = 'panic: ' . $m[1];
            } elseif (preg_match('/panicked at [^\n]*\n([^\n]*)/', $text, $m)) {
                $kind = 'panic: ' . trim($m[1]);
            } elseif (preg_match('/(Fatal error: [^\n]*?)( in \/|$)/m', $text, $m)) {
                $kind = preg_replace('/hostile-php-\w+/', 'child', $m[1]);
            } elseif (preg_match('/^LINGER \d+ (.*)$/m', $text, $m)) {
                $kind = 'a connection still ' . (str_contains($m[1], '"connecting":0') ? 'open' : 'connecting') . ' 2 s after close() (Loop::run() would never return)';
            } elseif (preg_match('/^fresh (?!ok)(.*)$/m', $text, $m)) {
                $kind = 'after the batch: ' . $m[1];
            }
            if ($kind !== null) {
                $found[] = [$kind, $i];
            }
        }
        $lastIt = preg_match_all('/^IT (\d+|end)$/m', $out, $m) ? end($m[1]) : null;
        if ($rc !== 0 || !str_contains($out, 'END')) {
            $found[] = ["exit $rc (the child died" . ($lastIt !== null ? " in scenario $lastIt" : '') . ")", $lastIt];
        }
        if (!$found) {
            $clean++;
        }
        foreach ($found as [$kind, $i]) {
            $kind = preg_replace('/\d{4,}/', 'N', $kind);
            $sc = $scen[$b][$i] ?? null;
            if (!isset($kinds[$kind]) || ($sc !== null && substr_count($sc, "\n") < substr_count($kinds[$kind][0] ?? str_repeat("\n", 999), "\n"))) {
                $kinds[$kind] = [$sc, "batch $b scenario $i", ($kinds[$kind][2] ?? 0) + 1];
            } else {
                $kinds[$kind][2]++;
            }
        }
    }
    check($clean > 0 || $kinds === [], "random settings (seed $SEED): $clean of $batches batches of $per scenarios without any problem");
    foreach ($kinds as $kind => [$sc, $where, $n]) {
        check(false, "random settings: $kind ($n time(s); e.g. $where)"
            . ($sc !== null ? "\n#   reproduce (\$port: a line-echo server; each statement in try/catch):\n#     " . str_replace("\n", "\n#     ", $sc) : ''));
    }
    note(sprintf('random: %d children, %.0f s so far', count($jobs), microtime(true) - $T0));
}

note(sprintf('hostile-php%s: %.0f s', $VG ? ' --valgrind' : '', microtime(true) - $T0));
rel_done();
