<?php
// Shared by the host-loop examples: the line parser and the demo's own echo server.

namespace Example;

/** Frames "\n"-terminated lines: the shape of beyod's text parser. */
class LineParser
{
    public function input($buffer, $connection) { $p = strpos($buffer, "\n"); return $p === false ? 0 : $p + 1; }
    public function decode($buffer, $connection) { return rtrim($buffer, "\r\n"); }
    public function encode($message, $connection) { return $message . "\n"; }
}

/** Starts examples/echo-server.php; returns [its port, a function that stops it]. */
function start_echo_server(): array
{
    $proc = proc_open([PHP_BINARY, __DIR__ . '/echo-server.php'], [['pipe', 'r'], ['pipe', 'w'], STDERR], $pipes);
    $port = (int) fgets($pipes[1]);
    return [$port, function () use ($proc, $pipes) { fclose($pipes[0]); proc_close($proc); }];
}

/**
 * The demo's client: sends "ping 1..3" one per $every seconds from the reactor's own timer,
 * prints each echo, and calls $done() after the third. The host loop only has to watch
 * Loop::stream() and call Loop::tick(0).
 */
function ping_client(int $port, callable $done): \beyod\StreamClient
{
    $client = new \beyod\StreamClient([
        'target' => "tcp://127.0.0.1:$port",
        'parser' => LineParser::class,
        'timeout' => 5,
        'reconnect_interval' => 1,
    ]);
    $client->on('onConnect', function ($e) {
        echo "connected: {$e->sender}\n";
        $n = 0;
        \beyod\ext\Loop::every(0.2, function ($timer) use ($e, &$n) {
            $e->sender->send('ping ' . ++$n);
            if ($n === 3) {
                \beyod\ext\Loop::cancel($timer);
            }
        });
    });
    $client->on('onMessage', function ($e) use ($done) {
        echo "received: {$e->message}\n";
        if ($e->message === 'echo: ping 3') {
            $e->sender->close();
            $done();
        }
    });
    $client->connect();
    return $client;
}
