--TEST--
The reused MessageEvent stays correct whatever a handler does to it: handled=true stops the rest for that message only, unset()/reference-bound properties, a changed sender/name/data, and an event kept by a handler (then a new one is used) — every message arrives with its own text, sender, name and data
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

[$srv, $port] = start_server('line-echo.php');
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$log = [];
$kept = [];
$holder = [];
$c->on('onMessage', function ($e) use (&$log, &$kept, &$holder, $c) {
    $ok = $e->sender === $c && $e->name === 'onMessage' && $e->data === 'D1' && $e->handled === false;
    $log[] = "h1:{$e->message}" . ($ok ? '' : ' (bad event: ' . json_encode([$e->name, $e->data, $e->handled, $e->sender === $c]) . ')');
    switch ($e->message) {
        case 'stop':
            $e->handled = true;
            break;
        case 'unset':
            unset($e->message, $e->data, $e->name);
            break;
        case 'ref':
            $holder['r'] = &$e->message;  // the slot now holds a reference
            break;
        case 'tamper':
            $e->sender = null;
            $e->name = 'other';
            $e->data = 'changed';
            break;
        case 'keep':
            $kept[] = $e;
            break;
    }
}, 'D1');
$c->on('onMessage', function ($e) use (&$log) {
    $log[] = 'h2:' . ($e->message ?? '') . ':' . json_encode($e->data);
}, 'D2');
$c->connect();
foreach (['a', 'stop', 'b', 'unset', 'c', 'ref', 'd', 'tamper', 'e', 'keep', 'f', 'g'] as $m) {
    $c->send($m);
}
wait_until(function () use (&$log) { return in_array('h2:g:"D2"', $log, true); }, 3, 'all messages');
echo implode("\n", $log), "\n";
echo 'kept event still holds its message: ', json_encode($kept[0]->message ?? null), "\n";
// the reference follows that event object's message: "keep" is the last one it carried
echo 'reference bound earlier: ', json_encode($holder['r']), "\n";
$c->close();
stop_server($srv);
?>
--EXPECT--
h1:a
h2:a:"D2"
h1:stop
h1:b
h2:b:"D2"
h1:unset
h2::"D2"
h1:c
h2:c:"D2"
h1:ref
h2:ref:"D2"
h1:d
h2:d:"D2"
h1:tamper
h2:tamper:"D2"
h1:e
h2:e:"D2"
h1:keep
h2:keep:"D2"
h1:f
h2:f:"D2"
h1:g
h2:g:"D2"
kept event still holds its message: "keep"
reference bound earlier: "keep"
