<?php
/**
 * One request served by a host SAPI's worker (php -S's router, php-fpm's script) that uses the
 * extension the way a web request does: a client to the line echo server on ?port=, a line sent,
 * Loop::run() until the echo came back and the client closed.
 *
 * With ?fault=, a handler (?in=timer: a Loop::after() callback; ?in=message: onMessage) ends the
 * request the hard way instead:
 *   user-error  trigger_error(E_USER_ERROR): a fatal error, a longjmp out of the handler
 *   time-limit  max_execution_time reached inside the handler (a fatal error too)
 *   memory      memory_limit exhausted inside the handler (a fatal error too)
 *   exit        exit() inside the handler
 *   exception   an exception nobody catches
 *
 * Prints the worker's pid first (the test checks one worker served every request), then what
 * the previous request left in the worker: its connections and timers must be gone.
 */

use beyod\StreamClient;
use beyod\ext\Loop;

header('Content-Type: text/plain');
$port = (int)($_GET['port'] ?? 0);
$fault = (string)($_GET['fault'] ?? '');
$in = (string)($_GET['in'] ?? 'timer');

echo 'pid ', getmypid(), "\n";
$s = Loop::stats();
echo "left over: connecting={$s['connecting']} established={$s['established']} closing={$s['closing']} timers={$s['timers']}\n";

function fault(string $fault): void
{
    switch ($fault) {
        case 'user-error':
            trigger_error('the handler died', E_USER_ERROR);
            break;
        case 'time-limit':
            set_time_limit(1);
            for ($i = 0; ; $i++) {
            }
        case 'memory':
            ini_set('memory_limit', '32M');
            $hog = [];
            for (;;) {
                $hog[] = str_repeat('x', 1 << 20);
            }
        case 'exit':
            exit("exit() in the handler\n");
        case 'exception':
            throw new RuntimeException('the handler threw');
    }
}

$c = new StreamClient(['target' => "tcp://127.0.0.1:$port", 'timeout' => 5]);
$c->on('onConnect', function ($e) {
    $e->sender->send("hello\n");
});
$c->on('onMessage', function ($e) use ($fault, $in) {
    echo 'echo: ', trim($e->message), "\n";
    if ($fault !== '' && $in === 'message') {
        fault($fault);
    }
    $e->sender->close();
});
$c->connect();
if ($fault !== '' && $in === 'timer') {
    // a second timer, still pending when the first one dies: the next request must not see it
    Loop::after(30, function () {
        echo "a timer of an earlier request fired\n";
    });
    Loop::after(0, function () use ($fault) {
        echo "timer fired\n";
        fault($fault);
    });
}
// a bound on this request, should the loop never return
$guard = Loop::after(5, function () {
    echo "TIMEOUT\n";
    Loop::stop();
});
$c->on('onClose', function () use ($guard) {
    Loop::cancel($guard);
});
Loop::run();
echo "Loop::run() returned\n";
