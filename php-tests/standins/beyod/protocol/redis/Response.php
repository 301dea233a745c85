<?php
namespace beyod\protocol\redis;

use yii\base\BaseObject;

/** Stand-in for beyod's redis Response: one decoded reply ($response->data, $response->error). */
class Response extends BaseObject
{
    public static $data_types = ['+', '-', ':', '$', '*'];

    protected $type;
    protected $data;
    protected $error;

    public function __construct($buffer = '')
    {
        if ($buffer !== '') {
            $pos = 0;
            $this->type = $buffer[0];
            $value = static::value($buffer, $pos);
            if ($this->type === '-') {
                $this->error = $value;
            } else {
                $this->data = $value;
            }
        }
    }

    private static function value($b, &$pos)
    {
        $eol = strpos($b, "\r\n", $pos);
        $type = $b[$pos];
        $head = substr($b, $pos + 1, $eol - $pos - 1);
        $pos = $eol + 2;
        switch ($type) {
            case '$':
                if ((int)$head < 0) {
                    return null;
                }
                $v = substr($b, $pos, (int)$head);
                $pos += (int)$head + 2;
                return $v;
            case ':':
                return (int)$head;
            case '*':
                $out = [];
                for ($i = 0; $i < (int)$head; $i++) {
                    $out[] = static::value($b, $pos);
                }
                return $out;
            default:
                return $head;
        }
    }

    public function getType()
    {
        return $this->type;
    }

    public function getData()
    {
        return $this->data;
    }

    public function getError()
    {
        return $this->error;
    }
}
