<?php
/**
 * Where the native client spends its instructions, per unit of work: runs one workload's
 * native (or baseline) client under callgrind at two sizes and prints the functions whose
 * cost grows with the work, per round trip / message / op / MB. Subtracting the two runs
 * cancels PHP's start-up and shutdown, so what is left is the steady state.
 *
 *   bench/profile pingpong|lines|redis|bulk|pipe|idle [native|php] [--top=30] [--inclusive]
 *                 [--parser=native]   (lines, redis, pingpong: ext\LineParser / ext\RedisParser)
 *   bench/profile real-lines|real-pingpong|real-redis|real-idle [native|original] [...]
 *                 (the real-stack rows: run bench/run --only=real once first, for .vendor/)
 *
 * Needs what bench/run installs and builds (run it once first).
 */
error_reporting(E_ALL);
$ROOT = dirname(__DIR__);
$BIN = __DIR__ . '/rust-baseline/target/release';
$EXT = getenv('BENCH_EXT') ?: "$ROOT/target/release/libbeyod_streamclient.so";
$args = array_values(array_filter(array_slice($argv, 1), fn ($a) => $a[0] !== '-'));
$flags = [];
foreach (array_slice($argv, 1) as $a) {
    if (preg_match('/^--([a-z]+)(?:=(.*))?$/', $a, $m)) {
        $flags[$m[1]] = $m[2] ?? true;
    }
}
$workload = $args[0] ?? 'pingpong';
$impl = $args[1] ?? 'native';
$top = (int) ($flags['top'] ?? 30);
$inclusive = isset($flags['inclusive']);

// [script, size argument, low, high, unit name, unit divisor of the size]
$plans = [
    'pingpong' => ['pingpong', 'n', 1000, 5000, 'round trip', 1],
    'lines' => ['lines', 'n', 20000, 100000, 'message', 1],
    'redis' => ['redis', 'n', 20000, 100000, 'SET', 1],
    'bulk' => ['bulk', 'bytes', 64 << 20, 256 << 20, 'MB', 1e6],
    'pipe' => ['pipe', 'bytes', 64 << 20, 256 << 20, 'MB', 1e6],
    'idle' => ['idle', 'n', 1000, 5000, 'connection', 1],
    // the real-stack rows (original beyod on real Yii; impl native | original)
    'real-lines' => ['real-lines', 'n', 5000, 25000, 'message', 1],
    'real-pingpong' => ['real-pingpong', 'n', 1000, 5000, 'round trip', 1],
    'real-redis' => ['real-redis', 'n', 5000, 25000, 'SET', 1],
    'real-idle' => ['real-idle', 'n', 200, 900, 'connection', 1],
];
if (!isset($plans[$workload])) {
    fwrite(STDERR, "usage: bench/profile pingpong|lines|redis|bulk|pipe|idle [native|php] | real-lines|real-pingpong|real-redis|real-idle [native|original] [--top=N] [--inclusive]\n");
    exit(64);
}
[$script, $sizeArg, $lo, $hi, $unit, $div] = $plans[$workload];
$out = __DIR__ . '/out';
@mkdir($out);

function server(array $cmd): array
{
    $p = proc_open($cmd, [['pipe', 'r'], ['pipe', 'w'], ['file', '/dev/null', 'w']], $pipes);
    $line = fgets($pipes[1]);
    return [$p, $pipes, explode(' ', trim((string) $line))];
}

function stop_server(array $s): void
{
    fclose($s[1][0]);
    proc_terminate($s[0], 9);
    proc_close($s[0]);
}

