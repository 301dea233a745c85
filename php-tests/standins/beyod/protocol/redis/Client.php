<?php
namespace beyod\protocol\redis;

use beyod\StreamClient;
use yii\helpers\Inflector;

/**
 * Stand-in for beyod's redis Client: a StreamClient subclass whose __call() turns
 * $client->set('a', 1) into a Request (known commands only) and otherwise falls back to
 * parent::__call() — the native class's __call (behaviors, then UnknownMethodException).
 */
class Client extends StreamClient
{
    public $redisCommands = ['GET', 'SET', 'DEL', 'INCR', 'INCRBY', 'PING', 'ECHO', 'LPUSH', 'LRANGE', 'CLIENT LIST', 'QUIT'];
    public $parser = 'beyod\protocol\redis\Parser';

    public function __call($name, $params = [])
    {
        $redisCommand = strtoupper(Inflector::camel2words($name, false));
        if (in_array($redisCommand, $this->redisCommands)) {
            return $this->send(new Request($redisCommand, $params));
        }
        return parent::__call($name, $params);
    }
}
