<?php
// Redis demo: starts its own redis-server (Debian's, on a unix socket in a temp dir), then
// talks to it through a subclass of the native beyod\StreamClient, the way beyod's
// redis Client does: $redis->set('a', 1) becomes a command through __call.
// Run: php -d extension=target/release/libbeyod_streamclient.so examples/redis-demo.php

require __DIR__ . '/RespParser.php';

use beyod\StreamClient;
use beyod\ext\Loop;

class RedisClient extends StreamClient
{
    public $parser = Example\Redis\RespParser::class;
    public $reconnect_interval = 1;
    /** @var callable[] one callback per command in flight, in order */
    private $waiting = [];

    public function init()
    {
        parent::init();
        $this->on(self::ON_MESSAGE, function ($e) {
            $cb = array_shift($this->waiting);
            $cb && $cb($e->message);
        });
    }

    public function __call($name, $params)
    {
        if (in_array(strtoupper($name), ['GET', 'SET', 'INCR', 'DEL', 'PING', 'LPUSH', 'LRANGE'], true)) {
            $cb = is_callable(end($params)) ? array_pop($params) : null;
            $this->waiting[] = $cb;
            return $this->send(array_merge([strtoupper($name)], $params));
        }
        return parent::__call($name, $params);
    }
}

$dir = sys_get_temp_dir() . '/beyod-redis-demo-' . getmypid();
@mkdir($dir);
$sock = "$dir/redis.sock";
$server = proc_open(['redis-server', '--port', '0', '--unixsocket', $sock, '--save', '', '--appendonly', 'no',
    '--dir', $dir], [['pipe', 'r'], ['file', '/dev/null', 'w'], ['file', '/dev/null', 'w']], $pipes);
for ($i = 0; $i < 100 && !file_exists($sock); $i++) usleep(20000);

$redis = new RedisClient(['target' => "unix://$sock"]);
$redis->del('counter');
$redis->set('greeting', 'hello from the native client', fn ($r) => print("SET  -> $r\n"));
$redis->get('greeting', fn ($r) => print("GET  -> $r\n"));
for ($i = 0; $i < 1000; $i++) $redis->incr('counter');
$redis->get('counter', function ($r) use ($redis) {
    print("1000 x INCR pipelined -> counter = $r\n");
    $redis->close();
});
$redis->connect();

$guard = Loop::after(5, fn () => Loop::stop());
$redis->on(StreamClient::ON_CLOSE, fn () => Loop::cancel($guard));
Loop::run();

proc_terminate($server);
proc_close($server);
@unlink($sock);
@rmdir($dir);
echo "redis demo done\n";
