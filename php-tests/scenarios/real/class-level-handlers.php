<?php
/**
 * Class-level handlers, yii\base\Event::on(), the ways a beyod application registers them, written
 * only against Yii's and beyod's API so the same script runs with the extension and with the
 * original: on beyod\StreamClient, on a subclass, on the parent classes and interfaces the
 * original has (beyod\BaseConnection, yii\base\Component, yii\base\BaseObject,
 * yii\base\Configurable), on a wildcard class name, with $data, a handler setting handled,
 * Event::off() and Event::hasHandlers().
 */
use beyod\StreamClient;
use yii\base\Event;

require_once __DIR__ . '/../../inc/helpers.php';
require_once __DIR__ . '/../../inc/real-code.php';
if (!class_exists('Yii', false)) {
    load_real_code();
}

class SubClient extends StreamClient
{
}

$show = fn ($where) => function ($e) use ($where) {
    echo "  class-level on $where: {$e->name} (", get_class($e), ") sender ", get_class($e->sender),
        $e->data !== null ? ", data " . json_encode($e->data) : '', "\n";
};
foreach (['beyod\StreamClient', 'SubClient', 'beyod\BaseConnection', 'yii\base\Component', 'yii\base\BaseObject',
          'yii\base\Configurable', 'beyod\*', 'Sub*'] as $class) {
    Event::on($class, 'custom', $show($class), $class === 'SubClient' ? ['some' => 'data'] : null);
}

foreach (['beyod\StreamClient', 'SubClient'] as $class) {
    echo $class, "->trigger('custom'):\n";
    $c = new $class();
    $c->on('custom', fn ($e) => print("  instance handler\n"));
    $c->trigger('custom');
    echo "  Event::hasHandlers($class, 'custom'): ", json_encode(Event::hasHandlers($c, 'custom')), "\n";
}

echo "an instance handler setting handled stops them:\n";
$c = new SubClient();
$c->on('custom', function ($e) {
    echo "  instance handler, handled\n";
    $e->handled = true;
});
$c->trigger('custom');

echo "after Event::off('beyod\\StreamClient', 'custom'):\n";
Event::off('beyod\StreamClient', 'custom');
(new SubClient())->trigger('custom');

Event::on('beyod\BaseConnection', 'onlyOnBaseConnection', $show('beyod\BaseConnection'));
echo "hasEventHandlers() of a name with handlers only on beyod\BaseConnection: ",
    json_encode((new StreamClient())->hasEventHandlers('onlyOnBaseConnection')), "\n";

echo "on a real event (a refused connect's onConnectFailed, registered on beyod\\StreamClient):\n";
Event::on('beyod\StreamClient', 'onConnectFailed', $show('beyod\StreamClient'));
$c = new SubClient(['target' => 'tcp://127.0.0.1:' . refused_port()]);
$failed = false;
$c->on('onConnectFailed', function () use (&$failed) { $failed = true; echo "  instance handler\n"; });
$c->connect();
looper_wait_until(function () use (&$failed) { return $failed; }, 3, 'the failure');
