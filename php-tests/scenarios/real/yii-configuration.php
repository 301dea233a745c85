<?php
/**
 * Configuring clients the Yii ways a beyod application does, written only against Yii's and
 * beyod's API (the same script runs with the extension and with the original): container
 * definitions (Yii::$container->set() for the class and for an alias), Yii::createObject() with a
 * config array, application components, Yii::configure() after creation, 'on event' and
 * 'as behavior' keys, and what is observable right after creation (the parser object, the
 * reconnect handlers init() attaches).
 */
use beyod\StreamClient;

require_once __DIR__ . '/../../inc/helpers.php';
require_once __DIR__ . '/../../inc/real-code.php';
if (!class_exists('Yii', false)) {
    load_real_code();
}

class CountingBehavior extends yii\base\Behavior
{
    public $seen = [];

    public function events()
    {
        return [beyod\Server::ON_BEFORE_CONNECT => 'seen'];
    }

    public function seen($e)
    {
        $this->seen[] = $e->name;
    }

    public function greeting()
    {
        return 'hello from ' . get_class($this->owner);
    }
}

function show(string $what, StreamClient $c): void
{
    echo "$what: ", get_class($c), ", target ", json_encode($c->target), ", timeout ", json_encode($c->timeout),
        ", reconnect_interval ", json_encode($c->reconnect_interval),
        ", parser ", is_object($c->parser) ? get_class($c->parser) : json_encode($c->parser),
        ", reConnect attached: ", json_encode($c->hasEventHandlers('onConnectFailed')), "\n";
}

Yii::$container->set(StreamClient::class, ['timeout' => 7, 'read_buffer_size' => 4096]);
$a = Yii::createObject(['class' => StreamClient::class, 'target' => 'tcp://127.0.0.1:1']);
show('container defaults + createObject', $a);
echo "  read_buffer_size ", json_encode($a->read_buffer_size), "\n";

$b = Yii::createObject([
    'class' => StreamClient::class,
    'target' => 'tcp://127.0.0.1:2',
    'parser' => ['class' => 'beyod\protocol\text\Parser', 'delimiter' => "\n", 'max_packet_size' => '2M'],
    'reconnect_interval' => 2,
]);
show('createObject with a parser config and reconnect_interval', $b);
echo "  parser delimiter ", json_encode($b->parser->delimiter ?? null), ", max_packet_size ", json_encode($b->parser->max_packet_size ?? null), "\n";

Yii::$container->set('dispatcherClient', ['class' => 'beyod\dispatcher\Client', 'target' => 'tcp://127.0.0.1:3', 'timeout' => 9]);
$c = Yii::createObject('dispatcherClient');
show('container alias', $c);

Yii::$app->set('redis', ['class' => 'beyod\protocol\redis\Client', 'target' => 'unix:///tmp/no-such-redis.sock']);
show('application component', Yii::$app->redis);
echo "  the same object twice: ", json_encode(Yii::$app->redis === Yii::$app->redis), "\n";

$d = Yii::createObject(StreamClient::class);
Yii::configure($d, [
    'target' => 'tcp://127.0.0.1:4',
    'parser' => 'beyod\protocol\frame\Parser',
    'on onBeforeConnect' => function ($e) {
        echo "  onBeforeConnect handler from 'on onBeforeConnect': ", get_class($e), "\n";
    },
    'as counting' => 'CountingBehavior',
]);
show('Yii::configure() after creation', $d);
echo "  behavior: ", get_class($d->getBehavior('counting')), ", its method through the client: ", $d->greeting(), "\n";
$d->trigger('onBeforeConnect', new beyod\IOEvent());
echo "  the behavior saw: ", json_encode($d->getBehavior('counting')->seen), "\n";
