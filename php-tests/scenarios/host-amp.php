<?php
/**
 * Host: Amp's event loop (amphp/amp 2.x from Debian's php-amphp-amp):
 * Amp\Loop::onReadable(Loop::stream(), fn () => Loop::tick(0)).
 */
use beyod\ext\Loop;

require_once __DIR__ . '/../inc/third-party.php';
hide_third_party_deprecations();   // the library's own deprecation notices on a newer PHP
require '/usr/share/php/Amp/autoload.php';
require_once '/usr/share/php/Amp/functions.php';
require_once '/usr/share/php/Amp/Internal/functions.php';
require __DIR__ . '/host-workload.php';

$cleanup = null;
Amp\Loop::run(function () use (&$cleanup) {
    $cleanup = host_workload(fn () => Amp\Loop::stop());
    Amp\Loop::onReadable(Loop::stream(), fn () => Loop::tick(0));
    Amp\Loop::unreference(Amp\Loop::delay(8000, function () {
        echo "TIMEOUT\n";
        Amp\Loop::stop();
    }));
});
$cleanup();
