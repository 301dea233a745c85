<?php
// Amp (v2): one line joins the reactor to Amp's loop.
//   Amp\Loop::onReadable(Loop::stream(), fn () => Loop::tick(0));
// Needs amphp/amp 2 (Debian: php-amphp-amp, or composer).
// Run: php -d extension=target/release/libbeyod_streamclient.so examples/host-amp.php
require '/usr/share/php/Amp/autoload.php';
require_once '/usr/share/php/Amp/functions.php';            // composer loads these "files" itself
require_once '/usr/share/php/Amp/Internal/functions.php';
require __DIR__ . '/demo-support.php';

use beyod\ext\Loop;

[$port, $stopServer] = Example\start_echo_server();
Amp\Loop::run(function () use ($port) {
    $watcher = Amp\Loop::onReadable(Loop::stream(), fn () => Loop::tick(0));
    $ticker = Amp\Loop::repeat(250, fn () => print("(an Amp timer ticks too)\n"));
    Example\ping_client($port, function () use ($watcher, $ticker) {
        Amp\Loop::cancel($watcher);              // nothing left: Amp's run() returns
        Amp\Loop::cancel($ticker);
    });
});
$stopServer();
echo "done\n";
