<?php
namespace beyod\dispatcher;

use beyod\StreamClient;

/**
 * Stand-in for beyod's dispatcher Client: redeclares $reconnect_interval and $parser,
 * overrides afterConnected() to subscribe its default channels, and wraps send() in
 * command methods.
 */
class Client extends StreamClient
{
    public $reconnect_interval = 3;
    public $default_channel = [];
    public $parser = 'beyod\dispatcher\Parser';

    public function afterConnected()
    {
        if ($this->default_channel) {
            $this->subscribe($this->default_channel);
        }
    }

    public function subscribe($keys)
    {
        return $this->send(['command' => 'subscribe', 'key' => $keys]);
    }

    public function set($key, $value)
    {
        return $this->send(['command' => 'set', 'key' => $key, 'value' => $value]);
    }
}
