<?php
namespace beyod\dispatcher;

/** Stand-in for beyod's dispatcher Parser: one JSON document per "\r\n"-terminated line. */
class Parser extends \beyod\protocol\text\Parser
{
    public function decode($buffer, $connection)
    {
        return json_decode(parent::decode($buffer, $connection), true);
    }

    public function encode($message, $connection)
    {
        return parent::encode(json_encode($message), $connection);
    }
}
