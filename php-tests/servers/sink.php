<?php
/**
 * Counting sink: reads everything a client sends (starting only after --delay ms, default 0, so a
 * client's send queue can fill first) and, when the client closes, prints
 * "conn<k> <bytes received> <md5 of the bytes>". With --greeting=TEXT it sends TEXT on accept
 * (after --greeting_delay ms, default 0). With --show=1 the received bytes are printed as well:
 * "conn<k> <bytes> <md5> <json of the bytes>". With --rate=BYTES_PER_SECOND it reads no faster
 * than that (a slow consumer, so a proxy in front of it has to hold back). With --keep_open=1 it
 * never closes its side, not even after the client's FIN (a peer that keeps a half-open
 * connection).
 * Usage: php sink.php [--delay=MS] [--rate=B/S] [--greeting=TEXT] [--greeting_delay=MS] [--show=1] [--keep_open=1] [--listen=ADDR]
 */
require __DIR__ . '/lib.php';
[$opts] = server_args($argv);
$delay = (float)($opts['delay'] ?? 0) / 1000;
$greeting = $opts['greeting'] ?? '';
$gdelay = (float)($opts['greeting_delay'] ?? 0) / 1000;
$show = !empty($opts['show']);
$rate = (float)($opts['rate'] ?? 0);
$keepOpen = !empty($opts['keep_open']);
(new LoopServer($opts, [
    'accept' => function (ServerConn $c, LoopServer $srv) use ($delay, $greeting, $gdelay) {
        $c->state['start'] = microtime(true) + $delay;
        if ($delay > 0) {
            $c->reading = false;
            $srv->after($delay, function () use ($c) { $c->reading = true; });
        }
        if ($greeting !== '') {
            $gdelay > 0 ? $srv->after($gdelay, fn () => $c->write($greeting)) : $c->write($greeting);
        }
    },
    'data' => function (ServerConn $c, string $d, LoopServer $srv) use ($show, $rate) {
        if ($show) {
            $c->inbuf .= $d;
        }
        if ($rate > 0) {
            $ahead = $c->received / $rate - (microtime(true) - $c->state['start']);
            if ($ahead > 0) {
                $c->reading = false;
                $srv->after($ahead, function () use ($c) { $c->reading = true; });
            }
        }
    },
    'eof' => function (ServerConn $c) use ($show, $keepOpen) {
        $line = "conn{$c->id} {$c->received} " . hash_final($c->hash);
        if ($show) {
            $line .= ' ' . json_encode($c->inbuf);
        }
        server_say($line);
        return !$keepOpen;
    },
]))->run();
