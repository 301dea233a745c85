<?php
/**
 * Shared by the real-stack workload scripts (bench/php/real-*.php): the ORIGINAL beyod
 * StreamClient and the extension, each inside a real yii\console\Application, driven by
 * Yii::$app->eventLooper.
 *
 * The real beyod and Yii 2 sources are the unmodified archives of ../shared/vendor, extracted by
 * scripts/vendor into the ignored .vendor/ (bench/run does it); they are loaded by the tests'
 * load_real_code() (php-tests/inc/real-code.php: PSR-4 for beyod\ dropping the one line PHP 8
 * refuses, Yii's own autoloader, a console Application whose eventLooper is
 * php-tests/inc/SelectLooper.php, a stream_select implementation of beyod's EventLooper).
 *
 * IMPL original: PHP without the extension, so beyod\StreamClient is beyod's own PHP class.
 * IMPL native: the extension loaded (-d extension=…): beyod\StreamClient is the native class,
 * which registers its reactor with Yii::$app->eventLooper at connect(); the same looper's
 * loop() drives both.
 * Arg looper=select (default: php-tests/inc/SelectLooper.php) | event: beyod's own libevent
 * looper beyod\event\Event (php-tests/inc/LibeventLooper.php: beyod's class with once()/stop()
 * added), which needs the `event` PECL extension loaded (the driver adds -d extension=event.so,
 * built by scripts/event-ext).
 */
require_once __DIR__ . '/common.php';
require_once __DIR__ . '/../../php-tests/inc/real-code.php';

// A production application: Yii::debug() is a no-op (load_real_code() would turn debug on for
// the tests, which read what beyod logs; beyod logs only around connects anyway).
defined('YII_DEBUG') or define('YII_DEBUG', false);

function real_start(string $impl): void
{
    if ($impl === 'native') {
        require_native();
    } elseif ($impl === 'original') {
        if (class_exists(\beyod\ext\Loop::class, false)) {
            fail('impl original must run without the extension');
        }
    } else {
        fail("unknown implementation $impl (original | native)");
    }
    if (($missing = real_code_missing()) !== null) {
        fail($missing);
    }
    $looper = arg('looper', 'select');
    if ($looper === 'event' && !extension_loaded('event')) {
        fail('looper=event: the event extension is not loaded (scripts/event-ext builds it)');
    }
    if (!in_array($looper, ['select', 'event'], true)) {
        fail("unknown looper $looper (select | event)");
    }
    load_real_code($looper === 'event' ? 'BeyodTest\LibeventLooper' : 'BeyodTest\SelectLooper');
    $want = $looper === 'event' ? 'beyod\event\Event' : 'BeyodTest\SelectLooper';
    if (!Yii::$app->eventLooper instanceof $want) {
        fail('Yii::$app->eventLooper is a ' . get_class(Yii::$app->eventLooper) . ", not a $want");
    }
    $class = (new ReflectionClass(\beyod\StreamClient::class));
    if ($impl === 'original' && $class->isInternal()) {
        fail('beyod\StreamClient is not the original PHP class');
    }
    if ($impl === 'native' && !$class->isInternal()) {
        fail('beyod\StreamClient is not the extension\'s class');
    }
}

/**
 * Runs Yii::$app->eventLooper->loop() until real_end() (or $limit seconds: a guard timeout
 * stops it). Returns false if the limit was hit.
 */
function real_loop(float $limit): bool
{
    $looper = Yii::$app->eventLooper;
    $timedOut = false;
    $guard = $looper->addTimeout((int) ($limit * 1000), function () use (&$timedOut, $looper) {
        $timedOut = true;
        $looper->stop();
    });
    $looper->loop();
    $looper->delTimeout($guard);
    return !$timedOut;
}

function real_end(): void
{
    Yii::$app->eventLooper->stop();
}

/** A blocking one-shot Redis command for setup (not timed); returns the reply's first line. */
function redis_raw(int $port, array $cmd): string
{
    $s = stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 5) or fail("redis: $errstr");
    stream_set_timeout($s, 10);
    $req = '*' . count($cmd) . "\r\n";
    foreach ($cmd as $a) {
        $req .= '$' . strlen((string) $a) . "\r\n$a\r\n";
    }
    fwrite($s, $req);
    $reply = fgets($s);
    fclose($s);
    return rtrim((string) $reply, "\r\n");
}
