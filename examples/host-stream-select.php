<?php
// A plain stream_select() loop: watch Loop::stream(), call Loop::tick(0) when it is readable.
// The stream turns readable for I/O, due timers and DNS answers alike, so the loop sleeps in
// stream_select() the rest of the time (no polling interval needed).
// Run: php -d extension=target/release/libbeyod_streamclient.so examples/host-stream-select.php
require __DIR__ . '/demo-support.php';

use beyod\ext\Loop;

[$port, $stopServer] = Example\start_echo_server();
$running = true;
Example\ping_client($port, function () use (&$running) { $running = false; });

$reactor = Loop::stream();
while ($running) {
    $r = [$reactor];
    $w = $e = null;
    if (stream_select($r, $w, $e, 10) > 0) {
        Loop::tick(0);
    }
}
$stopServer();
echo "done\n";
