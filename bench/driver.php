<?php
/**
 * The benchmark driver (run it through bench/run, which installs and builds what it needs).
 * Starts the loopback servers, runs every workload's implementations interleaved, several
 * times, checks every run's data, and prints one table of ratios against baselines measured
 * in the same run on the same machine.
 *
 *   php bench/driver.php [--quick] [--runs=N] [--only=WORKLOAD,…]
 *
 * Workloads: real-lines, real-pingpong, real-redis, real-redis-pingpong, real-idle,
 * real-callgrind (the ORIGINAL beyod StreamClient on real Yii against the extension on real
 * Yii; `real` selects them all), real-syscalls, real-event-lines, real-event-pingpong,
 * real-event-redis, real-event-redis-pingpong, real-event-cycles, real-event-syscalls,
 * real-event-epoll-cost, real-event-callgrind (the same under beyod's libevent looper beyod\event\Event; `real-event`
 * selects those), then pingpong, lines, redis, bulk, pipe, idle, callgrind
 * (against the pure-PHP rebuild without Yii).
 */
error_reporting(E_ALL);

const BENCH = __DIR__;
$ROOT = dirname(__DIR__);
$BIN = BENCH . '/rust-baseline/target/release';
$EXT = getenv('BENCH_EXT') ?: "$ROOT/target/release/libbeyod_streamclient.so";

$opts = getopt('', ['quick', 'runs:', 'only:', 'help']);
if (isset($opts['help'])) {
    echo "usage: bench/run [--quick] [--runs=N] [--only=WORKLOAD,…]\n"
        . "  workloads: real (all real-*), real-lines, real-pingpong, real-redis, real-redis-pingpong, real-idle,\n"
        . "  real-callgrind, real-cycles, real-syscalls; real-event (all real-event-*), real-event-lines, real-event-pingpong,\n"
        . "  real-event-redis, real-event-redis-pingpong, real-event-cycles, real-event-syscalls, real-event-epoll-cost, real-event-callgrind;\n"
        . "  pingpong, lines, redis, bulk, pipe, idle, callgrind\n";
    exit(0);
}
$QUICK = isset($opts['quick']);
$RUNS = max(3, (int) ($opts['runs'] ?? ($QUICK ? 3 : 5)));
$ONLY = isset($opts['only']) ? explode(',', $opts['only']) : null;

// Workload sizes: the issue's in a full run, smaller ones for --quick.
$SIZE = $QUICK
    ? ['pingpong' => 20000, 'lines' => 100000, 'redis' => 100000, 'bulk' => 512 << 20, 'pipe' => 512 << 20,
       'idle' => 10000, 'cg_lo' => 500, 'cg_hi' => 2500, 'cg_runs' => 1,
       'real_lines' => 100000, 'real_pingpong' => 10000, 'real_redis' => 100000, 'real_redis_pp' => 10000,
       'real_idle' => 1000, 'real_cg_lo' => 2000, 'real_cg_hi' => 10000, 'real_cycles' => 2000,
       'real_sys_lo' => 1000, 'real_sys_hi' => 5000]
    : ['pingpong' => 100000, 'lines' => 200000, 'redis' => 100000, 'bulk' => 1 << 30, 'pipe' => 1 << 30,
       'idle' => 10000, 'cg_lo' => 1000, 'cg_hi' => 5000, 'cg_runs' => 3,
       'real_lines' => 200000, 'real_pingpong' => 20000, 'real_redis' => 100000, 'real_redis_pp' => 20000,
       'real_idle' => 1000, 'real_cg_lo' => 5000, 'real_cg_hi' => 25000, 'real_cycles' => 5000,
       'real_sys_lo' => 2000, 'real_sys_hi' => 10000];
// The real beyod and Yii 2 sources for the real-stack rows: extracted by scripts/vendor (bench/run
// runs it) into the ignored .vendor/; without them those rows are skipped, and the table says why.
$REAL_MISSING = null;
if (!is_file("$ROOT/.vendor/beyod/StreamClient.php") || !is_file("$ROOT/.vendor/yii2/framework/Yii.php")) {
    $REAL_MISSING = getenv('BENCH_REAL_MISSING') ?: 'the real beyod and Yii 2 sources are not in .vendor/ (scripts/vendor extracts '
        . 'beyod-*.tar.gz and yii2-framework-*.tar.gz from $BEYOD_VENDOR_DIR or ../shared/vendor)';
}
// beyod's own libevent looper for the R*e rows: the event PECL extension, built by
// scripts/event-ext (bench/run runs it) into the ignored .event/; without it those rows are skipped.
$EVENT_SO = getenv('BENCH_EVENT_SO') ?: "$ROOT/.event/modules/event.so";
$EVENT_MISSING = is_file($EVENT_SO) ? null : (getenv('BENCH_EVENT_MISSING')
    ?: "the event PECL extension is not built ($EVENT_SO; scripts/event-ext builds it from pecl-event-*.tar.gz)");
