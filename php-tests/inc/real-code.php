<?php
/**
 * The real beyod framework and Yii 2, for the tests that prove the drop-in promise on the code
 * users run. scripts/vendor extracts the unmodified archives (../shared/vendor/*.tar.gz) into
 * the ignored directory .vendor/ at the repository root; nothing of them is in the repository.
 *
 * load_real_code() autoloads beyod\* from .vendor/beyod (dropping, at load time, the one line
 * PHP 8 refuses: `use yii\base\Object;` in beyod/Parser.php) and yii\* through Yii's own
 * autoloader, then builds a real yii\console\Application whose eventLooper is
 * BeyodTest\SelectLooper, a stream_select implementation of beyod's abstract EventLooper
 * (beyod's only implementation needs the `event` PECL extension, which Debian does not ship).
 * With BEYOD_TEST_LOOPER=event in the environment (and event.so loaded) the looper is beyod's own,
 * beyod\event\Event, instead (BeyodTest\LibeventLooper: once() and stop() added for the tests):
 * the php-tests/real/real-event-looper-*.phpt tests run the scenarios that way in child processes.
 * Their deprecation notices on a newer PHP are dropped (inc/third-party.php), ours are not.
 */

require_once __DIR__ . '/third-party.php';

const REAL_CODE_DIR = __DIR__ . '/../../.vendor';

/** Why the real code cannot be used here, or null when it can. For SKIPIF sections. */
function real_code_missing(): ?string
{
    if (is_file(REAL_CODE_DIR . '/beyod/StreamClient.php') && is_file(REAL_CODE_DIR . '/yii2/framework/Yii.php')) {
        return null;
    }
    return 'the real beyod and Yii 2 sources are not extracted: run scripts/vendor (it needs '
        . 'beyod-b928901.tar.gz and yii2-framework-45e679d.tar.gz in ../shared/vendor/ or $BEYOD_VENDOR_DIR)';
}

/**
 * A SKIPIF line: skips when the real code is absent, except where it is required
 * (BEYOD_REQUIRE_REAL_CODE=1, set by CI): there the test runs and fails instead.
 */
function skip_without_real_code(): void
{
    $missing = real_code_missing();
    if ($missing !== null && getenv('BEYOD_REQUIRE_REAL_CODE') !== '1') {
        die("skip $missing");
    }
}

/**
 * Loads real Yii 2 and beyod and makes Yii::$app a console application with a stream_select
 * EventLooper (beyod's libevent one with BEYOD_TEST_LOOPER=event). $looperClass may name another
 * EventLooper subclass.
 */
function load_real_code(?string $looperClass = null): void
{
    if ($looperClass === null) {
        $looperClass = getenv('BEYOD_TEST_LOOPER') === 'event' ? 'BeyodTest\LibeventLooper' : 'BeyodTest\SelectLooper';
    }
    $missing = real_code_missing();
    if ($missing !== null) {
        throw new RuntimeException($missing);
    }
    $dir = realpath(REAL_CODE_DIR);
    hide_third_party_deprecations();
    // a development application: Yii::debug() records (the tests read what beyod logs)
    defined('YII_DEBUG') or define('YII_DEBUG', true);
    // Yii.php prepends Yii's autoloader (which would find beyod\ classes through @beyod):
    // ours goes in front of it.
    require_once $dir . '/yii2/framework/Yii.php';
    spl_autoload_register(function ($class) use ($dir) {
        if (strncmp($class, 'beyod\\', 6) !== 0) {
            return;
        }
        $file = $dir . '/' . str_replace('\\', '/', $class) . '.php';
        if (!is_file($file)) {
            return;
        }
        $code = file_get_contents($file);
        if ($class === 'beyod\Parser') {
            // The one change PHP 8 needs (Object is a reserved word since PHP 7.2); the
            // imported name is never used.
            $code = preg_replace('/^use yii\\\\base\\\\Object;\r?\n/m', '', $code, -1, $n);
            if ($n !== 1) {
                throw new RuntimeException("beyod/Parser.php: expected one `use yii\\base\\Object;` line");
            }
            eval('?>' . $code);
            return;
        }
        require $file;
    }, true, true);
    Yii::setAlias('@beyod', $dir . '/beyod');
    require_once __DIR__ . '/SelectLooper.php';
    if ($looperClass === 'BeyodTest\LibeventLooper') {
        if (!extension_loaded('event')) {
            throw new RuntimeException('BEYOD_TEST_LOOPER=event: the event extension is not loaded');
        }
        require_once __DIR__ . '/LibeventLooper.php';
    }
    $display = ini_get('display_errors');
    new yii\console\Application([
        'id' => 'beyod-streamclient-tests',
        'basePath' => sys_get_temp_dir(),
        'runtimePath' => sys_get_temp_dir(),
        'components' => ['eventLooper' => ['class' => $looperClass]],
    ]);
    // Yii's console application installs its own error and exception handlers; the tests
    // want PHP's, so that their expected output is PHP's.
    Yii::$app->errorHandler->unregister();
    ini_set('display_errors', $display);   // which Yii's register() turned off
}

