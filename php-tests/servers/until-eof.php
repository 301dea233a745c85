<?php
/**
 * Until-EOF: reads everything a client sends until the client's FIN (a half-close), only then
 * answers "got <N> bytes\n" (N = the bytes received) and closes. Prints "eof <k> <N>" when the
 * client's FIN arrives. A client that does not half-close never gets an answer.
 * Usage: php until-eof.php [--listen=ADDR]
 */
require __DIR__ . '/lib.php';
[$opts] = server_args($argv);
(new LoopServer($opts, [
    'eof' => function (ServerConn $c) {
        server_say("eof {$c->id} {$c->received}");
        // LoopServer closes the socket right after this handler: write the answer now
        // (blocking; it is a few bytes), the close then sends our FIN after it.
        stream_set_blocking($c->sock, true);
        @fwrite($c->sock, "got {$c->received} bytes\n");
    },
]))->run();