// The two cores: servers on one, the client under test on the other (see README: pinning).
const CPU_SERVER = '0';
const CPU_CLIENT = '1';

if (!is_file($EXT)) {
    fwrite(STDERR, "bench: the extension is not built: $EXT\n");
    exit(1);
}
// Others rebuild the extension while we run: every native run of this run uses one snapshot.
@mkdir(BENCH . '/out');
$EXT_BUILT = filemtime($EXT);
$snapshot = BENCH . '/out/libbeyod_streamclient.snapshot.so';
for ($try = 0; ; $try++) {
    @unlink($snapshot);
    copy($EXT, $snapshot);
    [$code, $out] = run_cmd([PHP_BINARY, '-d', "extension=$snapshot", '-r', 'echo class_exists("beyod\\\\StreamClient") ? "ok" : "no";'], 30);
    if ($out === 'ok') {
        break;
    }
    if ($try === 5) {
        fwrite(STDERR, "bench: the extension does not load: $EXT (exit $code) $out\n");
        exit(1);
    }
    sleep(5); // probably being rewritten by a build
    $EXT_BUILT = filemtime($EXT);
}
$EXT_PATH = $EXT;
$EXT = $snapshot;
// Does this build have native parsers (beyod\ext\LineParser, RedisParser)? Then the native
// client is also measured with them, as an informational line: the goals are about PHP parsers.
$hasNp = run_cmd([PHP_BINARY, '-d', "extension=$EXT", '-r',
    'echo class_exists(\'beyod\\\\ext\\\\LineParser\') && class_exists(\'beyod\\\\ext\\\\RedisParser\') ? \'yes\' : \'no\';'], 30)[1] === 'yes';
$NP = $hasNp ? ['native-np' => []] : [];
$OUT = BENCH . '/out';
@mkdir($OUT);
$log = fopen("$OUT/last-run.jsonl", 'w');
$started = microtime(true);
// Other work on the machine (builds, test suites) skews wall-clock figures: say how busy it was.
$loadStart = sys_getloadavg()[0];
if ($loadStart > 0.7) {
    fprintf(STDERR, "bench: warning: load average %.2f before starting — other processes are competing for the 2 cores\n", $loadStart);
}

// ---------------------------------------------------------------- processes

/** Runs a command to completion (or kills it after $timeout s). Returns [exit, stdout, stderr]. */
function run_cmd(array $cmd, float $timeout): array
{
    $p = proc_open($cmd, [['file', '/dev/null', 'r'], ['pipe', 'w'], ['pipe', 'w']], $pipes);
    if (!$p) {
        return [127, '', 'cannot start ' . $cmd[0]];
    }
    stream_set_blocking($pipes[1], false);
    stream_set_blocking($pipes[2], false);
    $out = $err = '';
    $deadline = microtime(true) + $timeout;
    while (true) {
        $r = [$pipes[1], $pipes[2]];
        $w = $e = null;
        $left = $deadline - microtime(true);
        if ($left <= 0) {
            proc_terminate($p, 9);
            $out .= stream_get_contents($pipes[1]);
            $err .= "\n(killed after {$timeout}s)";
            fclose($pipes[1]);
            fclose($pipes[2]);
            proc_close($p);
            return [124, $out, $err];
        }
        if (@stream_select($r, $w, $e, (int) $left, (int) (fmod($left, 1) * 1e6)) > 0) {
            foreach ($r as $s) {
                $chunk = fread($s, 65536);
                if ($s === $pipes[1]) {
                    $out .= $chunk;
                } else {
                    $err .= $chunk;
                }
            }
        }
        if (feof($pipes[1]) && feof($pipes[2])) {
            break;
        }
    }
    fclose($pipes[1]);
    fclose($pipes[2]);
    $code = proc_close($p);
    return [$code, $out, $err];
}

/** A server that prints its first line (port…) and lives until its stdin closes. */
final class Server
{
    public $proc;
    public $pipes;
    public array $first;

    public function __construct(array $cmd)
    {
        $this->proc = proc_open($cmd, [['pipe', 'r'], ['pipe', 'w'], ['file', BENCH . '/out/server.err', 'a']], $this->pipes);
        if (!$this->proc) {
            throw new RuntimeException('cannot start ' . implode(' ', $cmd));
        }
        $line = $this->readLine(10);
        if ($line === null) {
            throw new RuntimeException('server did not start: ' . implode(' ', $cmd));
        }
        $this->first = explode(' ', $line);
    }

