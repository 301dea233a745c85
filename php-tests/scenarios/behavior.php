<?php
/**
 * Scenario: behaviors, as yii\base\Component has them — declared by a subclass's behaviors(),
 * given as 'as name' in the config, attached with attachBehavior(); their events() handlers
 * receive the client's events; their methods and properties are reached through the client;
 * detaching removes all of that. With Yii the behavior is a yii\base\Behavior built by
 * Yii::createObject(); without, a plain object attached natively.
 */
use beyod\StreamClient;

trait CountsMessages
{
    public $prefix = '-';
    public $messages = [];
    private $label = 'unnamed';

    public function events()
    {
        return [StreamClient::ON_MESSAGE => 'onMessage'];
    }

    public function onMessage($e)
    {
        $this->messages[] = $this->prefix . $e->message;
    }

    public function describe($suffix = '')
    {
        return "{$this->label}/{$this->prefix}$suffix";
    }

    public function getLabel()
    {
        return $this->label;
    }

    public function setLabel($v)
    {
        $this->label = $v;
    }
}

if (with_yii()) {
    class Counter extends yii\base\Behavior
    {
        use CountsMessages;
    }
} else {
    // no yii\base\Behavior: any object; attach()/detach()/canGetProperty() are done natively
    class Counter
    {
        use CountsMessages;
        public $owner;
    }
}

class BehavedClient extends StreamClient
{
    public function behaviors()
    {
        return ['declared' => ['class' => 'Counter', 'prefix' => 'D:']];
    }
}

[$srv, $port] = start_server('line-echo.php');
$c = make_object([
    'class' => 'BehavedClient',
    'target' => tcp_target($port),
    'parser' => 'LineParser',
    'as configured' => ['class' => 'Counter', 'prefix' => 'C:'],
]);
$attached = $c->attachBehavior('attached', new Counter());
echo "behaviors: ", implode(', ', array_keys($c->getBehaviors())), "\n";
echo "owner set: ", json_encode($attached->owner === $c), "\n";

$c->on(StreamClient::ON_CONNECT, fn ($e) => $e->sender->send('one') && $e->sender->send('two'));
$c->connect();
wait_until(fn () => count($c->getBehavior('attached')->messages) >= 2, 3, 'two messages');
foreach ($c->getBehaviors() as $name => $b) {
    echo "$name saw: ", implode(' ', $b->messages), "\n";
}

// properties and methods of the first behavior that has them
$c->label = 'first';
echo "label: ", $c->label, ", isset(prefix): ", json_encode(isset($c->prefix)), "\n";
echo "describe(): ", $c->describe('!'), "\n";
echo "hasMethod('describe'): ", json_encode($c->hasMethod('describe')), ", without behaviors: ",
    json_encode($c->hasMethod('describe', false)), "\n";
echo "canGetProperty('messages'): ", json_encode($c->canGetProperty('messages')), ", canSetProperty('nope'): ",
    json_encode($c->canSetProperty('nope')), "\n";

// detaching: the next behavior answers; its handlers are gone
$gone = $c->detachBehavior('declared');
echo "detached declared: ", get_class($gone), ", owner now ", json_encode($gone->owner), "\n";
echo "describe(): ", $c->describe(), "\n";
$c->send('three');
wait_until(fn () => count($c->getBehavior('attached')->messages) >= 3, 3, 'third message');
echo "declared saw: ", count($gone->messages), ", configured saw: ", count($c->getBehavior('configured')->messages), "\n";

$c->detachBehaviors();
echo "behaviors left: ", count($c->getBehaviors()), "\n";
try {
    $c->describe();
} catch (Throwable $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
try {
    echo $c->label;
} catch (Throwable $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}

// a closure returning the behavior is accepted in a config, as Yii does
$c2 = make_object(['class' => StreamClient::class, 'as lazy' => function () {
    $b = new Counter();
    $b->prefix = 'L:';
    return $b;
}]);
echo "lazy prefix: ", $c2->prefix, "\n";
$c->close();
stop_server($srv);
