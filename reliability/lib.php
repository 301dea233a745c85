<?php
/**
 * Shared by the reliability scripts: the php-tests helpers (servers, wait_until, certs) plus
 * TAP-like reporting that reliability/run counts:
 *   "ok - what"        a property held
 *   "not ok - what"    it did not (the script exits 1)
 *   "known - ID: what" a property that fails because of an extension bug listed in
 *                      reliability/KNOWN_BUGS (reported, counted apart)
 * Every script is bounded: rel_bound($seconds) arms a wall-clock alarm (SIGALRM kills the
 * process: the run counts it as a failure) and a CPU limit.
 */

use beyod\ext\Loop;

require_once __DIR__ . '/../php-tests/inc/helpers.php';

if (!extension_loaded('beyod_streamclient')) {
    echo "not ok - the extension is not loaded (php -d extension=...)\n";
    exit(1);
}

$GLOBALS['__rel_failed'] = 0;
$GLOBALS['__rel_passed'] = 0;

function rel_bound(int $seconds): void
{
    set_time_limit($seconds);
    if (function_exists('pcntl_alarm')) {
        pcntl_alarm($seconds);
    }
}
rel_bound(120);

function rel_quick(): bool
{
    return getenv('REL_MODE') !== 'long';
}

function check(bool $ok, string $what): bool
{
    echo ($ok ? 'ok' : 'not ok') . " - $what\n";
    $GLOBALS[$ok ? '__rel_passed' : '__rel_failed']++;
    return $ok;
}

/** A check that fails because of a known extension bug (reliability/KNOWN_BUGS lists ID). */
function check_known(bool $ok, string $id, string $what): void
{
    if ($ok) {
        echo "ok - $what (known bug $id no longer reproduces: remove it from KNOWN_BUGS)\n";
        $GLOBALS['__rel_passed']++;
    } else {
        echo "known - $id: $what\n";
    }
}

function note(string $s): void
{
    echo "# $s\n";
}

function rel_done(): void
{
    exit($GLOBALS['__rel_failed'] > 0 ? 1 : 0);
}

/** Resident set size of this process in KiB (VmRSS). */
function rss_kb(): int
{
    $s = @file_get_contents('/proc/self/status');
    return preg_match('/VmRSS:\s+(\d+)/', (string)$s, $m) ? (int)$m[1] : 0;
}

/** Starts a php-tests server (reliability/servers/ first, then php-tests/servers/). */
function rel_server(string $script, ...$args): array
{
    $own = __DIR__ . '/servers/' . $script;
    if (is_file($own)) {
        $script = '../../reliability/servers/' . $script;
    }
    return start_server($script, ...$args);
}

/**
 * Runs PHP code in a child process with the extension loaded ($REL_EXT); returns
 * [exit code, output]. Used where a crash of the extension must not take the reporting script
 * down with it. $prefix is prepended to the command line (e.g. "ulimit -n 64; ").
 */
function php_child(string $code, int $timeout = 60, string $prefix = ''): array
{
    $file = tempnam(sys_get_temp_dir(), 'rel-child-');
    file_put_contents($file, $code);
    $cmd = 'timeout -s KILL ' . $timeout . ' ' . escapeshellarg(PHP_BINARY)
        . ' -d display_startup_errors=0 -d extension=' . escapeshellarg((string)getenv('REL_EXT'))
        . ' ' . escapeshellarg($file) . ' 2>&1';
    $out = [];
    exec('bash -c ' . escapeshellarg($prefix . $cmd), $out, $rc);
    @unlink($file);
    return [$rc, implode("\n", $out)];
}

/** The head of a child script: the helpers, with the paths resolved. */
function child_head(): string
{
    return "<?php\nrequire " . var_export(__DIR__ . '/lib.php', true) . ";\nuse beyod\\StreamClient;\nuse beyod\\ext\\Loop;\n";
}

/** Connections the loop still holds (connecting + established + closing). */
function live_connections(): int
{
    $s = Loop::stats();
    return $s['connecting'] + $s['established'] + $s['closing'];
}
