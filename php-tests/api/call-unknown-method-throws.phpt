--TEST--
__call: an unknown method throws BadMethodCallException naming it; a subclass __call (like beyod's redis client) can fall back to parent::__call()
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\StreamClient;

$c = new StreamClient();
try {
    $c->frobnicate(1, 2);
    echo "no exception\n";
} catch (BadMethodCallException $e) {
    echo get_class($e), ", names the method: ", var_export(str_contains($e->getMessage(), 'frobnicate'), true), "\n";
}

class RedisLikeClient extends StreamClient
{
    public function __call($name, $params)
    {
        if (in_array($name, ['set', 'get'], true)) {
            echo "command $name ", json_encode($params), "\n";
            return $this;
        }
        return parent::__call($name, $params);
    }
}

$r = new RedisLikeClient();
var_dump($r->set('a', 1)->get('a') === $r);
try {
    $r->hgetall('x');
    echo "no exception\n";
} catch (BadMethodCallException $e) {
    echo get_class($e), ", names the method: ", var_export(str_contains($e->getMessage(), 'hgetall'), true), "\n";
}
// real methods are not routed through __call
var_dump($r->isClosed());
?>
--EXPECT--
BadMethodCallException, names the method: true
command set ["a",1]
command get ["a"]
bool(true)
BadMethodCallException, names the method: true
bool(true)