    public function readLine(float $timeout): ?string
    {
        $deadline = microtime(true) + $timeout;
        while (microtime(true) < $deadline) {
            $r = [$this->pipes[1]];
            $w = $e = null;
            if (@stream_select($r, $w, $e, 0, 100000) > 0) {
                $line = fgets($this->pipes[1]);
                return $line === false ? null : rtrim($line, "\n");
            }
        }
        return null;
    }

    public function stop(): void
    {
        if (!$this->proc) {
            return;
        }
        fclose($this->pipes[0]);
        $deadline = microtime(true) + 3;
        while (proc_get_status($this->proc)['running'] && microtime(true) < $deadline) {
            usleep(10000);
        }
        if (proc_get_status($this->proc)['running']) {
            proc_terminate($this->proc, 9);
        }
        fclose($this->pipes[1]);
        proc_close($this->proc);
        $this->proc = null;
    }
}

function rust_server(string $mode, array $extra = [], string $cpu = CPU_SERVER): Server
{
    global $BIN;
    return new Server(array_merge(['taskset', '-c', $cpu, "$BIN/bench-server", $mode], $extra));
}

function free_port(): int
{
    $s = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int) parse_url('tcp://' . stream_socket_get_name($s, false), PHP_URL_PORT);
    fclose($s);
    return $port;
}

/** redis-server on a free loopback port; stopped with stop(). */
final class Redis_Server
{
    public $proc;
    public int $port;
    private string $dir;

    public function __construct()
    {
        $this->port = free_port();
        $this->dir = sys_get_temp_dir() . '/beyod-bench-redis-' . getmypid();
        @mkdir($this->dir);
        $this->proc = proc_open(['taskset', '-c', CPU_SERVER, 'redis-server', '--port', (string) $this->port,
            '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', $this->dir],
            [['file', '/dev/null', 'r'], ['file', '/dev/null', 'w'], ['file', '/dev/null', 'w']], $pipes);
        for ($i = 0; $i < 100; $i++) {
            $s = @stream_socket_client("tcp://127.0.0.1:$this->port", $errno, $errstr, 1);
            if ($s) {
                fclose($s);
                return;
            }
            usleep(50000);
        }
        throw new RuntimeException("redis-server did not start on port $this->port");
    }

    public function stop(): void
    {
        proc_terminate($this->proc, 15);
        proc_close($this->proc);
        @rmdir($this->dir);
    }
}

// ---------------------------------------------------------------- measuring

$failures = [];

/** Runs one workload script; returns its decoded JSON (ok=true) or records a failure. */
function php_run(string $script, string $impl, array $args, float $timeout, string $cpu = CPU_CLIENT, array $prefix = []): ?array
{
    global $EXT, $log, $failures;
    if ($impl === 'native-np') {
        // The native client with the extension's native parser (informational rows).
        $impl = 'native';
        $args['parser'] = 'native';
    }
    $cmd = array_merge(['taskset', '-c', $cpu], $prefix, [PHP_BINARY]);
    if ($impl === 'native') {
        $cmd[] = '-d';
        $cmd[] = "extension=$EXT";
    }
    if (($args['looper'] ?? null) === 'event') {
        // beyod's own looper, beyod\event\Event, needs the event PECL extension (scripts/event-ext).
        global $EVENT_SO;
        $cmd[] = '-d';
        $cmd[] = "extension=$EVENT_SO";
    }
    $cmd[] = BENCH . "/php/$script.php";
    $cmd[] = $impl;
    foreach ($args + ['limit' => (int) ($timeout - 5)] as $k => $v) {
        $cmd[] = "$k=$v";
    }
    [$code, $out, $err] = run_cmd($cmd, $timeout);
    $res = json_decode(trim((string) strrchr("\n" . trim($out), "\n")), true);
    fwrite($log, json_encode(['script' => $script, 'impl' => $impl, 'args' => $args, 'exit' => $code, 'result' => $res,
        'stderr' => substr($err, 0, 2000)]) . "\n");
    if ($code !== 0 || !is_array($res) || empty($res['ok'])) {
        $why = $res['error'] ?? (trim($err . ' ' . $out) ?: "exit $code, no output (a crash?)");
        $tag = $script . '/' . $impl . (isset($args['parser']) ? '+native-parser' : '')
            . (($args['looper'] ?? null) === 'event' ? '@event' : '');
        $failures[] = "$tag: " . substr($why, 0, 300);
        fwrite(STDERR, "  FAILED $tag: " . substr($why, 0, 300) . "\n");
        return null;
    }
    return $res;
}

