<?php
// ReactPHP: one line joins the reactor to React's loop.
//   $loop->addReadStream(Loop::stream(), fn () => Loop::tick(0));
// Needs react/event-loop (Debian: icingaweb2-module-reactbundle, or composer).
// Run: php -d extension=target/release/libbeyod_streamclient.so examples/host-reactphp.php
require '/usr/share/icingaweb2/modules/reactbundle/vendor/autoload.php';
require __DIR__ . '/demo-support.php';

use beyod\ext\Loop;

$loop = React\EventLoop\Factory::create();
$loop->addReadStream(Loop::stream(), fn () => Loop::tick(0));

[$port, $stopServer] = Example\start_echo_server();
Example\ping_client($port, fn () => $loop->stop());
$loop->addPeriodicTimer(0.25, fn () => print("(a ReactPHP timer ticks too)\n"));
$loop->run();
$stopServer();
echo "done\n";
