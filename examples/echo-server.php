<?php
// A tiny line-echo server for the demo: prints its port, then echoes every line back.
// Exits when stdin closes (the demo that started it ended).
$srv = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr) or die("$errstr\n");
echo parse_url('tcp://' . stream_socket_get_name($srv, false), PHP_URL_PORT), "\n";
$clients = [];
$bufs = [];
while (true) {
    $r = array_merge([$srv, STDIN], $clients);
    $w = $e = null;
    if (@stream_select($r, $w, $e, 1) === false) break;
    foreach ($r as $s) {
        if ($s === STDIN) { if (feof(STDIN) || fread(STDIN, 8192) === '') exit(0); continue; }
        if ($s === $srv) { $c = stream_socket_accept($srv); $clients[(int)$c] = $c; $bufs[(int)$c] = ''; continue; }
        $data = fread($s, 65536);
        if ($data === '' || $data === false) { fclose($s); unset($clients[(int)$s], $bufs[(int)$s]); continue; }
        $bufs[(int)$s] .= $data;
        while (($p = strpos($bufs[(int)$s], "\n")) !== false) {
            fwrite($s, 'echo: ' . substr($bufs[(int)$s], 0, $p + 1));
            $bufs[(int)$s] = substr($bufs[(int)$s], $p + 1);
        }
    }
}
