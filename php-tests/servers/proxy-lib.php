<?php
/**
 * A tiny tunnelling proxy loop shared by socks5-proxy.php and http-proxy.php.
 *
 * Same conventions as lib.php (first stdout line = the port, --listen, --lifetime, exits when
 * stdin closes). Each accepted client goes through a handshake (the $handshake callback parses
 * $c->inbuf and answers with $c->toClient); once ProxyServer::openTunnel() has connected to the
 * target, bytes are relayed both ways unchanged, and an EOF on one side is passed on as a
 * half-close (shutdown of writing) to the other, so a client's end() reaches the target.
 * The target connect is blocking with a 2 s timeout: fine for a loopback test server.
 */

require_once __DIR__ . '/lib.php';

final class ProxyConn
{
    public $client;
    public $upstream = null;
    public int $id;
    public string $inbuf = '';
    public string $toClient = '';
    public string $toUpstream = '';
    public bool $tunnel = false;
    public bool $clientEof = false;
    public bool $upstreamEof = false;
    public bool $closeAfterWrite = false;
    public array $state = [];

    public function __construct($client, int $id)
    {
        $this->client = $client;
        $this->id = $id;
    }
}

final class ProxyServer
{
    private $listen;
    /** @var ProxyConn[] */
    private array $conns = [];
    private int $nextId = 1;
    /** @var callable(ProxyConn, ProxyServer): void */
    private $handshake;
    private float $deadline;

    public function __construct(array $opts, callable $handshake)
    {
        $addr = $opts['listen'];
        $this->listen = @stream_socket_server($addr, $errno, $errstr);
        if (!$this->listen) {
            echo "ERROR $errstr\n";
            exit(1);
        }
        stream_set_blocking($this->listen, false);
        $this->handshake = $handshake;
        $this->deadline = microtime(true) + (float)$opts['lifetime'];
        server_announce($this->listen, $addr);
        stream_set_blocking(STDIN, false);
    }

    /**
     * Connects to $host:$port (a name is resolved here, by the proxy). On success the tunnel
     * is open and whatever the client sent after its request goes to the target; returns null.
     * On failure returns [errno, message] (errno 0 when the name did not resolve). Names under
     * ".invalid" never resolve (RFC 6761): answered at once, without asking a DNS server that
     * may be slow or absent on a test machine.
     */
    public function openTunnel(ProxyConn $c, string $host, int $port): ?array
    {
        if (preg_match('/\.invalid\.?$/i', $host)) {
            return [0, "$host does not resolve"];
        }
        $h = strpos($host, ':') !== false ? "[$host]" : $host;
        $up = @stream_socket_client("tcp://$h:$port", $errno, $errstr, 2);
        if (!$up) {
            return [$errno, $errstr];
        }
        stream_set_blocking($up, false);
        $c->upstream = $up;
        $c->tunnel = true;
        $c->toUpstream = $c->inbuf;
        $c->inbuf = '';
        return null;
    }

    public function run(): void
    {
        while (microtime(true) < $this->deadline) {
            $r = [$this->listen, STDIN];
            $w = [];
            foreach ($this->conns as $c) {
                if (!$c->clientEof) {
                    $r[] = $c->client;
                }
                if ($c->upstream && !$c->upstreamEof) {
                    $r[] = $c->upstream;
                }
                if ($c->toClient !== '') {
                    $w[] = $c->client;
                }
                if ($c->upstream && $c->toUpstream !== '') {
                    $w[] = $c->upstream;
                }
            }
            $e = [];
            if (!@stream_select($r, $w, $e, 0, 200000)) {
                continue;
            }
            foreach ($r as $s) {
                if ($s === $this->listen) {
                    while ($cs = @stream_socket_accept($this->listen, 0)) {
                        stream_set_blocking($cs, false);
                        $c = new ProxyConn($cs, $this->nextId++);
                        $this->conns[$c->id] = $c;
                    }
                    continue;
                }
                if ($s === STDIN) {
                    $d = fread(STDIN, 8192);
                    if (($d === '' || $d === false) && feof(STDIN)) {
                        break 2;
                    }
                    continue;
                }
                [$c, $fromClient] = $this->find($s);
                if (!$c) {
                    continue;
                }
                $d = @fread($s, 65536);
                if ($d === '' || $d === false) {
                    if (!feof($s) && $d !== false) {
                        continue;
                    }
                    if ($fromClient) {
                        $c->clientEof = true;
                        if (!$c->tunnel) {
                            $this->drop($c);
                        }
                    } else {
                        $c->upstreamEof = true;
                    }
                    continue;
                }
                if (!$fromClient) {
                    $c->toClient .= $d;
                } elseif ($c->tunnel) {
                    $c->toUpstream .= $d;
                } elseif (!$c->closeAfterWrite) {
                    $c->inbuf .= $d;
                    ($this->handshake)($c, $this);
                }
            }
            foreach ($w as $s) {
                [$c, $toClient] = $this->find($s);
                if (!$c) {
                    continue;
                }
                if ($toClient) {
                    $n = @fwrite($s, $c->toClient);
                    $n === false ? $this->drop($c) : $c->toClient = (string)substr($c->toClient, $n);
                } else {
                    $n = @fwrite($s, $c->toUpstream);
                    $n === false ? $this->drop($c) : $c->toUpstream = (string)substr($c->toUpstream, $n);
                }
            }
            foreach ($this->conns as $c) {
                $this->settle($c);
            }
        }
        foreach ($this->conns as $c) {
            $this->drop($c);
        }
    }

    /** Passes EOFs on as half-closes once everything before them is written; drops finished pairs. */
    private function settle(ProxyConn $c): void
    {
        if (!isset($this->conns[$c->id])) {
            return;
        }
        if ($c->closeAfterWrite && $c->toClient === '') {
            $this->drop($c);
            return;
        }
        if (!$c->tunnel) {
            return;
        }
        if ($c->clientEof && $c->toUpstream === '' && empty($c->state['upShut'])) {
            @stream_socket_shutdown($c->upstream, STREAM_SHUT_WR);
            $c->state['upShut'] = true;
        }
        if ($c->upstreamEof && $c->toClient === '' && empty($c->state['clientShut'])) {
            @stream_socket_shutdown($c->client, STREAM_SHUT_WR);
            $c->state['clientShut'] = true;
        }
        if (!empty($c->state['upShut']) && !empty($c->state['clientShut'])) {
            $this->drop($c);
        }
    }

    private function find($s): array
    {
        foreach ($this->conns as $c) {
            if ($c->client === $s) {
                return [$c, true];
            }
            if ($c->upstream === $s) {
                return [$c, false];
            }
        }
        return [null, false];
    }

    private function drop(ProxyConn $c): void
    {
        if (!isset($this->conns[$c->id])) {
            return;
        }
        unset($this->conns[$c->id]);
        @fclose($c->client);
        if ($c->upstream) {
            @fclose($c->upstream);
        }
    }
}
