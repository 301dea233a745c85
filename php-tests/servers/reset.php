<?php
/**
 * Reset: accepts, waits --delay ms (default 100), then aborts the connection with a RST
 * (SO_LINGER on, 0 s) instead of a FIN. Needs the sockets extension.
 * Usage: php reset.php [--delay=MS] [--listen=ADDR]
 */
require __DIR__ . '/lib.php';
[$opts] = server_args($argv);
$delay = (float)($opts['delay'] ?? 100) / 1000;
(new LoopServer($opts, [
    'accept' => function (ServerConn $c, LoopServer $srv) use ($delay) {
        $srv->after($delay, function () use ($c, $srv) {
            $s = socket_import_stream($c->sock);
            socket_set_option($s, SOL_SOCKET, SO_LINGER, ['l_onoff' => 1, 'l_linger' => 0]);
            socket_close($s);
            $srv->close($c);
            server_say("reset {$c->id}");
        });
    },
]))->run();
