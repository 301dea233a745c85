<?php
/**
 * Raw echo: every byte received is sent back as soon as it is read.
 * Usage: php raw-echo.php [--listen=ADDR]
 */
require __DIR__ . '/lib.php';
[$opts] = server_args($argv);
(new LoopServer($opts, [
    'data' => fn (ServerConn $c, string $d) => $c->write($d),
]))->run();
