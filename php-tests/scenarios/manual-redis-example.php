<?php
/**
 * Scenario: the asynchronous Redis example of beyod's StreamClient manual, run as written.
 *
 * manual/MyServer.php is the manual's first code block copied byte for byte (the `app\MyServer`
 * class: a beyod\Server whose onWorkerStart() creates a beyod\protocol\redis\Client, prints every
 * reply with print_r() from its ON_MESSAGE handler, and from ON_CONNECT logs with Yii::debug(),
 * SETs 'a' to serialize($_SERVER) and GETs it back). The only change is made here, at load
 * time: its `$redis_server` address 'tcp://192.168.1.19:6379' becomes the unix socket of a real
 * redis-server this test starts; the md5 of the stored text is checked, so an edit to it fails
 * the test. Then the worker is started the way beyod starts one — onWorkerStart($workerId,
 * $GPID), then the event loop — and the replies are checked: SET's OK, and GET's serialized
 * $_SERVER unserializing to the same array.
 *
 * The three modes run the same class text. What it names must exist in each:
 *  - 'yii-beyod': everything is the stand-ins (php-tests/standins: beyod\Server with
 *    onWorkerStart(), beyod's redis Client/Parser/Response, beyod\IOEvent, Yii::debug()), and
 *    the worker's loop is Yii::$app->eventLooper (beyod\event\Select) — connect() joins it by
 *    itself, the application calls nothing of the extension's;
 *  - 'yii' and 'none' (no beyod): SHIMS declared below, in this file, stand for the beyod classes
 *    the text uses: beyod\Server (the ON_* constants, an empty onWorkerStart()),
 *    beyod\protocol\redis\Client (a StreamClient subclass mapping get()/set() to RESP commands
 *    through the extension's native beyod\ext\RedisParser, so replies are plain strings), and
 *    beyod\IOEvent (an alias of the extension's beyod\ext\IOEvent, so the handler's
 *    `IOEvent $event` type hint accepts the event). 'none' also shims Yii (only Yii::debug()).
 *    The loop is the extension's: Loop::tick() ('yii') and Loop::run() ('none').
 *  `use` lines naming classes that exist nowhere (beyod\dispatcher\Client, beyod\protocol\dns\
 *  Message, beyod\MessageEvent and beyod\protocol\redis\Request, used only in a docblock) need
 *  nothing: PHP resolves a `use` only when the name is used.
 */

namespace beyod {
    if (!\with_beyod()) {
        /** SHIM (no beyod): the constants the example uses and the hook it overrides. */
        class Server
        {
            const ON_CONNECT = 'onConnect';
            const ON_MESSAGE = 'onMessage';

            public function onWorkerStart($workerId, $GPID)
            {
            }
        }

        // SHIM (no beyod): the event class the ON_CONNECT handler type-hints.
        \class_alias('beyod\ext\IOEvent', 'beyod\IOEvent');
    }
}

namespace beyod\protocol\redis {
    if (!\with_beyod()) {
        /** SHIM (no beyod): a redis client shaped like beyod's, for the two commands the example sends. */
        class Client extends \beyod\StreamClient
        {
            public $parser = 'beyod\ext\RedisParser';

            public function __call($name, $params)
            {
                if (\in_array(\strtoupper($name), ['GET', 'SET'], true)) {
                    return $this->send(\array_merge([\strtoupper($name)], $params));
                }
                return parent::__call($name, $params);
            }
        }
    }
}

namespace {
    use beyod\ext\Loop;

    if (!with_yii()) {
        /** SHIM (no Yii): the one Yii method the example calls. */
        class Yii
        {
            public static $debugLog = [];

            public static function debug($message, $category = 'application')
            {
                static::$debugLog[] = [$message, $category];
            }
        }
    }

    // md5 of the manual's first code block (from "<?php" to the class's closing brace,
    // 46 lines, 1337 bytes with the final newline)
    const MANUAL_TEXT_MD5 = 'b8e41efff08cb4923ef5ab933638fe2f';

    [$redisProc, $redisSock] = start_redis_server();
    $address = "unix://$redisSock";
    $text = file_get_contents(__DIR__ . '/manual/MyServer.php');
    $code = str_replace("'tcp://192.168.1.19:6379'", var_export($address, true), $text, $replaced);
    $changed = array_diff_assoc(explode("\n", $code), explode("\n", $text));
    echo "app\\MyServer is the manual's text: ", json_encode(md5($text) === MANUAL_TEXT_MD5),
        "; changed for the test: ", $replaced, " line: ",
        str_replace($address, 'unix://<redis.sock>', implode(' | ', $changed)), "\n";
    $file = sys_get_temp_dir() . '/beyod-' . getmypid() . '-MyServer.php';
    file_put_contents($file, $code);
    require $file;
    unlink($file);