/**
 * What a child process started with stdout and stderr on pipes 1 and 2 prints (both, in the
 * order they come), until it closes them or $timeout seconds have passed: then it is killed and
 * the output ends with a line saying "$who did not finish".
 */
function child_output($proc, array $pipes, float $timeout, string $who): string
{
    $out = '';
    $end = microtime(true) + $timeout;
    stream_set_blocking($pipes[1], false);
    stream_set_blocking($pipes[2], false);
    while (microtime(true) < $end && !(feof($pipes[1]) && feof($pipes[2]))) {
        $r = [$pipes[1], $pipes[2]];
        $w = $e = [];
        if (@stream_select($r, $w, $e, 0, 100000)) {
            foreach ($r as $p) {
                $out .= (string)fread($p, 65536);
            }
        }
    }
    if (!feof($pipes[1])) {
        proc_terminate($proc, 9);
        $out .= "\n[$who did not finish within {$timeout} s]\n";
    }
    return $out;
}

/**
 * Runs $script in a PHP process without the extension, so that beyod\StreamClient is the
 * original (autoloaded from .vendor/beyod), and returns what it printed (stderr included).
 * Bounded: the process is killed after $timeout seconds.
 */
function run_with_original(string $script, float $timeout = 20.0): string
{
    // errors displayed on stdout, in line with what the script prints
    $proc = proc_open([PHP_BINARY, '-d', 'display_errors=1', '-d', 'log_errors=0', '-d', 'html_errors=0',
        '-d', 'error_reporting=' . E_ALL, $script],
        [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = child_output($proc, $pipes, $timeout, 'the original');
    proc_close($proc);
    return $out;
}

/**
 * For the differential tests: runs $script here (with the extension) and with the original,
 * prints this run's transcript and whether the original printed the same (else its transcript).
 */
function compare_with_original(string $script): void
{
    ob_start();
    require $script;
    $mine = ob_get_clean();
    echo $mine;
    $original = run_with_original($script);
    echo $original === $mine ? "== the original beyod StreamClient printed the same\n"
        : "== the original beyod StreamClient printed:\n$original";
}

/**
 * Runs Yii::$app->eventLooper until $cond() is true; false (after printing "TIMEOUT: $what")
 * when it still is not after $timeout seconds. Works with and without the extension.
 */
function looper_wait_until(callable $cond, float $timeout = 3.0, string $what = ''): bool
{
    $end = microtime(true) + $timeout;
    while (!$cond()) {
        $left = $end - microtime(true);
        if ($left <= 0) {
            echo "TIMEOUT: $what\n";
            return false;
        }
        Yii::$app->eventLooper->once(min(0.05, $left));
    }
    return true;
}

/** Runs Yii::$app->eventLooper for $seconds of wall time. */
function looper_run_for(float $seconds): void
{
    $end = microtime(true) + $seconds;
    while (($left = $end - microtime(true)) > 0) {
        Yii::$app->eventLooper->once(min(0.05, $left));
    }
}

/**
 * The command line arguments that load this process's beyod_streamclient into a child PHP
 * (the shared object this process mapped, found in /proc/self/maps); [] when it is not loaded.
 */
function extension_args(): array
{
    foreach (file('/proc/self/maps', FILE_IGNORE_NEW_LINES) ?: [] as $line) {
        if (preg_match('~\s(/\S*beyod_streamclient[^/\s]*\.so)$~', $line, $m)) {
            return ['-d', 'extension=' . $m[1]];
        }
    }
    return [];
}

/**
 * Runs $script in a child PHP with the extension (when $withExtension and it is loaded here) or
 * without it (the original), and returns what it printed. Bounded: killed after $timeout s.
 * For what happens when a script ends (request shutdown), which cannot be watched in-process.
 */
function run_child(string $script, bool $withExtension, float $timeout = 20.0): string
{
    $args = array_merge([PHP_BINARY], $withExtension ? extension_args() : [],
        ['-d', 'display_errors=1', '-d', 'log_errors=0', '-d', 'html_errors=0', '-d', 'error_reporting=' . E_ALL, $script]);
    $proc = proc_open($args, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = child_output($proc, $pipes, $timeout, 'the child');
    proc_close($proc);
    return $out;
}

/**
 * The `event` PECL extension's module for beyod's own looper, beyod\event\Event: $BEYOD_EVENT_SO
 * (scripts/test exports it; scripts/php84 passes it into its root), else where scripts/event-ext
 * builds it for this PHP (.event/php-X.Y/modules/event.so; for PHP 8.4: scripts/php84 event-ext).
 */
function event_so(): string
{
    return getenv('BEYOD_EVENT_SO')
        ?: __DIR__ . '/../../.event/php-' . PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION . '/modules/event.so';
}

/** Why the scenarios cannot run under beyod\event\Event here, or null when they can. */
function event_looper_missing(): ?string
{
    if (($missing = real_code_missing()) !== null) {
        return $missing;
    }
    if (getenv('BEYOD_EVENT_SO')) {
        return is_file(event_so()) ? null : 'the event extension: $BEYOD_EVENT_SO (' . event_so() . ') is not a file';
    }
    if (!is_file(event_so())) {
        // one build per PHP version: the host's PHP builds with scripts/event-ext, the PHP 8.4 root
        // of scripts/php84 with scripts/php84 event-ext (both run it with the PHP they test)
        return 'the event extension (beyod\event\Event needs it) is not built for PHP ' . PHP_MAJOR_VERSION . '.'
            . PHP_MINOR_VERSION . ': run scripts/event-ext (PHP 8.4: scripts/php84 event-ext; it needs '
            . 'pecl-event-3.1.5-0a7f839.tar.gz in ../shared/vendor/ or $BEYOD_VENDOR_DIR, and libevent-dev)';
    }
    return null;
}

/** A SKIPIF line for the tests under beyod\event\Event; with BEYOD_REQUIRE_REAL_CODE=1 they run and fail. */
function skip_without_event_looper(): void
{
    $missing = event_looper_missing();
    if ($missing !== null && getenv('BEYOD_REQUIRE_REAL_CODE') !== '1') {
        die("skip $missing");
    }
}

/**
 * Runs $script in a child PHP with event.so loaded and BEYOD_TEST_LOOPER=event (load_real_code()
 * then installs beyod\event\Event as Yii::$app->eventLooper), with this process's extension
 * ($withExtension) or without it (the original). Returns [what it printed, the signal that killed
 * it or 0]. beyod\event\Event::del()'s "Resource ID#n used as offset" warnings (its EV_READ/EV_WRITE
 * case falls through into EV_SIGNAL, indexing signalEvents by the stream) are taken out of the
 * transcript and counted in the third element: their number depends on how many watchers the
 * client itself adds and removes.
 */
function run_under_event_looper(string $script, bool $withExtension, float $timeout = 30.0): array
{
    if (($missing = event_looper_missing()) !== null) {
        throw new RuntimeException($missing);
    }
    $args = array_merge([PHP_BINARY], $withExtension ? extension_args() : [], ['-d', 'extension=' . event_so(),
        '-d', 'display_errors=1', '-d', 'log_errors=0', '-d', 'html_errors=0', '-d', 'error_reporting=' . E_ALL, $script]);
    $env = getenv();
    $env['BEYOD_TEST_LOOPER'] = 'event';
    $proc = proc_open($args, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, $env);
    $out = child_output($proc, $pipes, $timeout, 'the child');
    $signal = 0;
    // the first status after the exit is the one that carries it
    while (($status = proc_get_status($proc))['running']) {
        usleep(10000);
    }
    if ($status['signaled']) {
        $signal = $status['termsig'];
    }
    proc_close($proc);
    $out = preg_replace('~\nWarning: Resource ID#\d+ used as offset, casting to integer \(\d+\) in [^\n]*/beyod/event/Event\.php on line \d+\n~',
        '', $out, -1, $warnings);
    return [$out, $signal, $warnings];
}

/**
 * For the differential tests under beyod's production looper: runs $script with the extension
 * and with the original, both with beyod\event\Event as Yii::$app->eventLooper, prints this
 * run's transcript and whether the original printed the same (else its transcript). Where the
 * original crashes under beyod\event\Event, says so and compares with the original under the
 * stream_select looper instead.
 */
function compare_under_event_looper(string $script): void
{
    [$mine, $signal, $warnings] = run_under_event_looper($script, true);
    echo $mine;
    if ($signal) {
        echo "== the extension's process was killed by signal $signal\n";
    }
    echo "== beyod\\event\\Event::del() warned \"Resource ID used as offset\": ", $warnings ? 'yes' : 'no', "\n";
    [$original, $signal] = run_under_event_looper($script, false);
    if ($signal === 0) {
        echo $original === $mine ? "== the original beyod StreamClient under beyod\\event\\Event printed the same\n"
            : "== the original beyod StreamClient under beyod\\event\\Event printed:\n$original";
        return;
    }
    echo "== the original beyod StreamClient crashed under beyod\\event\\Event (killed by signal $signal"
        . ($signal === 11 ? ', SIGSEGV' : '') . ")\n";
    $original = run_with_original($script);
    echo $original === $mine ? "== under the stream_select looper the original printed the same\n"
        : "== under the stream_select looper the original printed:\n$original";
}

/**
 * For the scenarios that use the extension's own API (the original cannot run them): runs
 * $script with the extension under beyod\event\Event and prints its transcript.
 */
function run_extension_under_event_looper(string $script): void
{
    [$mine, $signal, $warnings] = run_under_event_looper($script, true);
    echo $mine;
    if ($signal) {
        echo "== the extension's process was killed by signal $signal\n";
    }
    echo "== beyod\\event\\Event::del() warned \"Resource ID used as offset\": ", $warnings ? 'yes' : 'no', "\n";
}
