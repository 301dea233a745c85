<?php
/**
 * Line echo: every "\n"-terminated line a client sends is sent back, as is (with its "\n").
 * Usage: php line-echo.php [--listen=ADDR]
 */
require __DIR__ . '/lib.php';
[$opts] = server_args($argv);
(new LoopServer($opts, [
    'data' => function (ServerConn $c, string $d) {
        $c->inbuf .= $d;
        while (($p = strpos($c->inbuf, "\n")) !== false) {
            $c->write(substr($c->inbuf, 0, $p + 1));
            $c->inbuf = (string)substr($c->inbuf, $p + 1);
        }
    },
]))->run();
