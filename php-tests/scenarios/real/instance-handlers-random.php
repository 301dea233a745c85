<?php
/**
 * Instance handlers, yii\base\Component's on()/off()/trigger()/hasEventHandlers(), driven by a
 * seeded random sequence of calls, written only against Yii's API so the same script runs with
 * the extension and with the original: exact names and wildcard patterns (several matching one
 * name: their order is the order patterns were first used), append and prepend, $data, off() of
 * one handler or of a whole name (a pattern removed and added again goes last), a handler that
 * sets handled. Prints what each call returned and which handlers each trigger ran, in order.
 */
use beyod\StreamClient;

require_once __DIR__ . '/../../inc/helpers.php';
require_once __DIR__ . '/../../inc/real-code.php';
if (!class_exists('Yii', false)) {
    load_real_code();
}

$log = [];
$handlers = [];
for ($h = 0; $h < 5; $h++) {
    $handlers[$h] = function ($e) use ($h, &$log) {
        $log[] = "h$h:" . json_encode($e->data);
        if ($h === 4) {
            $e->handled = true;
        }
    };
}
$names = ['onA', 'onB', 'onAB', '123', 'on*', 'onA*', '*B', 'o?A', 'on[AB]'];
$fired = ['onA', 'onB', 'onAB', '123', 'x'];
mt_srand(20261207);
$c = new StreamClient();
$out = [];
$calls = 0;
for ($i = 0; $i < 600; $i++) {
    $name = $names[mt_rand(0, count($names) - 1)];
    $h = $handlers[mt_rand(0, 4)];
    switch (mt_rand(0, 9)) {
        case 0: case 1: case 2: case 3:
            $append = mt_rand(0, 2) > 0;
            $c->on($name, $h, mt_rand(0, 1) ? "d$i" : null, $append);
            $out[] = "on $name" . ($append ? '' : ' prepend');
            break;
        case 4:
            $out[] = "off $name one: " . json_encode($c->off($name, $h));
            break;
        case 5:
            if (mt_rand(0, 3) === 0) {
                $out[] = "off $name all: " . json_encode($c->off($name));
            }
            break;
        case 6:
            $out[] = "has $name: " . json_encode($c->hasEventHandlers($name));
            break;
        default:
            $log = [];
            $f = $fired[mt_rand(0, count($fired) - 1)];
            $c->trigger($f);
            $calls += count($log);
            $out[] = "trigger $f: " . implode(' ', $log);
    }
}
$triggers = count(array_filter($out, fn ($l) => str_starts_with($l, 'trigger')));
echo count($out), " calls, $triggers triggers running $calls handlers; transcript md5 ", md5(implode("\n", $out)), "\n";
if (getenv('SHOW_TRANSCRIPT')) {
    echo implode("\n", $out), "\n";
}
