<?php
// Stand-ins (written for these tests, not beyod's code) with the names and behaviour of
// beyod's text and redis parsers, and of its redis Response: enough to prove that the
// extension's transparent acceleration gives the same messages as the PHP parsers.
namespace beyod {
    class Parser
    {
        /** How many times any input() ran (the tests check who framed: PHP or the extension). */
        public static $inputCalls = 0;
        public $max_packet_size = 8388608;
        public function input($buffer, $connection)
        {
            static::$inputCalls++;
            if ($this->max_packet_size > 0 && strlen($buffer) >= $this->max_packet_size) {
                throw new \Exception('packet larger than max_packet_size', 100);
            }
            return strlen($buffer);
        }
        public function decode($buffer, $connection) { return $buffer; }
        public function encode($buffer, $connection) { return $buffer; }
    }
}
namespace beyod\protocol\text {
    /** Lines ended by $delimiter; a message is the trimmed line (as beyod's text parser). */
    class Parser extends \beyod\Parser
    {
        public $delimiter = "\r\n";
        public function input($buffer, $connection)
        {
            parent::input($buffer, $connection);
            $pos = strpos($buffer, $this->delimiter);
            return $pos === false ? 0 : $pos + 1;
        }
        public function decode($buffer, $connection) { return trim($buffer); }
        public function encode($buffer, $connection) { return $buffer . $this->delimiter; }
    }
}
namespace beyod\protocol\redis {
    /** A reply object built from the raw reply bytes (the shape of beyod's Response). */
    class Response
    {
        public $raw;
        public $type;
        public $value;
        public function __construct($raw)
        {
            $this->raw = $raw;
            $this->type = $raw[0];
            $this->value = substr($raw, 1, strpos($raw, "\r\n") - 1);
        }
    }
    /** Frames one reply (recursively for arrays); decode() gives a Response. */
    class Parser extends \beyod\Parser
    {
        public function input($buffer, $connection)
        {
            \beyod\Parser::$inputCalls++;
            $pos = strpos($buffer, "\r\n");
            if ($pos === false) return 0;
            $head = substr($buffer, 1, $pos - 1);
            switch ($buffer[0]) {
                case '+': case '-': case ':':
                    return $pos + 2;
                case '$':
                    if ((int)$head < 0) return $pos + 2;
                    $need = $pos + 2 + (int)$head + 2;
                    return strlen($buffer) >= $need ? $need : 0;
                case '*':
                    $at = $pos + 2;
                    for ($i = 0; $i < (int)$head; $i++) {
                        $n = $this->input(substr($buffer, $at), $connection);
                        if ($n <= 0) return 0;
                        $at += $n;
                    }
                    return $at;
            }
            throw new \Exception('bad reply type', 30);
        }
        public function decode($buffer, $connection) { return new Response($buffer); }
    }
}
