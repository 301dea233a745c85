<?php
/**
 * Datagram echo: every datagram is sent back to its sender, prefixed with "echo:", and reported
 * on stdout as "got <json of the datagram>". Also for unix datagrams (--listen=udg:///path); an
 * unbound udg client has no address to answer to, so it only gets the stdout report.
 * Usage: php udp-echo.php [--listen=udp://127.0.0.1:0 | --listen=udg:///path]
 */
require __DIR__ . '/lib.php';
[$opts] = server_args($argv);
$addr = $opts['listen'] === 'tcp://127.0.0.1:0' ? 'udp://127.0.0.1:0' : $opts['listen'];
if (strncmp($addr, 'udg://', 6) === 0) {
    @unlink(substr($addr, 6));
}
$s = stream_socket_server($addr, $errno, $errstr, STREAM_SERVER_BIND);
if (!$s) {
    echo "ERROR $errstr\n";
    exit(1);
}
if (strncmp($addr, 'udg://', 6) === 0) {
    echo substr($addr, 6), "\n";
    fflush(STDOUT);
} else {
    server_announce($s, $addr);
}
stream_set_blocking(STDIN, false);
$deadline = microtime(true) + (float)$opts['lifetime'];
while (microtime(true) < $deadline) {
    $r = [$s, STDIN];
    $w = $e = [];
    if (!@stream_select($r, $w, $e, 0, 200000)) {
        continue;
    }
    if (in_array(STDIN, $r, true)) {
        $d = fread(STDIN, 8192);
        if (($d === '' || $d === false) && feof(STDIN)) {
            break;
        }
    }
    if (in_array($s, $r, true)) {
        $data = stream_socket_recvfrom($s, 65536, 0, $peer);
        if ($data !== false) {
            server_say('got ' . json_encode($data));
            if ($peer) {
                stream_socket_sendto($s, "echo:$data", 0, $peer);
            }
        }
    }
}
if (strncmp($addr, 'udg://', 6) === 0) {
    @unlink(substr($addr, 6));
}