/** The implementations in a different order each run, so that none always goes first. */
function order(array $rate, int $run): array
{
    $keys = array_keys($rate);
    $k = $run % count($keys);
    return array_merge(array_slice($keys, $k), array_slice($keys, 0, $k));
}

function median(array $xs): ?float
{
    $xs = array_values(array_filter($xs, fn ($x) => $x !== null));
    if (!$xs) {
        return null;
    }
    sort($xs);
    $n = count($xs);
    return $n % 2 ? $xs[intdiv($n, 2)] : ($xs[$n / 2 - 1] + $xs[$n / 2]) / 2;
}

function progress(string $what): void
{
    global $started;
    fprintf(STDERR, "[%5.1fs] %s\n", microtime(true) - $started, $what);
}

function wanted(string $w): bool
{
    global $ONLY;
    return $ONLY === null || in_array($w, $ONLY, true) || (strncmp($w, 'real-', 5) === 0 && in_array('real', $ONLY, true))
        || (strncmp($w, 'real-event-', 11) === 0 && in_array('real-event', $ONLY, true));
}

/** Real-stack rows: wanted, and the real sources are there (else noted once in the report). */
function wanted_real(string $w): bool
{
    global $REAL_MISSING, $realSkipped;
    if (!wanted($w)) {
        return false;
    }
    if ($REAL_MISSING !== null) {
        $realSkipped[] = $w;
        return false;
    }
    return true;
}
$realSkipped = [];

/** Rows of the table: [workload, native, baselines, ratios, goal, met]. */
$rows = [];
/** Tables printed after the main one (markdown, each with its title line). */
$extraTables = [];

function fmt_rate(?float $x, string $unit): string
{
    if ($x === null) {
        return 'FAILED';
    }
    if ($x >= 1e6) {
        return sprintf('%.2fM %s', $x / 1e6, $unit);
    }
    if ($x >= 1e4) {
        return sprintf('%.0fk %s', $x / 1e3, $unit);
    }
    return sprintf('%.0f %s', $x, $unit);
}

function ratio(?float $a, ?float $b): ?float
{
    return ($a === null || $b === null || $b == 0) ? null : $a / $b;
}

function fmt_cpu(?float $secondsPerGiB): string
{
    return $secondsPerGiB === null ? 'CPU —' : sprintf('%.2f s CPU/GiB', $secondsPerGiB);
}

function fmt_ratio(?float $r, string $vs): string
{
    return $r === null ? "— vs $vs" : sprintf('%.2f× %s', $r, $vs);
}

/** The informational native-parser figure, as an extra line of a cell ('' when not measured). */
function np_line(array $m, string $parser, string $unit, ?float $vs = null, string $vsName = ''): string
{
    if (!array_key_exists('native-np', $m)) {
        return '';
    }
    if ($vs === null) {
        return "<br>(with $parser: " . fmt_rate($m['native-np'], $unit) . ')';
    }
    return '<br>(' . fmt_ratio(ratio($m['native-np'], $vs), $vsName) . " with $parser)";
}

/** Each goal: [ratio, '>=' | '<=', threshold]; met only if every goal is. */
function met(array $goals): string
{
    $all = true;
    foreach ($goals as [$r, $op, $t]) {
        if ($r === null) {
            return 'n/a (failed)';
        }
        $all = $all && ($op === '>=' ? $r >= $t : $r <= $t);
    }
    return $all ? 'yes' : 'NO';
}

// ---------------------------------------------------------------- workloads

// First the real-stack rows (R1–R6: the original beyod StreamClient on real Yii), then the rows
// against the pure-PHP rebuild (1–7).
require BENCH . '/driver-real.php';
require BENCH . '/driver-real-event.php';

if (wanted('pingpong')) {
    progress("1. ping-pong, {$SIZE['pingpong']} round trips × $RUNS runs");
    // Client and echo server share one core: a round trip is then the CPU both spend on it,
    // not the VM's cross-core wake-up latency (50–150 µs here, and it varies 2× run to run).
    $srv = rust_server('echo', [], CPU_CLIENT);
    $rate = ['native' => [], 'php' => [], 'react' => []] + $NP;
    for ($r = 0; $r < $RUNS; $r++) {
        foreach (order($rate, $r) as $impl) {
            $res = php_run('pingpong', $impl, ['port' => $srv->first[0], 'n' => $SIZE['pingpong']], 120);
            $rate[$impl][] = $res['rate'] ?? null;
        }
    }
    $srv->stop();
    $m = array_map('median', $rate);
    $r1 = ratio($m['native'], $m['php']);
    $r2 = ratio($m['native'], $m['react']);
    $rows[] = ['1. ping-pong, line framing, PHP parser object (round trips/s)',
        fmt_rate($m['native'], 'rt/s') . np_line($m, 'ext\\LineParser', 'rt/s'),
        'pure-PHP ' . fmt_rate($m['php'], 'rt/s') . '<br>ReactPHP ' . fmt_rate($m['react'], 'rt/s'),
        fmt_ratio($r1, 'pure-PHP') . '<br>' . fmt_ratio($r2, 'ReactPHP') . np_line($m, 'ext\\LineParser', '', $m['php'], 'pure-PHP'),
        '≥3× pure-PHP, ≥2× ReactPHP', met([[$r1, '>=', 3], [$r2, '>=', 2]])];
}

