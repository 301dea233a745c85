<?php
// Echo demo: starts its own line-echo server, connects with the native beyod\StreamClient,
// sends three lines (the first before the connection is up) and prints what comes back.
// Run: php -d extension=target/release/libbeyod_streamclient.so examples/echo-demo.php

use beyod\StreamClient;
use beyod\ext\Loop;

/** Frames "\n"-terminated lines: the shape of beyod's text parser. */
class LineParser
{
    public function input($buffer, $connection) { $p = strpos($buffer, "\n"); return $p === false ? 0 : $p + 1; }
    public function decode($buffer, $connection) { return rtrim($buffer, "\r\n"); }
    public function encode($message, $connection) { return $message . "\n"; }
}

$server = proc_open([PHP_BINARY, __DIR__ . '/echo-server.php'], [['pipe', 'r'], ['pipe', 'w'], STDERR], $pipes);
$port = (int) fgets($pipes[1]);

$client = new StreamClient([
    'target' => "tcp://127.0.0.1:$port",
    'parser' => LineParser::class,
    'timeout' => 5,
    'on onConnect' => function ($e) { echo "connected: {$e->sender}\n"; },
]);
$client->send('queued before connect');              // flushed once connected
$client->on(StreamClient::ON_MESSAGE, function ($e) {
    static $n = 0;
    echo "received: {$e->message}\n";
    if (++$n === 3) {
        $e->sender->close();                          // onClose(by self) fires now
    }
});
$client->on(StreamClient::ON_CONNECT_FAILED, fn ($e) => print("connect failed: {$e->errstr}\n"));
$client->connect();
$client->send('hello');
$client->send('world');

$guard = Loop::after(5, fn () => Loop::stop());      // never hang
$client->on(StreamClient::ON_CLOSE, function ($e) use ($guard) {
    echo "closed by {$e->getCloser()}\n";
    Loop::cancel($guard);
});
Loop::run();                                          // returns when nothing is left to do

fclose($pipes[0]);
proc_close($server);
echo "demo done\n";
