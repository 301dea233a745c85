<?php
namespace beyod\protocol\redis;

use yii\base\BaseObject;

/** Stand-in for beyod's redis Request: a command and its arguments, RESP-encoded by __toString(). */
class Request extends BaseObject
{
    protected $command;
    protected $params = [];

    public function __construct($command, $params = [])
    {
        $this->command = $command;
        $this->params = $params;
    }

    public function __toString()
    {
        $args = array_merge(explode(' ', strtoupper($this->command)), $this->params);
        $out = '*' . count($args) . "\r\n";
        foreach ($args as $arg) {
            $out .= '$' . strlen((string)$arg) . "\r\n" . $arg . "\r\n";
        }
        return $out;
    }
}
