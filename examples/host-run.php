<?php
// The extension's own loop: Loop::run() blocks until nothing is left (or Loop::stop()).
// Run: php -d extension=target/release/libbeyod_streamclient.so examples/host-run.php
require __DIR__ . '/demo-support.php';

use beyod\ext\Loop;

[$port, $stopServer] = Example\start_echo_server();
Example\ping_client($port, fn () => Loop::stop());
Loop::run();
$stopServer();
echo "done\n";
