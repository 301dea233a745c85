<?php
/**
 * Close-after-N: on each accepted connection (numbered k = 1, 2, ...) waits --delay ms (default 0),
 * sends N lines "conn<k> line<i>\n" (i = 1..N) or, with "bytes", N bytes of pattern_bytes(), then
 * closes its side (FIN). Whatever the client sends is read and discarded, so the close is never a RST.
 * Usage: php close-after.php N [lines|bytes] [--delay=MS] [--listen=ADDR]
 */
require __DIR__ . '/lib.php';
[$opts, $pos] = server_args($argv);
$n = (int)($pos[0] ?? 1);
$unit = $pos[1] ?? 'lines';
$delay = (float)($opts['delay'] ?? 0) / 1000;
(new LoopServer($opts, [
    'accept' => function (ServerConn $c, LoopServer $srv) use ($n, $unit, $delay) {
        $send = function () use ($c, $n, $unit) {
            if ($unit === 'bytes') {
                $c->write(pattern_bytes($n));
            } else {
                for ($i = 1; $i <= $n; $i++) {
                    $c->write("conn{$c->id} line{$i}\n");
                }
            }
            $c->endAfterWrite();
        };
        $delay > 0 ? $srv->after($delay, $send) : $send();
    },
]))->run();
