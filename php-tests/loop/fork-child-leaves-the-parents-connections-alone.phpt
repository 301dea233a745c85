--TEST--
After pcntl_fork(), the clients a child inherited read as closed and never touch the parent's sockets: the child's close(), end(), send(), pauseRecv(), destructors and exit neither write (no duplicate, no FIN) nor read (no stolen reply); no onClose in either process; a reconnect timer inherited from the parent cancels none of the child's timers; the child's own connections work
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;
use beyod\ext\Loop;

class Watched extends StreamClient
{
    public function __destruct()
    {
        $this->close();
    }
}

// the sink starts reading 1.5 s after each accept and reports each connection at its EOF
[$sink, $sport] = start_server('sink.php', '--delay=1500');
[$echo, $eport] = start_server('line-echo.php');
$events = new ArrayObject();
$log = function ($name) use ($events) {
    return function ($e) use ($events, $name) { $events[] = getmypid() . " $name onClose by {$e->by}"; };
};
$a = new Watched(['target' => tcp_target($sport), 'max_send_buffer_size' => 64 << 20]);
$b = new Watched(['target' => tcp_target($sport)]);
$e = new Watched(['target' => tcp_target($eport), 'parser' => 'LineParser']);
$echoes = new ArrayObject();
$e->on('onMessage', function ($ev) use ($echoes) { $echoes[] = getmypid() . ' ' . $ev->message; });
foreach (['a' => $a, 'b' => $b, 'e' => $e] as $name => $c) {
    $c->on('onClose', $log($name));
    $c->connect();
}
wait_until(fn () => $a->isEstablished && $b->isEstablished && $e->isEstablished, 3, 'connect');
$payload = pattern_bytes(4 << 20);
$a->send($payload);
echo 'queued in the parent at fork(): ', var_export($a->getStats()['send_queue'] > 0, true), "\n";
// a client waiting to reconnect: its timer is the parent's
$r = new StreamClient(['target' => tcp_target(refused_port()), 'reconnect_interval' => 30]);
$r->connect();
wait_until(fn () => $r->getStats()['connect_failures'] === 1, 3, 'connect failure');
$e->send('before the fork');

$pid = pcntl_fork();
if ($pid === 0) {
    $GLOBALS['__test_servers'] = [];   // the parent's, to stop
    $out = [];
    // first, before anything makes the child a runtime of its own
    $b->close();
    $e->close();
    $a->close();
    $a->end();
    $a->pauseRecv();
    $a->resumeRecv();
    $out[] = 'send on inherited clients: ' . json_encode([$a->send('dup'), $b->send('dup'), $r->send('dup')]);
    foreach (['a' => $a, 'b' => $b, 'e' => $e, 'r' => $r] as $name => $c) {
        $out[] = "$name: established=" . json_encode($c->isEstablished) . ' closed=' . json_encode($c->isClosed())
            . ' state=' . $c->getStats()['state'] . ' queue=' . $c->getStats()['send_queue'] . ' id=' . json_encode($c->getId());
    }
    $out[] = 'StreamClient::$connections: ' . count(StreamClient::$connections);
    $fired = 0;
    for ($i = 0; $i < 8; $i++) {
        Loop::after(0.05, function () use (&$fired) { $fired++; });
    }
    $r->close();
    $own = new StreamClient(['target' => tcp_target($eport), 'parser' => 'LineParser']);
    $got = null;
    $own->on('onMessage', function ($ev) use (&$got) { $got = $ev->message; $ev->sender->close(); });
    $own->connect();
    $own->send('from the child');
    $took = run_until_idle(5);
    $out[] = "the child's own connection: " . json_encode($got) . ", its timers fired: $fired, run() returned within 1 s: " . json_encode($took < 1);
    $out[] = 'events in the child: ' . json_encode(array_values(array_filter((array)$events, fn ($l) => (int)$l === getmypid())))
        . ', echoes in the child: ' . json_encode(array_values(array_filter((array)$echoes, fn ($l) => (int)$l === getmypid())));
    file_put_contents(sys_get_temp_dir() . '/beyod-fork-close-' . getmypid(), implode("\n", $out) . "\n");
    unset($a, $b, $e);
    exit(0);   // destructors and the request's end run in the child too
}
pcntl_waitpid($pid, $status);
$file = sys_get_temp_dir() . "/beyod-fork-close-$pid";
echo 'child exit: ', pcntl_wexitstatus($status), "\n", @file_get_contents($file);
@unlink($file);
echo 'the peer saw no EOF while the child ran: ', var_export(server_line($sink, 0.3) === false, true), "\n";
wait_until(fn () => count($echoes) >= 1, 3, 'the echo');
echo 'the parent got the echo: ', var_export(array_map(fn ($l) => substr($l, strpos($l, ' ') + 1), (array)$echoes), true), "\n";
echo 'parent: ', json_encode([$a->isEstablished, $b->isEstablished, $e->isEstablished, count(StreamClient::$connections)]), "\n";
$a->send('the end');
$b->send('b after the fork');
$a->close();
$b->close();
$e->close();
$r->close();
run_until_idle(10);
$lines = [server_line($sink, 5), server_line($sink, 5)];
sort($lines);
echo 'a delivered once, in full: ', var_export($lines[0] === 'conn1 ' . (strlen($payload) + 7) . ' ' . md5($payload . 'the end'), true), "\n";
echo 'b: ', var_export($lines[1] === 'conn2 16 ' . md5('b after the fork'), true), "\n";
echo 'events in the parent: ', json_encode(array_values(array_map(fn ($l) => substr($l, strpos($l, ' ') + 1), array_filter((array)$events, fn ($l) => (int)$l === getmypid())))), "\n";
stop_server($sink);
stop_server($echo);
?>
--EXPECT--
queued in the parent at fork(): true
child exit: 0
send on inherited clients: [false,false,false]
a: established=false closed=true state=closed queue=0 id=null
b: established=false closed=true state=closed queue=0 id=null
e: established=false closed=true state=closed queue=0 id=null
r: established=false closed=true state=closed queue=0 id=null
StreamClient::$connections: 0
the child's own connection: "from the child", its timers fired: 8, run() returned within 1 s: true
events in the child: [], echoes in the child: []
the peer saw no EOF while the child ran: true
the parent got the echo: array (
  0 => 'before the fork',
)
parent: [true,true,true,3]
a delivered once, in full: true
b: true
events in the parent: ["a onClose by 0","b onClose by 0","e onClose by 0"]
