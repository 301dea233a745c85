<?php
/**
 * A tiny stream_select server loop shared by the loopback servers in this folder.
 *
 * Every server is started by a test (inc/helpers.php start_server()) and:
 *  - listens on --listen=ADDR (default tcp://127.0.0.1:0; also tcp://[::1]:0, unix:///path),
 *  - prints the bound port (tcp) or the socket path (unix) as the FIRST line of stdout,
 *  - may print more lines later (results, e.g. the sink's "conn1 <count> <md5>"),
 *  - exits when its stdin reaches EOF (the test closed it or died) or after --lifetime seconds
 *    (default 30), so a crashed test never leaves a server behind.
 */

require_once __DIR__ . '/pattern.php';

error_reporting(E_ALL);
ini_set('display_errors', 'stderr');

/** Splits argv into ['listen' => ..., 'lifetime' => ..., other --k=v ...] and positionals. */
function server_args(array $argv): array
{
    $opts = ['listen' => 'tcp://127.0.0.1:0', 'lifetime' => 30];
    $pos = [];
    foreach (array_slice($argv, 1) as $a) {
        if (preg_match('/^--([a-z_]+)=(.*)$/s', $a, $m)) {
            $opts[$m[1]] = $m[2];
        } else {
            $pos[] = $a;
        }
    }
    return [$opts, $pos];
}

/** Announces the bound port/path on the first stdout line. */
function server_announce($socket, string $listen): void
{
    if (strncmp($listen, 'unix://', 7) === 0) {
        echo substr($listen, 7), "\n";
    } else {
        $name = stream_socket_get_name($socket, false);
        echo substr($name, strrpos($name, ':') + 1), "\n";
    }
    fflush(STDOUT);
}

function server_say(string $line): void
{
    echo $line, "\n";
    fflush(STDOUT);
}

final class ServerConn
{
    public $sock;
    public int $id;
    public string $out = '';
    public bool $reading = true;
    public bool $closeAfterWrite = false;
    public bool $closed = false;
    public int $received = 0;
    public $hash;
    public string $inbuf = '';
    public array $state = [];

    public function __construct($sock, int $id)
    {
        $this->sock = $sock;
        $this->id = $id;
        $this->hash = hash_init('md5');
    }

    public function write(string $data): void
    {
        $this->out .= $data;
    }

    public function endAfterWrite(): void
    {
        $this->closeAfterWrite = true;
    }
}

/**
 * Runs the accept/read/write loop.
 * $h keys (all optional): accept(ServerConn, LoopServer), data(ServerConn, string, LoopServer),
 * eof(ServerConn, LoopServer) — called once when the peer closed (before the socket is closed;
 *     returning false keeps the socket open, never read again, until the server exits),
 * written(ServerConn, LoopServer) — called after each successful write (to refill $c->out).
 */
final class LoopServer
{
    public $listen;
    /** @var ServerConn[] */
    public array $conns = [];
    private array $timers = [];
    private int $nextId = 1;
    private array $h;
    private float $deadline;
    private string $path = '';

    public function __construct(array $opts, array $handlers, $context = null)
    {
        $addr = $opts['listen'];
        if (strncmp($addr, 'unix://', 7) === 0) {
            $this->path = substr($addr, 7);
            @unlink($this->path);
        }
        $ctx = $context ?: stream_context_create(['socket' => ['backlog' => 128]]);
        $this->listen = @stream_socket_server($addr, $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $ctx);
        if (!$this->listen) {
            fwrite(STDERR, "cannot listen on $addr: $errstr ($errno)\n");
            echo "ERROR $errstr\n";
            exit(1);
        }
        stream_set_blocking($this->listen, false);
        $this->h = $handlers;
        $this->deadline = microtime(true) + (float)$opts['lifetime'];
        server_announce($this->listen, $addr);
        stream_set_blocking(STDIN, false);
    }

    public function after(float $seconds, callable $fn): void
    {
        $this->timers[] = [microtime(true) + $seconds, $fn];
    }

    public function close(ServerConn $c): void
    {
        if ($c->closed) {
            return;
        }
        $c->closed = true;
        if (is_resource($c->sock)) {
            fclose($c->sock);
        }
        unset($this->conns[$c->id]);
    }

    public function run(): void
    {
        $stdinOpen = true;
        while (microtime(true) < $this->deadline) {
            $r = [$this->listen];
            if ($stdinOpen) {
                $r[] = STDIN;
            }
            $w = [];
            foreach ($this->conns as $c) {
                if ($c->reading) {
                    $r[] = $c->sock;
                }
                if ($c->out !== '') {
                    $w[] = $c->sock;
                }
            }
            $timeout = 0.2;
            $now = microtime(true);
            foreach ($this->timers as [$at]) {
                $timeout = min($timeout, max(0, $at - $now));
            }
            $e = [];
            $n = @stream_select($r, $w, $e, 0, (int)($timeout * 1e6));
            if ($n === false) {
                continue;
            }
            $this->runTimers();
            foreach ($r as $s) {
                if ($s === $this->listen) {
                    while ($cs = @stream_socket_accept($this->listen, 0)) {
                        stream_set_blocking($cs, false);
                        $c = new ServerConn($cs, $this->nextId++);
                        $this->conns[$c->id] = $c;
                        ($this->h['accept'] ?? fn () => null)($c, $this);
                    }
                } elseif ($s === STDIN) {
                    $d = fread(STDIN, 8192);
                    if ($d === '' || $d === false) {
                        if (feof(STDIN)) {
                            $stdinOpen = false;
                            break 2; // the test is done with us
                        }
                    }
                } else {
                    $c = $this->byStream($s);
                    if ($c) {
                        $this->readFrom($c);
                    }
                }
            }
            foreach ($w as $s) {
                $c = $this->byStream($s);
                if ($c) {
                    $this->flush($c);
                }
            }
            foreach ($this->conns as $c) {
                if ($c->closeAfterWrite && $c->out === '') {
                    $this->close($c);
                }
            }
        }
        foreach ($this->conns as $c) {
            $this->close($c);
        }
        if ($this->path !== '') {
            @unlink($this->path);
        }
    }

    private function byStream($s): ?ServerConn
    {
        foreach ($this->conns as $c) {
            if ($c->sock === $s) {
                return $c;
            }
        }
        return null;
    }

    private function runTimers(): void
    {
        $now = microtime(true);
        foreach ($this->timers as $k => [$at, $fn]) {
            if ($at <= $now) {
                unset($this->timers[$k]);
                $fn();
            }
        }
    }

    private function readFrom(ServerConn $c): void
    {
        $d = @fread($c->sock, 65536);
        if ($d === '' || $d === false) {
            if (feof($c->sock) || $d === false) {
                if (($this->h['eof'] ?? fn () => null)($c, $this) === false) {
                    // the handler keeps our side open (until the server exits)
                    $c->reading = false;
                    return;
                }
                $this->close($c);
            }
            return;
        }
        $c->received += strlen($d);
        hash_update($c->hash, $d);
        ($this->h['data'] ?? fn () => null)($c, $d, $this);
    }

    private function flush(ServerConn $c): void
    {
        $n = @fwrite($c->sock, $c->out);
        if ($n === false) {
            $this->close($c);
            return;
        }
        $c->out = (string)substr($c->out, $n);
        if (isset($this->h['written'])) {
            ($this->h['written'])($c, $this);
        }
    }
}
