<?php
namespace bench;

/**
 * The user's RESP2 parser in PHP: a copy of examples/RespParser.php, kept here so that the
 * benchmark's figures do not move when the example changes. input() finds where the first
 * complete reply ends, decode() turns it into PHP values, encode() makes a command.
 */
class RespParser
{
    public $max_packet_size = 8388608;

    public function input($buffer, $connection)
    {
        $end = $this->replyEnd($buffer, 0);
        if ($end === null && strlen($buffer) > $this->max_packet_size) {
            throw new \Exception("reply larger than max_packet_size", 100);
        }
        return $end ?? 0;
    }

    public function decode($buffer, $connection)
    {
        $pos = 0;
        return $this->value($buffer, $pos);
    }

    /** @param array|string $command ['SET', 'a', 1] or 'PING' */
    public function encode($command, $connection)
    {
        $args = (array) $command;
        $out = '*' . count($args) . "\r\n";
        foreach ($args as $a) {
            $a = (string) $a;
            $out .= '$' . strlen($a) . "\r\n" . $a . "\r\n";
        }
        return $out;
    }

    /** Offset just past the reply starting at $pos, or null if incomplete. */
    private function replyEnd(string $b, int $pos): ?int
    {
        $eol = strpos($b, "\r\n", $pos);
        if ($eol === false) {
            return null;
        }
        $type = $b[$pos];
        $head = substr($b, $pos + 1, $eol - $pos - 1);
        switch ($type) {
            case '+': case '-': case ':':
                return $eol + 2;
            case '$':
                $n = (int) $head;
                if ($n < 0) return $eol + 2;
                return strlen($b) >= $eol + 2 + $n + 2 ? $eol + 2 + $n + 2 : null;
            case '*':
                $n = (int) $head;
                $at = $eol + 2;
                for ($i = 0; $i < $n; $i++) {
                    $at = $this->replyEnd($b, $at);
                    if ($at === null) return null;
                }
                return $at;
        }
        throw new \Exception("bad RESP type byte " . json_encode($type), 30);
    }

    private function value(string $b, int &$pos)
    {
        $eol = strpos($b, "\r\n", $pos);
        $type = $b[$pos];
        $head = substr($b, $pos + 1, $eol - $pos - 1);
        $pos = $eol + 2;
        switch ($type) {
            case '+': return $head;
            case '-': return new \Exception($head);
            case ':': return (int) $head;
            case '$':
                $n = (int) $head;
                if ($n < 0) return null;
                $v = substr($b, $pos, $n);
                $pos += $n + 2;
                return $v;
            case '*':
                $n = (int) $head;
                if ($n < 0) return null;
                $out = [];
                for ($i = 0; $i < $n; $i++) $out[] = $this->value($b, $pos);
                return $out;
        }
        return null;
    }
}
