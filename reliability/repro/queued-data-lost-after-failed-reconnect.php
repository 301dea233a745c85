<?php
// Reproducer: bytes accepted by send() while a reconnect is pending are lost when a reconnect
// attempt fails before the server is back ("wait"); delivered when the first attempt succeeds.
// php -d extension=target/release/libbeyod_streamclient.so reliability/repro/queued-data-lost-after-failed-reconnect.php wait
require __DIR__ . '/../lib.php';
use beyod\StreamClient; use beyod\ext\Loop;
$port = refused_port();
[$srv] = start_server('line-echo.php', "--listen=tcp://127.0.0.1:$port");
$log = [];
$c = new StreamClient(['target' => "tcp://127.0.0.1:$port", 'parser' => LineParser::class, 'reconnect_interval' => 0.2]);
foreach (['onConnect','onConnectFailed','onClose','onMessage','onBeforeConnect','onError'] as $n) $c->on($n, function ($e) use ($n, &$log) { $log[] = round(microtime(true) - $GLOBALS['t0'], 2) . " $n" . ($n === 'onMessage' ? " {$e->message}" : ''); });
$GLOBALS['t0'] = microtime(true);
$c->connect(); $c->send('one');
wait_until(function () use (&$log) { return count(preg_grep('/onMessage/', $log)) > 0; }, 5.0, 'first');
proc_terminate($srv, 9);
if (($argv[1] ?? '') === 'wait') run_loop_for(0.3); else run_loop_for(0.05);
stop_server($srv);
$log[] = 'send: ' . json_encode([$c->send('two'), $c->send('three')]);
if (($argv[1] ?? '') === 'wait') run_loop_for(0.5);
$log[] = 'restart';
[$srv] = start_server('line-echo.php', "--listen=tcp://127.0.0.1:$port");
run_loop_for(2);
print_r($log);