    // the worker's loop, as the mode's application has it
    if (with_beyod()) {
        beyod_app_with_looper();
        echo "event loop: Yii::\$app->eventLooper (", get_class(Yii::$app->eventLooper), ")\n";
        $stop = fn () => Yii::$app->eventLooper->stop();
    } else {
        echo "event loop: the extension's, ", with_yii() ? "Loop::tick()" : "Loop::run()", "\n";
        $stop = fn () => Loop::stop();
    }

    $server = new app\MyServer();
    $replies = [];
    ob_start();   // what the example's ON_MESSAGE handler prints (print_r)
    // beyod's single-process worker: worker_id 1, GPID (server_id 1 << 16) + 1
    $server->onWorkerStart(1, (1 << 16) + 1);
    // the test's own handler, after the example's: collects the replies
    $server->redisClient->on('onMessage', function ($e) use (&$replies, $stop) {
        $replies[] = $e->message;
        if (count($replies) === 2) {
            $stop();
        }
    });
    $timedOut = false;
    if (with_beyod()) {
        $looper = Yii::$app->eventLooper;
        $guard = $looper->addTimeout(5000, function () use ($looper, &$timedOut) {
            $timedOut = true;
            $looper->stop();
        });
        $looper->loop();
        $looper->delTimeout($guard);
        $watched = $looper->watchedCount();
    } elseif (with_yii()) {
        $end = microtime(true) + 5;
        while (count($replies) < 2 && !($timedOut = microtime(true) > $end)) {
            Loop::tick(0.05);
        }
    } else {
        $guard = Loop::after(5, function () use (&$timedOut) {
            $timedOut = true;
            Loop::stop();
        });
        Loop::run();
        Loop::cancel($guard);
    }
    $printed = ob_get_clean();
    if (with_beyod()) {
        echo "descriptors the looper watched (the reactor's, registered by connect()): $watched\n";
    }
    if ($timedOut) {
        echo "TIMEOUT: ", count($replies), " replies\n";
    }

    echo "client: ", get_class($server->redisClient), " (parser ", get_class($server->redisClient->parser), ")\n";
    $sender = $server->redisClient->__toString();
    foreach (with_yii() ? yii_debug_log() : Yii::$debugLog as [$message, $category]) {
        echo "Yii::debug [$category] ", json_encode(str_replace($sender, '<client>', $message)), "\n";
    }
    echo "  (<client> = (string)\$event->sender: ", json_encode($sender === "{$server->redisClient->id} {$server->redisClient->peer} {$server->redisClient->local}"),
        ", peer is the redis socket: ", json_encode($server->redisClient->peer === $redisSock), ")\n";

    /** A reply as plain PHP data: beyod's Response objects are unwrapped. */
    function manual_reply($m)
    {
        if ($m instanceof beyod\protocol\redis\Response) {
            return $m->getError() !== null ? 'ERR ' . $m->getError() : $m->getData();
        }
        return $m;
    }

    $serialized = serialize($_SERVER);
    echo "replies: ", count($replies), ", message class: ", is_object($replies[0] ?? null) ? get_class($replies[0]) : gettype($replies[0] ?? null), "\n";
    echo "SET a -> ", json_encode(manual_reply($replies[0] ?? null)), "\n";
    $got = manual_reply($replies[1] ?? null);
    $back = is_string($got) ? @unserialize($got) : false;
    echo "GET a -> ", is_string($got) ? "the SET's value, serialize(\$_SERVER): " . json_encode($got === $serialized) : json_encode($got), "\n";
    echo "unserialize(GET a) == \$_SERVER: ", json_encode($back === $_SERVER),
        ", SCRIPT_FILENAME: ", json_encode(($back['SCRIPT_FILENAME'] ?? null) === $_SERVER['SCRIPT_FILENAME']),
        ", REQUEST_TIME_FLOAT: ", json_encode(($back['REQUEST_TIME_FLOAT'] ?? null) === $_SERVER['REQUEST_TIME_FLOAT']), "\n";
    // the example's handler ran first for each reply: its output is exactly their print_r()s
    echo "the example's print_r() printed both replies, in order: ",
        json_encode(count($replies) === 2 && $printed === print_r($replies[0], true) . print_r($replies[1], true)), "\n";
    echo "its print_r() of the SET reply: ", json_encode(print_r($replies[0] ?? null, true)), "\n";

    $server->redisClient->close();
    echo "closed: ", json_encode($server->redisClient->isClosed()), "\n";
    stop_redis_server($redisProc);
}
