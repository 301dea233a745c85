--TEST--
A real Redis server through a PHP RESP parser (the beyod redis client's way): pipelined commands, replies decoded in order, including nil, integers, arrays and errors
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!trim((string)shell_exec('command -v redis-server'))) die('skip redis-server not installed'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;

class RespParser
{
    /** Length of the first complete reply in $buf, 0 when incomplete. */
    public function input($buf, $conn)
    {
        $pos = 0;
        return $this->scan($buf, $pos) ? $pos : 0;
    }

    private function scan($buf, &$pos)
    {
        $eol = strpos($buf, "\r\n", $pos);
        if ($eol === false) {
            return false;
        }
        $type = $buf[$pos];
        $line = substr($buf, $pos + 1, $eol - $pos - 1);
        $pos = $eol + 2;
        if ($type === '$' && (int)$line >= 0) {
            if (strlen($buf) < $pos + (int)$line + 2) {
                return false;
            }
            $pos += (int)$line + 2;
        } elseif ($type === '*') {
            for ($i = 0; $i < (int)$line; $i++) {
                if (!$this->scan($buf, $pos)) {
                    return false;
                }
            }
        } elseif (!in_array($type, ['+', '-', ':', '$'], true)) {
            throw new UnexpectedValueException("bad RESP type byte " . json_encode($type), 30);
        }
        return true;
    }

    public function decode($buf, $conn)
    {
        $pos = 0;
        return $this->value($buf, $pos);
    }

    private function value($buf, &$pos)
    {
        $eol = strpos($buf, "\r\n", $pos);
        $type = $buf[$pos];
        $line = substr($buf, $pos + 1, $eol - $pos - 1);
        $pos = $eol + 2;
        switch ($type) {
            case '+': return $line;
            case '-': return ['error' => $line];
            case ':': return (int)$line;
            case '$':
                if ((int)$line < 0) {
                    return null;
                }
                $v = substr($buf, $pos, (int)$line);
                $pos += (int)$line + 2;
                return $v;
            case '*':
                $out = [];
                for ($i = 0; $i < (int)$line; $i++) {
                    $out[] = $this->value($buf, $pos);
                }
                return $out;
        }
    }

    public function encode($args, $conn)
    {
        $s = '*' . count($args) . "\r\n";
        foreach ($args as $a) {
            $s .= '$' . strlen((string)$a) . "\r\n$a\r\n";
        }
        return $s;
    }
}

$sock = unix_path('redis');
$redis = proc_open(['redis-server', '--port', '0', '--unixsocket', $sock, '--save', '', '--appendonly', 'no'],
    [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$end = microtime(true) + 5;
while (!file_exists($sock) && microtime(true) < $end) {
    usleep(20000);
}

$c = new StreamClient(['target' => "unix://$sock", 'parser' => 'RespParser']);
$replies = new ArrayObject();
$c->on('onMessage', function ($e) use ($replies) { $replies[] = $e->message; });
$c->on('onConnect', function ($e) {
    foreach ([['SET', 'k', 'v a l'], ['GET', 'k'], ['INCR', 'n'], ['INCR', 'n'], ['RPUSH', 'l', 'a', 'b', 'c'],
              ['LRANGE', 'l', '0', '-1'], ['GET', 'missing'], ['NOSUCHCOMMAND'], ['SET', 'big', str_repeat('z', 200000)],
              ['STRLEN', 'big'], ['GET', 'big']] as $cmd) {
        $e->sender->send($cmd);
    }
});
$c->connect();
wait_until(fn () => count($replies) >= 11, 4, 'eleven replies');
foreach ($replies as $i => $r) {
    echo $i, ': ', $i === 10 ? 'string of ' . strlen($r) . ' bytes' : json_encode($r), "\n";
}
$c->close();
proc_terminate($redis);
proc_close($redis);
@unlink($sock);
?>
--EXPECTF--
0: "OK"
1: "v a l"
2: 1
3: 2
4: 3
5: ["a","b","c"]
6: null
7: {"error":"ERR unknown command %s"}
8: "OK"
9: 200000
10: string of 200000 bytes
