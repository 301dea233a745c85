<?php
namespace beyod\protocol\redis;

/** Stand-in for beyod's redis Parser: input() finds the end of one RESP reply, decode() makes a Response. */
class Parser extends \beyod\Parser
{
    public function input($buffer, $connection)
    {
        \beyod\Parser::$inputCalls++;
        $end = static::replyEnd($buffer, 0);
        return $end === null ? 0 : $end;
    }

    private static function replyEnd($b, $pos)
    {
        $eol = strpos($b, "\r\n", $pos);
        if ($eol === false) {
            return null;
        }
        $head = substr($b, $pos + 1, $eol - $pos - 1);
        switch ($b[$pos]) {
            case '$':
                if ((int)$head < 0) {
                    return $eol + 2;
                }
                $end = $eol + 2 + (int)$head + 2;
                return strlen($b) >= $end ? $end : null;
            case '*':
                $at = $eol + 2;
                for ($i = 0; $i < (int)$head; $i++) {
                    $at = static::replyEnd($b, $at);
                    if ($at === null) {
                        return null;
                    }
                }
                return $at;
            case '+': case '-': case ':':
                return $eol + 2;
        }
        throw new \Exception('bad RESP reply type ' . json_encode($b[$pos]), 30);
    }

    public function decode($buffer, $connection)
    {
        return new Response($buffer);
    }
}
