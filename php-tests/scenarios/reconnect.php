<?php
/**
 * Scenario: reconnection, configured the way each kind of application does it. A subclass
 * redeclares $reconnect_interval (as beyod's dispatcher Client does) and overrides
 * afterConnected(); the configuration (a shorter interval, the target, handlers) comes from
 * Yii::createObject() — applied after the constructor and init() — or from the constructor
 * without Yii. The first attempt is refused, the next ones reach a server that closes each
 * connection: the client reconnects after the interval each time, keeps the application's
 * handlers, and stops for good after close().
 */
use beyod\StreamClient;

class KeepAliveClient extends StreamClient
{
    public $reconnect_interval = 3;
    public $connects = 0;

    public function afterConnected()
    {
        $this->connects++;
        echo "afterConnected #{$this->connects}\n";
    }
}

[$srv, $port] = start_server('close-after.php', 1, 'lines');
$gaps = [];
$last = null;
$done = false;
$c = make_object([
    'class' => KeepAliveClient::class,
    'target' => tcp_target(refused_port()),
    'parser' => 'LineParser',
    'reconnect_interval' => 0.2,
    'on onConnectFailed' => function ($e) use ($port, &$last) {
        echo "onConnectFailed code {$e->code}\n";
        $last = microtime(true);
        $e->sender->target = tcp_target($port);
    },
    'on onClose' => function ($e) use (&$last) {
        echo "onClose by {$e->getCloser()}\n";
        $last = microtime(true);
    },
]);
$c->on(StreamClient::ON_BEFORE_CONNECT, function () use (&$last, &$gaps) {
    if ($last !== null) {
        $gaps[] = microtime(true) - $last;
    }
});
$c->on(StreamClient::ON_MESSAGE, function ($e) use (&$done) {
    echo "onMessage {$e->message}\n";
    if ($e->message === 'conn2 line1') {
        $e->sender->close();
        $done = true;
    }
});
echo "reconnect_interval at connect(): {$c->reconnect_interval}\n";
$c->connect();
wait_until(function () use (&$done) { return $done; }, 4, 'second connection');
run_loop_for(0.5);   // a (wrong) reconnect after close() would show here
foreach ($gaps as $g) {
    echo "reconnected after the interval: ", ($g >= 0.18 && $g < 0.9) ? 'yes' : sprintf('no (%.3f s)', $g), "\n";
}
echo "closed: ", json_encode($c->isClosed()), ", connects: {$c->connects}\n";
stop_server($srv);