if (wanted('lines')) {
    progress("2. pipelined lines, {$SIZE['lines']} messages × $RUNS runs");
    $srv = rust_server('echo');
    $rate = ['native' => [], 'php' => []] + $NP;
    for ($r = 0; $r < $RUNS; $r++) {
        foreach (order($rate, $r) as $impl) {
            $res = php_run('lines', $impl, ['port' => $srv->first[0], 'n' => $SIZE['lines']], 120);
            $rate[$impl][] = $res['rate'] ?? null;
        }
    }
    $srv->stop();
    $m = array_map('median', $rate);
    $r1 = ratio($m['native'], $m['php']);
    $rows[] = ["2. {$SIZE['lines']} lines pipelined, PHP parser object (msgs/s)", fmt_rate($m['native'], 'msg/s') . np_line($m, 'ext\\LineParser', 'msg/s'),
        'pure-PHP ' . fmt_rate($m['php'], 'msg/s'), fmt_ratio($r1, 'pure-PHP') . np_line($m, 'ext\\LineParser', '', $m['php'], 'pure-PHP'), '≥2× pure-PHP', met([[$r1, '>=', 2]])];
}

if (wanted('redis')) {
    progress("3. Redis SET pipelined, {$SIZE['redis']} ops × $RUNS runs");
    $redis = new Redis_Server();
    $rate = ['native' => [], 'phpredis' => [], 'php' => [], 'redis-benchmark' => []] + $NP;
    for ($r = 0; $r < $RUNS; $r++) {
        foreach (order($rate, $r) as $impl) {
            if ($impl === 'redis-benchmark') {
                [$code, $out, $err] = run_cmd(['taskset', '-c', CPU_CLIENT, 'redis-benchmark', '-h', '127.0.0.1',
                    '-p', (string) $redis->port, '-P', '100', '-t', 'set', '-n', '100000', '--csv'], 60);
                $ok = $code === 0 && preg_match('/^"SET","([\d.]+)"/m', $out, $mm);
                fwrite($log, json_encode(['script' => 'redis-benchmark', 'exit' => $code, 'out' => $out]) . "\n");
                if (!$ok) {
                    $failures[] = "redis-benchmark: exit $code $err";
                }
                $rate[$impl][] = $ok ? (float) $mm[1] : null;
                continue;
            }
            $res = php_run('redis', $impl, ['port' => $redis->port, 'n' => $SIZE['redis']], 120);
            $rate[$impl][] = $res['rate'] ?? null;
        }
    }
    $redis->stop();
    $m = array_map('median', $rate);
    $r1 = ratio($m['native'], $m['phpredis']);
    $r2 = ratio($m['native'], $m['redis-benchmark']);
    $r3 = ratio($m['native'], $m['php']);
    $rows[] = ["3. {$SIZE['redis']} Redis SET pipelined, StreamClient subclass + PHP RESP parser (ops/s)",
        fmt_rate($m['native'], 'ops/s') . np_line($m, 'ext\\RedisParser', 'ops/s'),
        'phpredis pipeline ' . fmt_rate($m['phpredis'], 'ops/s') . '<br>redis-benchmark -P 100 '
        . fmt_rate($m['redis-benchmark'], 'ops/s') . '<br>(pure-PHP ' . fmt_rate($m['php'], 'ops/s') . ')',
        fmt_ratio($r1, 'phpredis') . '<br>' . fmt_ratio($r2, 'redis-benchmark') . '<br>(' . fmt_ratio($r3, 'pure-PHP') . ')'
        . np_line($m, 'ext\\RedisParser', '', $m['phpredis'], 'phpredis'),
        '≥1× phpredis, ≥0.5× redis-benchmark', met([[$r1, '>=', 1], [$r2, '>=', 0.5]])];
}

