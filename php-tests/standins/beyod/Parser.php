<?php
namespace beyod;

/**
 * Stand-in for beyod\Parser (a yii\base\Behavior in beyod): the whole buffer is one packet,
 * up to max_packet_size.
 */
class Parser extends \yii\base\Behavior
{
    public $max_packet_size = 8388608;

    /**
     * How many times a stand-in parser's input() ran (not in beyod): a test checks who framed,
     * PHP or the extension.
     */
    public static $inputCalls = 0;

    public function input($buffer, $connection)
    {
        self::$inputCalls++;
        $len = strlen($buffer);
        if ($this->max_packet_size > 0 && $len >= $this->max_packet_size) {
            throw new \Exception("$connection packet larger than max_packet_size", Server::ERROR_LARGE_PACKET);
        }
        return $len;
    }

    public function decode($buffer, $connection)
    {
        return $buffer;
    }

    public function encode($buffer, $connection)
    {
        return $buffer;
    }
}
