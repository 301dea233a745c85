--TEST--
Hostile PHP: a PHP parser whose input() closes the client (buffer emptied), reconnects it, replaces $parser, sends or throws, at the first window or after it grew: no panic, no wedge, each case as the original's loop gives it (was: range end index out of range, then a wedged loop)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;
use beyod\ext\Loop;

/** Lines, with an action done inside input() at its $at-th call. */
class Meddler
{
    public int $calls = 0;
    public function __construct(public string $action, public int $at) {}
    public function input($buffer, $conn)
    {
        $this->calls++;
        if ($this->calls === $this->at) {
            switch ($this->action) {
                case 'close': $conn->close(); return 0;          // "need more" on an emptied buffer
                case 'close-len': $conn->close(); return 5;      // a length the buffer no longer has
                case 'reconnect': $conn->connect(true); return 0;
                case 'replace': $conn->parser = new Plain(); return 0;
                case 'null': $conn->parser = null; return 0;
                case 'send': $conn->send("inside input\n", true); break;
                case 'throw': throw new Exception('input refused', 7);
            }
        }
        $p = strpos($buffer, "\n");
        return $p === false ? 0 : $p + 1;
    }
    public function decode($packet, $conn) { return 'M:' . rtrim($packet); }
    public function encode($m, $conn) { return $m . "\n"; }
}
/** The parser input() puts in place: whole buffer, decoded as P:. */
class Plain
{
    public function input($buffer, $conn) { $p = strpos($buffer, "\n"); return $p === false ? 0 : $p + 1; }
    public function decode($packet, $conn) { return 'P:' . rtrim($packet); }
    public function encode($m, $conn) { return $m . "\n"; }
}

[$srv, $port] = start_server('line-echo.php');
$big = str_repeat('x', 10000);          // larger than the first window: input() sees it grow
foreach (['close', 'close-len', 'reconnect', 'replace', 'null', 'send', 'throw'] as $action) {
    foreach ([1, 2] as $at) {
        $log = [];
        $parser = new Meddler($action, $at);
        $c = new StreamClient(['target' => tcp_target($port), 'parser' => $parser]);
        $c->on('onMessage', function ($e) use (&$log) { $log[] = substr(is_string($e->message) ? $e->message : gettype($e->message), 0, 14); });
        $c->on('onBadPacket', function ($e) use (&$log) { $log[] = "bad {$e->code} {$e->errstr}"; });
        $c->on('onClose', function ($e) use (&$log) { $log[] = "close by {$e->by}"; });
        $c->connect();
        wait_until(fn () => $c->isEstablished, 3, 'connect');
        $c->send("$big\nshort\n", true);
        // what each case ends with (then a little longer: nothing more may come)
        $want = ['send' => 3, 'replace' => 0, 'null' => 0][$action] ?? 1;
        wait_until(function () use (&$log, $want) { return count($log) >= $want; }, 5, "$action@$at");
        run_loop_for(0.2);
        echo rtrim(str_pad("$action@$at:", 13) . implode(' | ', $log)), "\n";
        $c->close();
    }
}
// the loop is not wedged: a plain client still works
$ok = false;
$c = new StreamClient(['target' => tcp_target($port), 'parser' => 'LineParser']);
$c->on('onMessage', function ($e) use (&$ok) { $ok = $e->message === 'after'; });
$c->connect();
wait_until(fn () => $c->isEstablished, 3, 'connect');
$c->send('after');
wait_until(function () use (&$ok) { return $ok; }, 3, "echo");
var_dump($ok);
$c->close();
stop_server($srv);
echo "done\n";
?>
--EXPECTF--
close@1:     close by 0
close@2:     close by 0
close-len@1: close by 0
close-len@2: close by 0
reconnect@1: close by 0
reconnect@2: close by 0
replace@1:
replace@2:%S
null@1:
null@2:%S
send@1:      M:xxxxxxxxxxxx | M:short | M:inside input
send@2:      M:xxxxxxxxxxxx | M:short | M:inside input
throw@1:     bad 7 input refused
throw@2:     bad 7 input refused
bool(true)
done