if (wanted('bulk')) {
    $bytes = $SIZE['bulk'];
    progress(sprintf('4. bulk receive, %d MiB × %d runs', $bytes >> 20, $RUNS));
    $srv = rust_server('bulk', ['--bytes', (string) $bytes]);
    [$port, $crc] = $srv->first;
    $gib = $bytes / (1 << 30);
    $rustBulk = function () use ($BIN, $port, $crc, $bytes, $log, &$failures, $gib): array {
        [$code, $out, $err] = run_cmd(['taskset', '-c', CPU_CLIENT, "$BIN/bench-client", 'bulk', "127.0.0.1:$port"], 120);
        $res = json_decode(trim($out), true);
        fwrite($log, json_encode(['script' => 'bench-client bulk', 'exit' => $code, 'result' => $res]) . "\n");
        if ($code !== 0 || !$res || !$res['ok'] || $res['bytes'] !== $bytes || (string) $res['crc'] !== $crc) {
            $failures[] = "bulk/rust: exit $code " . trim($out . ' ' . $err);
            return [null, null];
        }
        return [$bytes / $res['seconds'] / 1e6, $res['cpu'] / $gib];
    };
    $rustBulk(); // warm-up (the first transfers of a fresh server are slower), not counted
    $rate = ['native' => [], 'rust' => [], 'php' => []];
    $cpu = $rate;
    for ($r = 0; $r < $RUNS; $r++) {
        foreach (order($rate, $r) as $impl) {
            if ($impl === 'rust') {
                [$rate[$impl][], $cpu[$impl][]] = $rustBulk();
            } else {
                $res = php_run('bulk', $impl, ['port' => $port, 'bytes' => $bytes, 'crc' => $crc], 120);
                $rate[$impl][] = $res['rate'] ?? null;
                $cpu[$impl][] = isset($res['cpu']) ? $res['cpu'] / $gib : null;
            }
        }
    }
    $srv->stop();
    $m = array_map('median', $rate);
    $r1 = ratio($m['native'], $m['rust']);
    $r2 = ratio($m['native'], $m['php']);
    $c = array_map('median', $cpu);
    $rows[] = [sprintf('4. bulk receive %s, raw, parser null (MB/s; and client CPU seconds per GiB)', $bytes >= 1 << 30 ? ($bytes >> 30) . ' GiB' : ($bytes >> 20) . ' MiB'),
        fmt_rate($m['native'], 'MB/s') . '<br>(' . fmt_cpu($c['native']) . ')',
        'Rust (mio) ' . fmt_rate($m['rust'], 'MB/s') . ' (' . fmt_cpu($c['rust']) . ')<br>(pure-PHP ' . fmt_rate($m['php'], 'MB/s') . ', ' . fmt_cpu($c['php']) . ')',
        fmt_ratio($r1, 'Rust') . '<br>(' . fmt_ratio($r2, 'pure-PHP') . ')<br>(CPU: ' . fmt_ratio(ratio($c['native'], $c['rust']), 'Rust') . ')',
        '≥0.5× Rust', met([[$r1, '>=', 0.5]])];
}

if (wanted('pipe')) {
    $bytes = $SIZE['pipe'];
    progress(sprintf('5. pipe() proxy, %d MiB × %d runs', $bytes >> 20, $RUNS));
    $src = rust_server('bulk', ['--bytes', (string) $bytes]);
    $sink = rust_server('sink');
    [$port, $crc] = $src->first;
    $dst = $sink->first[0];
    $gib = $bytes / (1 << 30);
    $proxy = function (string $impl) use ($BIN, $port, $dst, $crc, $bytes, $sink, $log, &$failures, $gib): array {
        $seconds = $cpu = null;
        if ($impl === 'rust') {
            [$code, $out, $err] = run_cmd(['taskset', '-c', CPU_CLIENT, "$BIN/bench-client", 'proxy',
                "127.0.0.1:$port", "127.0.0.1:$dst"], 120);
            $res = json_decode(trim($out), true);
            fwrite($log, json_encode(['script' => 'bench-client proxy', 'exit' => $code, 'result' => $res]) . "\n");
            if ($code === 0 && $res && $res['ok']) {
                $seconds = $res['seconds'];
                $cpu = $res['cpu'];
            } else {
                $failures[] = "pipe/rust: exit $code " . trim($out . ' ' . $err);
            }
        } else {
            $res = php_run('pipe', $impl, ['src' => $port, 'dst' => $dst], 120);
            $seconds = $res['seconds'] ?? null;
            $cpu = $res['cpu'] ?? null;
        }
        // Every connection to the sink reports what it got: it must be the whole stream.
        $line = $sink->readLine(10);
        if ($seconds !== null && $line !== "$bytes $crc") {
            $failures[] = "pipe/$impl: the sink got " . json_encode($line) . ", expected \"$bytes $crc\"";
            fwrite(STDERR, "  FAILED pipe/$impl: sink got " . json_encode($line) . "\n");
            $seconds = null;
        }
        return $seconds === null ? [null, null] : [$bytes / $seconds / 1e6, $cpu / $gib];
    };
    $proxy('rust'); // warm-up, not counted
    $rate = ['native' => [], 'rust' => [], 'php' => []];
    $cpu = $rate;
    for ($r = 0; $r < $RUNS; $r++) {
        foreach (order($rate, $r) as $impl) {
            [$rate[$impl][], $cpu[$impl][]] = $proxy($impl);
        }
    }
    $src->stop();
    $sink->stop();
    $m = array_map('median', $rate);
    $r1 = ratio($m['native'], $m['rust']);
    $r2 = ratio($m['native'], $m['php']);
    $c = array_map('median', $cpu);
    $rows[] = [sprintf('5. pipe() proxy %s through 2 clients (MB/s; and proxy CPU seconds per GiB)', $bytes >= 1 << 30 ? ($bytes >> 30) . ' GiB' : ($bytes >> 20) . ' MiB'),
        fmt_rate($m['native'], 'MB/s') . '<br>(' . fmt_cpu($c['native']) . ')',
        'Rust proxy ' . fmt_rate($m['rust'], 'MB/s') . ' (' . fmt_cpu($c['rust']) . ')<br>pure-PHP ' . fmt_rate($m['php'], 'MB/s') . ' (' . fmt_cpu($c['php']) . ')',
        fmt_ratio($r1, 'Rust') . '<br>' . fmt_ratio($r2, 'pure-PHP') . '<br>(CPU: ' . fmt_ratio(ratio($c['native'], $c['rust']), 'Rust') . ', '
        . fmt_ratio(ratio($c['native'], $c['php']), 'pure-PHP') . ')', '≥0.5× Rust, ≥5× pure-PHP',
        met([[$r1, '>=', 0.5], [$r2, '>=', 5]])];
}

