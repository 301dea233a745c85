<?php
/**
 * One connection ping-pongs under Yii::$app->eventLooper, which calls Loop::tick(0) whenever the
 * reactor's descriptor is readable (with one plain connection and nothing else pending, that
 * step reads the socket without polling the reactor). Around and through it: a timer that
 * falls due mid-stream, a second client that a handler creates mid-stream and that closes
 * itself in its own handler, a reply of 2 MiB (many reads), an 8 MiB line the socket takes only
 * in part (writability asked for again) echoed back, an idle wait (the descriptor must
 * not stay readable: no spinning), then a last line that comes with the server's FIN (the
 * close must still be seen). Runs on its own (a child process: either looper).
 */
use beyod\StreamClient;
use beyod\ext\Loop;

require_once __DIR__ . '/../../inc/modes.php';
if (!defined('MODE')) {
    load_mode('real');
}

/** The bytes of the server's reply to "big N" (as servers/ping-big-bye.php makes them). */
function big_reply(int $n): string
{
    return substr(str_repeat(implode('', range('a', 'z')) . implode('', range(0, 9)), intdiv($n, 36) + 1), 0, $n);
}

$looper = Yii::$app->eventLooper;
echo "Yii::\$app->eventLooper: ", get_class($looper), "\n";
[$srv, $port] = start_server('ping-big-bye.php');

$rounds = 0;
$timerAt = null;
$second = [];
$buf = '';
$lines = [];
$big = null;
$closed = null;
$done = false;
$a = new StreamClient(['target' => tcp_target($port), 'parser' => null]);
$a->on('onConnect', fn ($e) => $e->sender->send("ping 1\n"));
$a->on('onClose', function ($e) use (&$closed, &$lines) {
    $closed = ['by' => $e->by, 'after' => end($lines)];
});
$a->on('onMessage', function ($e) use (&$buf, &$lines, &$rounds, &$timerAt, &$second, &$big, &$done, $port) {
    $buf .= $e->message;
    if ($big !== null) {
        // the big reply: taken whole, then its "\n"
        if (strlen($buf) < $big + 1) {
            return;
        }
        $lines[] = 'big ' . (substr($buf, 0, $big) === big_reply($big) && $buf[$big] === "\n" ? 'intact' : 'CORRUPT');
        $buf = (string)substr($buf, $big + 1);
        $big = null;
        return;
    }
    while (($p = strpos($buf, "\n")) !== false) {
        $line = substr($buf, 0, $p);
        $buf = (string)substr($buf, $p + 1);
        $lines[] = $line;
        if (strncmp($line, 'pong ', 5) !== 0) {
            continue;
        }
        if ($done) {
            // the ping-pong is over ("pong last" of part 5 must not start it again: its
            // "ping 1" could reach the server behind "bye", when a slow client's two sends
            // arrive apart, and its "pong 1" would follow "bye")
            continue;
        }
        $rounds = (int)substr($line, 5);
        if ($rounds === 20) {
            Loop::after(0.03, function () use (&$timerAt, &$rounds) {
                $timerAt = $rounds;
            });
        }
        if ($rounds === 40) {
            // a second client, made by a handler; it closes itself in its own handler
            $b = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
            $b->on('onConnect', fn ($e) => $e->sender->send("ping b"));
            $b->on('onMessage', function ($e) use (&$second, &$rounds) {
                $second[] = rtrim($e->message) . " (during round $rounds)";
                $e->sender->close();
            });
            $b->connect();
        }
        // ping-pong goes on until the timer fired and the second client is done
        if ($rounds < 100 || $timerAt === null || !$second) {
            $e->sender->send('ping ' . ($rounds + 1) . "\n");
        } else {
            $done = true;
        }
    }
});
$a->connect();

looper_wait_until(function () use (&$done) {
    return $done;
}, 10, 'ping-pong');
echo "1. ping-pong: ", $rounds >= 100 ? 'at least 100' : $rounds, " round trips, every reply in order: ",
    json_encode($lines === array_map(fn ($i) => "pong $i", range(1, $rounds))), "\n";
echo "2. timer fired mid-stream: ", json_encode($timerAt !== null && $timerAt < $rounds), "\n";
echo "2. second client: ", preg_replace('/\(during round \d+\)/', '(during the ping-pong)', implode(', ', $second)),
    ", connections established now: ", Loop::stats()['established'], "\n";

$lines = [];
$size = $big = 2 * 1024 * 1024 + 7;
$a->send("big $big\n");
looper_wait_until(function () use (&$lines) {
    return $lines !== [];
}, 10, 'big reply');
echo "3. a reply of $size bytes: ", implode(', ', $lines), "\n";

// more than the socket takes at once: the rest waits for writability (which the connection
// asks for again), while the echo comes back
$lines = [];
$payload = str_repeat('x', 8 * 1024 * 1024);
$written = $a->send("ping $payload\n");
looper_wait_until(function () use (&$lines) {
    return $lines !== [];
}, 10, 'the 8 MiB echo');
echo "3. an 8 MiB line sent at once, written at once only in part: ", json_encode($written < strlen($payload)),
    ", echoed back whole: ", json_encode($lines === ["pong $payload"]), "\n";

$t0 = microtime(true);
$cpu0 = getrusage();
looper_run_for(0.5);
$cpu1 = getrusage();
$cpu = ($cpu1['ru_utime.tv_sec'] - $cpu0['ru_utime.tv_sec']) + ($cpu1['ru_utime.tv_usec'] - $cpu0['ru_utime.tv_usec']) / 1e6
    + ($cpu1['ru_stime.tv_sec'] - $cpu0['ru_stime.tv_sec']) + ($cpu1['ru_stime.tv_usec'] - $cpu0['ru_stime.tv_usec']) / 1e6;
// (under valgrind memcheck, reliability/valgrind.sh, the looper's own steps cost ~13x: a spin
// would still be ~100 %)
$limit = getenv('REL_VALGRIND') ? 0.5 : 0.1;
echo "4. idle under the looper, CPU < 10 %: ", json_encode($cpu < $limit * (microtime(true) - $t0)), "\n";

$lines = [];
$a->send("ping last\n");
$a->send("bye\n");
looper_wait_until(function () use (&$closed) {
    return $closed !== null;
}, 5, 'the peer\'s close');
echo "5. last lines: ", implode(', ', $lines), "; then onClose by peer: ", json_encode(($closed['by'] ?? null) === 1),
    ", after the last line: ", json_encode(($closed['after'] ?? null) === 'bye'), "\n";
echo "connections left: ", $a->isConnected() ? 'a' : 'none', "\n";
stop_server($srv);
echo "done\n";
