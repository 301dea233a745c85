<?php
/**
 * Never reads: accepts connections and keeps them open without ever reading, so a client's
 * writes eventually stall once the kernel buffers are full. Prints "accepted <k>" per connection.
 * Usage: php never-read.php [--listen=ADDR]
 */
require __DIR__ . '/lib.php';
[$opts] = server_args($argv);
(new LoopServer($opts, [
    'accept' => function (ServerConn $c) {
        $c->reading = false;
        server_say("accepted {$c->id}");
    },
]))->run();
