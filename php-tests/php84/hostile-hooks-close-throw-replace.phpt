--TEST--
PHP 8.4, hostile hooks: a $parser get hook that closes the client, throws, replaces the parser or gives null in the middle of sends and packets, and a $target get hook that throws: no crash, the exception reaches the caller, the client stays usable or closed
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (PHP_VERSION_ID < 80400) die('skip property hooks need PHP 8.4'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/../inc/helpers.php';
use beyod\StreamClient;
[$srv, $port] = start_server('line-echo.php');
$GLOBALS['port'] = $port;
class Hostile extends StreamClient {
    public string $mode = '';
    public int $reads = 0;
    public $parser {
        get {
            $this->reads++;
            if ($this->mode === 'close' && $this->reads > 3) { $this->mode = ''; $this->close(); }
            if ($this->mode === 'throw' && $this->reads > 3) { $this->mode = ''; throw new RuntimeException('hook threw'); }
            if ($this->mode === 'swap' && $this->reads > 3) { $this->mode = ''; $this->parser = new beyod\ext\LineParser(); }
            if ($this->mode === 'null' && $this->reads > 3) { return null; }
            return $this->parser;
        }
    }
}
class BadTarget extends StreamClient { public $target { get { throw new LogicException('no target'); } } }
foreach (['close', 'throw', 'swap', 'null'] as $mode) {
    $c = new Hostile(['target' => tcp_target($port), 'parser' => 'LineParser']);
    $got = [];
    $c->on('onConnect', function ($e) use ($mode) { $e->sender->mode = $mode; foreach (range(1, 5) as $i) $e->sender->send("m$i"); });
    $c->on('onMessage', function ($e) use (&$got) { $got[] = $e->message; });
    $c->on('onClose', function ($e) use (&$got) { $got[] = 'closed'; });
    try { $c->connect(); run_loop_for(0.5); } catch (\Throwable $e) { $got[] = get_class($e) . ': ' . $e->getMessage(); }
    try { run_loop_for(0.3); } catch (\Throwable $e) { $got[] = 'later ' . get_class($e) . ': ' . $e->getMessage(); }
    echo "$mode: ", json_encode($got), "\n";
    $c->close();
}
try { (new BadTarget(['target' => 'x']))->connect(); } catch (\Throwable $e) { echo get_class($e), ': ', $e->getMessage(), ($e->getPrevious() ? ' (previous: ' . $e->getPrevious()->getMessage() . ')' : ''), "\n"; }
stop_server($srv);
echo "done\n";
--EXPECT--
close: ["closed"]
throw: ["RuntimeException: hook threw"]
swap: ["m1","m2","m3","m4","m5"]
null: []
LogicException: no target
done
