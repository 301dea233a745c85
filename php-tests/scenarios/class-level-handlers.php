<?php
/**
 * Scenario: class-level handlers. With Yii, yii\base\Event::on(StreamClient::class, …) and
 * on a subclass receive the client's events (IOEvent, MessageEvent, CloseEvent, ErrorEvent
 * kinds) after the instance's handlers, and a handler setting $event->handled stops them.
 * This needs the events to be yii\base\Event objects: beyod's classes with beyod, the
 * extension's own (extending yii\base\Event) with Yii only. Without Yii there is no such
 * thing: only the instance handlers run.
 */
use beyod\StreamClient;

class SubClient extends StreamClient
{
}

if (with_yii()) {
    $show = fn ($where) => function ($e) use ($where) {
        echo "  class-level $where: {$e->name} ", event_kind($e), " sender ", get_class($e->sender), "\n";
    };
    yii\base\Event::on(StreamClient::class, StreamClient::ON_CONNECT, $show('StreamClient'));
    yii\base\Event::on(StreamClient::class, StreamClient::ON_CONNECT_FAILED, $show('StreamClient'));
    yii\base\Event::on(SubClient::class, StreamClient::ON_MESSAGE, $show('SubClient'));
    yii\base\Event::on(SubClient::class, StreamClient::ON_CLOSE, $show('SubClient'));
    yii\base\Event::on(SubClient::class, 'custom', $show('SubClient'));
}

[$srv, $port] = start_server('close-after.php', 1, 'lines');
foreach ([StreamClient::class, SubClient::class] as $class) {
    echo "$class:\n";
    $c = new $class(['target' => tcp_target($port), 'parser' => 'LineParser']);
    $c->on('on*', function ($e) {
        if ($e->name !== 'onBeforeConnect') {
            echo "  instance: {$e->name} ", event_kind($e), "\n";
        }
    });
    $done = false;
    $c->on('onClose', function () use (&$done) { $done = true; });
    $c->connect();
    wait_until(function () use (&$done) { return $done; }, 3, 'close');
}

echo "a handler setting handled stops the class-level ones:\n";
$c = new SubClient();
$c->on('custom', function ($e) { echo "  instance: custom, handled\n"; $e->handled = true; });
$c->trigger('custom');
$c->off('custom');
echo "without instance handlers, class-level ones still run:\n";
$c->trigger('custom');
echo "hasEventHandlers('custom'): ", json_encode($c->hasEventHandlers('custom')), "\n";

echo "a failed connect:\n";
$c = new StreamClient(['target' => tcp_target(refused_port())]);
$failed = false;
$c->on('onConnectFailed', function ($e) use (&$failed) { echo "  instance: onConnectFailed code {$e->code}\n"; $failed = true; });
$c->connect();
wait_until(function () use (&$failed) { return $failed; }, 3, 'failure');
stop_server($srv);
