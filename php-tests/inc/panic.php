<?php
/**
 * For php-tests/panic/: the extension built with the `panic-inject` feature (scripts/test
 * builds it apart) has beyod\ext\__panic_at($entry), which makes the next call of that entry
 * panic; BEYOD_PANIC_AT does the same from the start of the process (for MINIT).
 */

/** A SKIPIF line: the tests need the panic-inject build. */
function skip_without_panic_inject(): void
{
    if (!function_exists('beyod\ext\__panic_at')) {
        die('skip needs the extension built with --features panic-inject (scripts/test builds it)');
    }
}

/** Runs $f with $entry armed; prints what it returned or each exception it threw (with the previous ones). */
function call_armed(string $entry, callable $f): void
{
    \beyod\ext\__panic_at($entry);
    try {
        $r = $f();
        echo "$entry: returned ", json_encode($r), "\n";
    } catch (Throwable $e) {
        for (; $e; $e = $e->getPrevious()) {
            echo "$entry: ", get_class($e), ': ', $e->getMessage(), "\n";
        }
    }
}

/**
 * Runs $code in a child PHP (no php.ini; this file and `use beyod\StreamClient;` loaded)
 * with this process's extension and $atStartup in BEYOD_PANIC_AT, and prints what it did: its
 * stdout (PHP's output and displayed errors), the extension's report lines from its stderr
 * (where Rust's panic hook writes its own lines, which vary with RUST_BACKTRACE and the Rust
 * version), and how it ended. Bounded: killed after $timeout s.
 */
function run_child_php(string $code, ?string $atStartup = null, float $timeout = 10.0): void
{
    $ext = null;
    foreach (file('/proc/self/maps', FILE_IGNORE_NEW_LINES) ?: [] as $line) {
        if (preg_match('~\s(/\S*beyod_streamclient[^/\s]*\.so)$~', $line, $m)) {
            $ext = $m[1];
        }
    }
    $args = [PHP_BINARY, '-n', '-d', "extension=$ext", '-d', 'display_errors=1', '-d', 'display_startup_errors=1',
        '-d', 'log_errors=0', '-d', 'html_errors=0', '-d', 'error_reporting=' . E_ALL,
        '-r', 'use beyod\StreamClient; require ' . var_export(__FILE__, true) . ";\n" . $code];
    $env = getenv();
    unset($env['BEYOD_PANIC_AT'], $env['RUST_BACKTRACE']);
    if ($atStartup !== null) {
        $env['BEYOD_PANIC_AT'] = $atStartup;
    }
    $proc = proc_open($args, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, $env);
    $out = ['', ''];
    $end = microtime(true) + $timeout;
    stream_set_blocking($pipes[1], false);
    stream_set_blocking($pipes[2], false);
    while (microtime(true) < $end && !(feof($pipes[1]) && feof($pipes[2]))) {
        $r = [$pipes[1], $pipes[2]];
        $w = $e = [];
        if (@stream_select($r, $w, $e, 0, 100000)) {
            foreach ($r as $p) {
                $out[$p === $pipes[1] ? 0 : 1] .= (string)fread($p, 65536);
            }
        }
    }
    if (!feof($pipes[1])) {
        proc_terminate($proc, 9);
        echo "[the child did not finish within {$timeout} s]\n";
    }
    do {
        $status = proc_get_status($proc);
    } while ($status['running'] && usleep(10000) === null);
    proc_close($proc);
    echo "stdout:\n", trim($out[0]), "\n";
    $reports = preg_grep('/^beyod_streamclient:/', explode("\n", $out[1]));
    echo "stderr reports:", $reports ? "\n" . implode("\n", $reports) : ' none', "\n";
    echo "panic hook line: ", str_contains($out[1], 'panicked at') ? 'yes' : 'no', "\n";
    echo $status['signaled'] ? "killed by signal {$status['termsig']}\n" : "exit code {$status['exitcode']}\n";
}
