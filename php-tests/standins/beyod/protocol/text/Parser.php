<?php
namespace beyod\protocol\text;

/** Stand-in for beyod's text parser: one packet per $delimiter-terminated line. */
class Parser extends \beyod\Parser
{
    public $delimiter = "\r\n";

    public function input($buffer, $connection)
    {
        parent::input($buffer, $connection);
        $pos = strpos($buffer, $this->delimiter);
        return $pos === false ? 0 : $pos + strlen($this->delimiter);
    }

    public function decode($buffer, $connection)
    {
        return trim($buffer);
    }

    public function encode($buffer, $connection)
    {
        return $buffer . $this->delimiter;
    }
}
