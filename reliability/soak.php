<?php
// The soak item: load.php in soak mode (200 connections, reconnecting every 50 round trips) for $argv[1] seconds.
$argv = [$argv[0], '200', '0', $argv[1] ?? '60'];
require __DIR__ . '/load.php';