if (wanted('idle')) {
    $n = $SIZE['idle'];
    $fdMax = (int) trim((string) shell_exec('ulimit -n'));
    $note = '';
    if ($fdMax < $n + 100) {
        $n = max(100, $fdMax - 100);
        $note = " (ulimit -n is $fdMax: $n connections)";
    }
    progress("6. $n idle connections × $RUNS runs$note");
    $per = ['native' => [], 'php' => []];
    $secs = ['native' => [], 'php' => []];
    $heap = ['native' => [], 'php' => []];
    for ($r = 0; $r < $RUNS; $r++) {
        foreach (order($per, $r) as $impl) {
            $srv = rust_server('echo');
            $res = php_run('idle', $impl, ['port' => $srv->first[0], 'n' => $n], 120);
            $per[$impl][] = $res['rss_per_conn'] ?? null;
            $secs[$impl][] = $res['seconds'] ?? null;
            $heap[$impl][] = $res['heap_per_conn'] ?? null;
            $srv->stop();
        }
    }
    $m = array_map('median', $per);
    $t = array_map('median', $secs);
    $h = array_map('median', $heap);
    $r1 = ratio($m['native'], $m['php']);
    $rt = ratio($t['native'], $t['php']);
    $fb = fn ($b) => $b === null ? 'FAILED' : sprintf('%.2f KiB', $b / 1024);
    $ft = fn ($s) => $s === null ? 'FAILED' : sprintf('%.0f ms', $s * 1000);
    $rows[] = ["6. $n idle connections$note: RSS per connection (PHP heap part); time to connect all",
        $fb($m['native']) . ' (' . $fb($h['native']) . ')<br>' . $ft($t['native']),
        'pure-PHP ' . $fb($m['php']) . ' (' . $fb($h['php']) . ')<br>pure-PHP ' . $ft($t['php']) . ' (blocking connects)',
        fmt_ratio($r1, 'pure-PHP memory') . '<br>' . fmt_ratio($rt, 'pure-PHP time'),
        '≤4 KiB/conn, ≤0.25× pure-PHP', met([[$m['native'] === null ? null : $m['native'] / 4096, '<=', 1], [$r1, '<=', 0.25]])];
}

