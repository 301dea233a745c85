<?php
/**
 * Shared by the workload scripts. Each script is run as
 *   php [-d extension=…] bench/php/WORKLOAD.php IMPL key=value…
 * and prints exactly one JSON line: {"ok":true,…figures…} or {"ok":false,"error":…}.
 * The data of every run is verified (counts, order, CRCs) before a figure is printed.
 */
error_reporting(E_ALL & ~E_DEPRECATED);
ini_set('memory_limit', '4G');

$GLOBALS['bench_args'] = [];
foreach (array_slice($argv, 2) as $a) {
    [$k, $v] = explode('=', $a, 2) + [1 => ''];
    $GLOBALS['bench_args'][$k] = $v;
}
$GLOBALS['bench_impl'] = $argv[1] ?? '';

function impl(): string
{
    return $GLOBALS['bench_impl'];
}

function arg(string $name, $default = null)
{
    if (!array_key_exists($name, $GLOBALS['bench_args'])) {
        if ($default === null) {
            fail("missing argument $name=");
        }
        return $default;
    }
    $v = $GLOBALS['bench_args'][$name];
    return is_int($default) ? (int) $v : (is_float($default) ? (float) $v : $v);
}

function done(array $figures): void
{
    echo json_encode(['ok' => true] + $figures), "\n";
    exit(0);
}

function fail(string $why): void
{
    echo json_encode(['ok' => false, 'error' => $why]), "\n";
    exit(1);
}

/**
 * The end of the idle workloads (idle.php, real-idle.php): fails unless all $n clients connected
 * within the time limit, each one connected with a local address of its own; then prints the
 * figures: $seconds from the first connect() to the last onConnect, the growth of RSS ($rssKib)
 * and of PHP's heap ($heapBytes) per connection.
 */
function idle_done(array $clients, int $n, int $connected, ?string $failed, bool $finished, float $limit,
    float $seconds, int $rssKib, int $heapBytes): void
{
    if ($failed !== null) {
        fail("$failed after $connected of $n connections");
    }
    if (!$finished || $connected !== $n) {
        fail("time limit of {$limit}s reached with $connected of $n connections established");
    }
    $locals = [];
    foreach ($clients as $c) {
        if (!$c->isConnnected()) {
            fail("a client reported onConnect but is not connected: $c");
        }
        $locals[$c->local] = true;
    }
    if (count($locals) !== $n) {
        fail(count($locals) . " distinct local addresses for $n connections");
    }
    done([
        'count' => $n,
        'seconds' => $seconds,
        'rss_per_conn' => $rssKib * 1024 / $n,
        'heap_per_conn' => $heapBytes / $n,
    ]);
}

function now(): float
{
    return hrtime(true) / 1e9;
}

/** CPU time (user + system) this process has used so far, in seconds. */
function cpu_seconds(): float
{
    $r = getrusage();
    return $r['ru_utime.tv_sec'] + $r['ru_utime.tv_usec'] / 1e6 + $r['ru_stime.tv_sec'] + $r['ru_stime.tv_usec'] / 1e6;
}

/** Resident set size of this process, in KiB. */
function rss_kib(): int
{
    preg_match('/VmRSS:\s+(\d+)/', file_get_contents('/proc/self/status'), $m);
    return (int) $m[1];
}

function require_native(): void
{
    if (!class_exists(\beyod\ext\Loop::class, false)) {
        fail('the native extension is not loaded (php -d extension=…/libbeyod_streamclient.so)');
    }
}

function require_baseline(): void
{
    require_once __DIR__ . '/../baseline/autoload.php';
}

function require_react(): void
{
    $autoload = '/usr/share/icingaweb2/modules/reactbundle/vendor/autoload.php';
    if (!is_file($autoload)) {
        fail("ReactPHP not found: $autoload (apt-get install icingaweb2-module-reactbundle)");
    }
    require_once $autoload;
}

/**
 * Runs the loop of the implementation under test until it ends by itself, with a time limit.
 * Returns false if the limit was hit.
 */
