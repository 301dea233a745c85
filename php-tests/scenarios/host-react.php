<?php
/**
 * Host: ReactPHP's event loop (react/event-loop 1.x from Debian's icingaweb2-module-reactbundle):
 * $loop->addReadStream(Loop::stream(), fn () => Loop::tick(0)).
 */
use beyod\ext\Loop;

require_once __DIR__ . '/../inc/third-party.php';
hide_third_party_deprecations();   // the library's own deprecation notices on a newer PHP
require '/usr/share/icingaweb2/modules/reactbundle/vendor/autoload.php';
require __DIR__ . '/host-workload.php';

$loop = React\EventLoop\Factory::create();
$cleanup = host_workload(fn () => $loop->stop());
$loop->addReadStream(Loop::stream(), fn () => Loop::tick(0));
$guard = $loop->addTimer(8, function () use ($loop) {
    echo "TIMEOUT\n";
    $loop->stop();
});
$loop->run();
$loop->cancelTimer($guard);
$cleanup();