if (wanted('callgrind')) {
    [$lo, $hi] = [$SIZE['cg_lo'], $SIZE['cg_hi']];
    progress("7. ping-pong under callgrind, ($hi − $lo) round trips × {$SIZE['cg_runs']} runs");
    $srv = rust_server('echo', [], CPU_CLIENT);
    $per = ['native' => [], 'php' => []];
    for ($r = 0; $r < $SIZE['cg_runs']; $r++) {
        foreach (order($per, $r) as $impl) {
            $ir = [];
            foreach ([$lo, $hi] as $n) {
                $file = BENCH . "/out/callgrind.$impl.$n.out";
                $res = php_run('pingpong', $impl, ['port' => $srv->first[0], 'n' => $n], 300, CPU_CLIENT,
                    ['valgrind', '--tool=callgrind', '--quiet', "--callgrind-out-file=$file"]);
                $ir[$n] = null;
                if ($res !== null && preg_match('/^totals:\s*(\d+)/m', (string) @file_get_contents($file), $mm)) {
                    $ir[$n] = (int) $mm[1];
                }
            }
            // The difference between two lengths cancels PHP's start-up and shutdown.
            $per[$impl][] = ($ir[$lo] !== null && $ir[$hi] !== null) ? ($ir[$hi] - $ir[$lo]) / ($hi - $lo) : null;
        }
    }
    // System calls per round trip (not in callgrind's counts), the same way, once: they are
    // as deterministic as the instructions.
    $sys = ['native' => null, 'php' => null];
    foreach ($sys as $impl => $_) {
        $calls = [];
        foreach ([$lo, $hi] as $n) {
            $file = BENCH . "/out/strace.$impl.$n.txt";
            $res = php_run('pingpong', $impl, ['port' => $srv->first[0], 'n' => $n], 120, CPU_CLIENT,
                ['strace', '-f', '-c', '-o', $file]);
            $calls[$n] = ($res !== null && preg_match('/^\s*100\.00\s+\S+\s+\S+\s+(\d+)\s+(?:\d+\s+)?total$/m',
                (string) @file_get_contents($file), $mm)) ? (int) $mm[1] : null;
        }
        $sys[$impl] = ($calls[$lo] !== null && $calls[$hi] !== null) ? ($calls[$hi] - $calls[$lo]) / ($hi - $lo) : null;
    }
    $srv->stop();
    $m = array_map('median', $per);
    $r1 = ratio($m['native'], $m['php']);
    $fi = fn ($x) => $x === null ? 'FAILED' : sprintf('%s instr/rt', number_format($x));
    $fs = fn ($x) => $x === null ? 'FAILED' : sprintf('%.1f syscalls/rt', $x);
    $rows[] = ['7. ping-pong under callgrind (instructions per round trip, client process; and, for information, system calls per round trip under strace)',
        $fi($m['native']) . '<br>(' . $fs($sys['native']) . ')',
        'pure-PHP ' . $fi($m['php']) . '<br>(pure-PHP ' . $fs($sys['php']) . ')',
        fmt_ratio($r1, 'pure-PHP') . '<br>(' . fmt_ratio(ratio($sys['native'], $sys['php']), 'pure-PHP syscalls') . ')',
        '≤0.33× pure-PHP', met([[$r1, '<=', 1 / 3]])];
}

// ---------------------------------------------------------------- report

function sh(string $cmd): string
{
    return trim((string) shell_exec($cmd . ' 2>/dev/null'));
}

$cpu = sh("sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1");
$commit = sh('git -C ' . escapeshellarg($ROOT) . ' log -1 --format="%h %cd" --date=short');
$soTime = date('Y-m-d H:i', $EXT_BUILT);
$header = sprintf(
    "beyod_streamclient benchmark — %s\nmachine: %s CPU(s) (nproc), %s, %s GiB RAM, %s\nPHP %s (opcache.enable_cli=%s), extension built %s from %s\nmode: %s, medians of %d runs (callgrind: %d), every run's data verified; total %.0f s; load average %.2f at start, %.2f at end\n",
    date('Y-m-d H:i:s T'), sh('nproc'), $cpu, round(sh("awk '/MemTotal/ {print $2}' /proc/meminfo") / 1048576),
    sh('uname -sr'), PHP_VERSION, ini_get('opcache.enable_cli') ?: '0', $soTime, $commit,
    $QUICK ? 'quick' : 'full', $RUNS, $SIZE['cg_runs'], microtime(true) - $started, $loadStart, sys_getloadavg()[0]
);
$table = "| workload | native | baseline(s) | ratio(s) native/baseline | goal | met |\n|---|---|---|---|---|---|\n";
foreach ($rows as $row) {
    $table .= '| ' . implode(' | ', $row) . " |\n";
}
$report = $header . "\n" . $table . ($extraTables ? "\n" . implode("\n", $extraTables) : '');
if ($realSkipped) {
    $report .= "\nSkipped real-stack rows (" . implode(', ', $realSkipped) . "): $REAL_MISSING\n";
}
if ($failures) {
    $report .= "\nFAILED runs (their figures are left out of the medians):\n- " . implode("\n- ", $failures) . "\n";
}
file_put_contents("$OUT/last-run.md", $report);
echo "\n", $report;
echo "\n(raw results: bench/out/last-run.jsonl; this table: bench/out/last-run.md)\n";
exit($failures ? 1 : 0);
