<?php
/**
 * Ping, big, bye: answers each "\n"-terminated line a client sends. "ping X" → "pong X";
 * "big N" → N bytes of big_reply(N), then "\n"; "bye" → "bye", then closes its side (FIN) in
 * the same pass, so the last line and the FIN reach the client together.
 * Usage: php ping-big-bye.php [--listen=ADDR]
 */
require __DIR__ . '/lib.php';

/** The bytes of a "big N" reply (the test computes the same). */
function big_reply(int $n): string
{
    return substr(str_repeat(implode('', range('a', 'z')) . implode('', range(0, 9)), intdiv($n, 36) + 1), 0, $n);
}

[$opts] = server_args($argv);
(new LoopServer($opts, [
    'data' => function (ServerConn $c, string $d) {
        $c->inbuf .= $d;
        while (($p = strpos($c->inbuf, "\n")) !== false) {
            $line = substr($c->inbuf, 0, $p);
            $c->inbuf = (string)substr($c->inbuf, $p + 1);
            if (strncmp($line, 'ping ', 5) === 0) {
                $c->write('pong ' . substr($line, 5) . "\n");
            } elseif (strncmp($line, 'big ', 4) === 0) {
                $c->write(big_reply((int)substr($line, 4)) . "\n");
            } elseif ($line === 'bye') {
                $c->write("bye\n");
                $c->endAfterWrite();
            }
        }
    },
]))->run();
