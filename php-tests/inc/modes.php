<?php
/**
 * The four ways an application runs the extension, for the drop-in scenario tests
 * (php-tests/scenarios/*.php, each run by four .phpt files):
 *  - 'real':      the real beyod framework and Yii 2 (inc/real-code.php: extracted from the
 *    unmodified archives by scripts/vendor), a real yii\console\Application whose eventLooper
 *    is a stream_select implementation of beyod's EventLooper;
 *  - 'yii-beyod': Yii and beyod loaded (the stand-ins in ../standins, autoloaded as composer
 *    would): events are beyod's classes, objects are built by Yii::createObject();
 *  - 'yii':       Yii only: the extension's own event classes, extending yii\base\Event;
 *  - 'none':      neither: the extension's own event classes, standing alone.
 */

require_once __DIR__ . '/helpers.php';
require_once __DIR__ . '/real-code.php';

function load_mode(string $mode): void
{
    switch ($mode) {
        case 'real':
            load_real_code();
            break;
        case 'yii-beyod':
            require_once __DIR__ . '/../standins/yii/Yii.php';
            require_once __DIR__ . '/../standins/beyod/autoload.php';
            break;
        case 'yii':
            require_once __DIR__ . '/../standins/yii/Yii.php';
            break;
        case 'none':
            break;
        default:
            throw new InvalidArgumentException("unknown mode $mode");
    }
    define('MODE', $mode);
}

function with_yii(): bool
{
    return MODE !== 'none';
}

function with_beyod(): bool
{
    return MODE === 'yii-beyod' || MODE === 'real';
}

/** The real beyod and Yii (not the stand-ins). */
function real_code(): bool
{
    return MODE === 'real';
}

/**
 * Builds an object from a Yii-style config array the way the mode's application would:
 * Yii::createObject() (construct, then set each property) with Yii, `new $class($config)`
 * without.
 */
function make_object(array $config)
{
    if (with_yii()) {
        return Yii::createObject($config);
    }
    $class = $config['class'];
    unset($config['class']);
    return new $class($config);
}

/** An event's class, and whether it is a yii\base\Event (what class-level handlers need). */
function event_kind($e): string
{
    return get_class($e) . (($e instanceof \yii\base\Event) ? ' (a yii\base\Event)' : '');
}

/**
 * Starts Debian's redis-server on a unix socket in a temp dir (no TCP port, no persistence).
 * Returns [$proc, $socketPath]; stop it with stop_redis().
 */
function start_redis(): array
{
    $dir = sys_get_temp_dir() . '/beyod-redis-' . getmypid();
    @mkdir($dir);
    $sock = "$dir/redis.sock";
    $proc = proc_open(['redis-server', '--port', '0', '--unixsocket', $sock, '--save', '', '--appendonly', 'no',
        '--dir', $dir], [['pipe', 'r'], ['file', '/dev/null', 'w'], ['file', '/dev/null', 'w']], $pipes);
    for ($i = 0; $i < 250 && !file_exists($sock); $i++) {
        usleep(20000);
    }
    if (!file_exists($sock)) {
        throw new RuntimeException('redis-server did not start');
    }
    register_shutdown_function(function () use ($proc, $dir, $sock) {
        stop_redis([$proc, $sock]);
    });
    return [$proc, $sock];
}

function stop_redis(array $redis): void
{
    [$proc, $sock] = $redis;
    if (is_resource($proc)) {
        proc_terminate($proc);
        proc_close($proc);
    }
    @unlink($sock);
    @rmdir(dirname($sock));
}

/** CPU seconds (user + system) this process used so far. */
function cpu_seconds(): float
{
    $r = getrusage();
    return $r['ru_utime.tv_sec'] + $r['ru_utime.tv_usec'] / 1e6 + $r['ru_stime.tv_sec'] + $r['ru_stime.tv_usec'] / 1e6;
}

/**
 * Yii::$app with an eventLooper, as a beyod worker has it: the stand-ins' ServiceLocator with
 * beyod\event\Select, or in 'real' mode the real console application load_mode() made.
 */
function beyod_app_with_looper()
{
    if (!real_code()) {
        Yii::$app = new yii\di\ServiceLocator(['components' => ['eventLooper' => ['class' => 'beyod\event\Select']]]);
    }
    return Yii::$app->eventLooper;
}

/** What Yii::debug() logged so far, as [message, category] pairs. */
function yii_debug_log(): array
{
    if (real_code()) {
        $debug = array_filter(Yii::getLogger()->messages, fn ($m) => $m[1] === yii\log\Logger::LEVEL_TRACE);
        return array_values(array_map(fn ($m) => [$m[0], $m[2]], $debug));
    }
    return Yii::$debugLog;
}