$totals = [];
$fns = [];
$objects = [];
foreach ([$lo, $hi] as $size) {
    $servers = [];
    $extra = [];
    switch ($workload) {
        case 'pingpong':
        case 'lines':
        case 'idle':
        case 'real-lines':
        case 'real-pingpong':
        case 'real-idle':
            $servers[] = $s = server(["$BIN/bench-server", 'echo']);
            $extra = ['port' => $s[2][0]];
            break;
        case 'bulk':
            $servers[] = $s = server(["$BIN/bench-server", 'bulk', '--bytes', (string) $size]);
            $extra = ['port' => $s[2][0], 'crc' => $s[2][1]];
            break;
        case 'pipe':
            $servers[] = $s = server(["$BIN/bench-server", 'bulk', '--bytes', (string) $size]);
            $servers[] = $k = server(["$BIN/bench-server", 'sink']);
            $extra = ['src' => $s[2][0], 'dst' => $k[2][0]];
            break;
        case 'redis':
        case 'real-redis':
            $sock = stream_socket_server('tcp://127.0.0.1:0');
            $port = (int) parse_url('tcp://' . stream_socket_get_name($sock, false), PHP_URL_PORT);
            fclose($sock);
            $rp = proc_open(['redis-server', '--port', (string) $port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
                [['file', '/dev/null', 'r'], ['file', '/dev/null', 'w'], ['file', '/dev/null', 'w']], $pp);
            for ($i = 0; $i < 100 && !@stream_socket_client("tcp://127.0.0.1:$port"); $i++) {
                usleep(50000);
            }
            $extra = ['port' => $port];
            break;
    }
    $file = "$out/profile.$workload.$impl.$size.out";
    $cmd = ['valgrind', '--tool=callgrind', '--quiet', "--callgrind-out-file=$file", PHP_BINARY];
    if ($impl === 'native') {
        array_push($cmd, '-d', "extension=$EXT");
    }
    array_push($cmd, __DIR__ . "/php/$script.php", $impl, "$sizeArg=$size", 'limit=600');
    if (isset($flags['parser'])) {
        $extra['parser'] = $flags['parser'];     // --parser=native: the extension's parsers
    }
    foreach ($extra as $k => $v) {
        $cmd[] = "$k=$v";
    }
    fwrite(STDERR, "callgrind: $workload/$impl $sizeArg=$size …\n");
    $p = proc_open($cmd, [['file', '/dev/null', 'r'], ['pipe', 'w'], ['file', '/dev/null', 'w']], $pipes);
    $result = stream_get_contents($pipes[1]);
    proc_close($p);
    foreach ($servers as $s) {
        stop_server($s);
    }
    if (isset($rp)) {
        proc_terminate($rp);
        proc_close($rp);
        unset($rp);
    }
    if (!str_contains($result, '"ok":true')) {
        fwrite(STDERR, "the run failed: $result\n");
        exit(1);
    }
    $ann = shell_exec('callgrind_annotate --threshold=100 --inclusive=' . ($inclusive ? 'yes' : 'no') . ' ' . escapeshellarg($file));
    foreach (explode("\n", (string) $ann) as $line) {
        if (preg_match('/^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.+)$/', $line, $m)) {
            $name = preg_replace('/^\S*?:(?=[^:\/]+(::|\s|$))/', '', $m[2]);
            if ($name === 'PROGRAM TOTALS') {
                $totals[$size] = (int) str_replace(',', '', $m[1]);
                continue;
            }
            $ir = (int) str_replace(',', '', $m[1]);
            $fns[$name][$size] = $ir + ($fns[$name][$size] ?? 0);
            if (!$inclusive) {
                $object = preg_match('/\[([^\]]*)\]\s*$/', $name, $om) ? basename($om[1]) : '?';
                $objects[$object][$size] = $ir + ($objects[$object][$size] ?? 0);
            }
        }
    }
}

$units = ($hi - $lo) / $div;
$per = [];
foreach ($fns as $name => $v) {
    $d = (($v[$hi] ?? 0) - ($v[$lo] ?? 0)) / $units;
    if ($d > 0) {
        $per[$name] = $d;
    }
}
arsort($per);
$total = ($totals[$hi] - $totals[$lo]) / $units;
printf("%s/%s: %s instructions per %s (%s, callgrind, %s vs %s)\n\n", $workload, $impl, number_format($total), $unit,
    $inclusive ? 'inclusive' : 'exclusive', number_format($hi), number_format($lo));
if ($objects) {
    // Where the instructions run, by program or library (exclusive costs): the extension's
    // own share is the .so's line (plus part of libc's: the allocations it makes).
    $byObject = [];
    foreach ($objects as $o => $v) {
        $byObject[$o] = (($v[$hi] ?? 0) - ($v[$lo] ?? 0)) / $units;
    }
    arsort($byObject);
    foreach ($byObject as $o => $d) {
        if ($d >= 1) {
            printf("%12s %5.1f%%  %s\n", number_format($d), 100 * $d / $total, $o);
        }
    }
    echo "\n";
}
printf("%12s %6s  %s\n", "Ir/$unit", '%', 'function [object]');
foreach (array_slice($per, 0, $top, true) as $name => $d) {
    printf("%12s %5.1f%%  %s\n", number_format($d), 100 * $d / $total, strlen($name) > 150 ? substr($name, 0, 150) . '…' : $name);
}