function run_loop(string $impl, float $limit, $reactLoop = null): bool
{
    $timedOut = false;
    if ($impl === 'native') {
        $guard = \beyod\ext\Loop::after($limit, function () use (&$timedOut) {
            $timedOut = true;
            \beyod\ext\Loop::stop();
        });
        $GLOBALS['bench_guard'] = $guard;
        \beyod\ext\Loop::run();
        \beyod\ext\Loop::cancel($guard);
    } elseif ($impl === 'php') {
        $looper = \bench\baseline\EventLooper::instance();
        $guard = $looper->addTimeout($limit * 1000, function () use (&$timedOut, $looper) {
            $timedOut = true;
            $looper->stop();
        });
        $GLOBALS['bench_guard'] = $guard;
        $looper->loop();
        $looper->delTimeout($guard);
    } elseif ($impl === 'react') {
        $t = $reactLoop->addTimer($limit, function () use (&$timedOut, $reactLoop) {
            $timedOut = true;
            $reactLoop->stop();
        });
        $GLOBALS['bench_guard'] = $t;
        $reactLoop->run();
        $reactLoop->cancelTimer($t);
    } else {
        fail("unknown implementation " . $impl);
    }
    return !$timedOut;
}

/** The loop's guard timer is the last thing keeping it alive: drop it once the work is done. */
function end_loop(string $impl, $reactLoop = null): void
{
    $g = $GLOBALS['bench_guard'] ?? null;
    if ($g === null) {
        return;
    }
    if ($impl === 'native') {
        \beyod\ext\Loop::cancel($g);
    } elseif ($impl === 'php') {
        \bench\baseline\EventLooper::instance()->delTimeout($g);
    } elseif ($impl === 'react') {
        $reactLoop->cancelTimer($g);
    }
}

/** The client class under test: the extension's or the pure-PHP baseline's. */
function client_class(string $impl): string
{
    if ($impl === 'native') {
        require_native();
        return \beyod\StreamClient::class;
    }
    require_baseline();
    return \bench\baseline\StreamClient::class;
}

/**
 * The line parser of a run: the user's PHP LineParser (parser=php, the default), or the
 * extension's native beyod\ext\LineParser (parser=native: framing in Rust, informational).
 */
function line_parser()
{
    if (arg('parser', 'php') === 'native') {
        require_native();
        return new \beyod\ext\LineParser(['delimiter' => "\n"]);
    }
    return new LineParser();
}

/** A user's line parser (beyod's text parser shape), the same object for every implementation. */
class LineParser
{
    public function input($buffer, $connection)
    {
        $p = strpos($buffer, "\n");
        return $p === false ? 0 : $p + 1;
    }

    public function decode($buffer, $connection)
    {
        return rtrim($buffer, "\r\n");
    }

    public function encode($message, $connection)
    {
        return $message . "\n";
    }
}

/**
 * The phpredis baseline of the pipelined-SET rows (row 3 and R3): $n SETs "key:$i" => "value:$i"
 * in one pipeline(), then DBSIZE and GET of the last key, verified; prints the figures and exits.
 */
function phpredis_pipelined_set(int $port, int $n): void
{
    if (!class_exists('Redis')) {
        fail('phpredis is not loaded (apt-get install php8.2-redis)');
    }
    $last = $n - 1;
    $r = new Redis();
    $r->connect('127.0.0.1', $port, 5);
    $t0 = now();
    $p = $r->pipeline();
    for ($i = 0; $i < $n; $i++) {
        $p->set("key:$i", "value:$i");
    }
    $replies = $p->exec();
    $size = $r->dbSize();
    $value = $r->get("key:$last");
    $t1 = now();
    $ok = count($replies) === $n && count(array_filter($replies, fn ($x) => $x === true)) === $n;
    if (!$ok || $size !== $n || $value !== "value:$last") {
        fail("phpredis: replies " . count($replies) . ", dbsize $size, last " . json_encode($value));
    }
    done(['count' => $n, 'last' => $value, 'seconds' => $t1 - $t0, 'rate' => $n / ($t1 - $t0)]);
}
