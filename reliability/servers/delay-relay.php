<?php
/**
 * Delay relay: accepts on --listen, connects each client to --to=tcp://host:port, and forwards
 * every chunk in both directions --delay ms (default 200) after it was read, in order.
 * (Stands in for tc netem's delay where the kernel has no sch_netem.)
 * Usage: php delay-relay.php --to=tcp://10.213.0.2:7001 [--delay=200] [--listen=ADDR]
 */
require __DIR__ . '/../../php-tests/servers/lib.php';
[$opts] = server_args($argv);
$delay = (float)($opts['delay'] ?? 200) / 1000;
$srv = stream_socket_server($opts['listen'], $errno, $errstr);
$name = stream_socket_get_name($srv, false);
echo substr($name, strrpos($name, ':') + 1), "\n";
$pairs = [];   // id => [a, b]
$queue = [];   // [due, to-socket, data]
$end = microtime(true) + (float)$opts['lifetime'];
stream_set_blocking(STDIN, false);
while (microtime(true) < $end && !feof(STDIN)) {
    $r = [$srv, STDIN];
    foreach ($pairs as [$a, $b]) { $r[] = $a; $r[] = $b; }
    $w = $e = null;
    $wait = $queue ? max(0, $queue[0][0] - microtime(true)) : 0.05;
    if (@stream_select($r, $w, $e, 0, (int)(min($wait, 0.05) * 1e6)) === false) break;
    foreach ($r as $s) {
        if ($s === STDIN) { fread(STDIN, 100); continue; }
        if ($s === $srv) {
            $a = stream_socket_accept($srv, 0);
            $b = stream_socket_client($opts['to'], $errno, $errstr, 10);
            if ($a && $b) { stream_set_blocking($b, false); stream_set_blocking($a, false); $pairs[(int)$a] = [$a, $b]; }
            continue;
        }
        foreach ($pairs as $id => [$a, $b]) {
            if ($s !== $a && $s !== $b) continue;
            $to = $s === $a ? $b : $a;
            $d = fread($s, 65536);
            if ($d === '' || $d === false) {
                if (feof($s)) { $queue[] = [microtime(true) + $delay, $to, null]; unset($pairs[$id]); }
            } else {
                $queue[] = [microtime(true) + $delay, $to, $d];
            }
        }
    }
    while ($queue && $queue[0][0] <= microtime(true)) {
        [, $to, $d] = array_shift($queue);
        if ($d === null) { @stream_socket_shutdown($to, STREAM_SHUT_WR); continue; }
        stream_set_blocking($to, true);
        @fwrite($to, $d);
        stream_set_blocking($to, false);
    }
}
