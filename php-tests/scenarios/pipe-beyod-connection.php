<?php
/**
 * Scenario: a reverse proxy written the beyod way. The proxy's listener is watched by the
 * event looper; each accepted user socket becomes a server-side Connection, and the accept
 * handler opens a native StreamClient to the backend and pipe()s the two — either from the
 * client ($client->pipe($conn): the native pipe() sets the connection's protected $_pipe) or
 * from the connection ($conn->pipe($client): beyod's pipe() writes $client->_pipe, which the
 * native class takes through __set) — and, as a beyod application must, closes the client from
 * the connection's onClose (beyod's Connection does not close its pipe's other end). Then, with
 * a real user socket and real backends:
 *  - user → connection → client → backend (line echo) → client → connection → user: three lines,
 *    one of them 100 kB, come back byte for byte; the piped client fires no onMessage;
 *  - each end holds the other; unpipe() from the other end than the one that piped clears both;
 *  - the user hangs up: the connection closes, its onClose closes the client;
 *  - the backend hangs up (after two lines): the client forwards what it read, then closes the
 *    connection itself (the native pipe closes its other end once it has written everything):
 *    the user gets both lines, then EOF.
 *
 * Modes: with beyod, the connection is beyod\Connection and the looper beyod\event\Select
 * (stand-ins), as Yii::$app->eventLooper — connect() joins it by itself. Without beyod there is
 * no server-side Connection nor looper: AppConnection and AppLooper below are APP-SIDE SHIMS of
 * the same shape (what an application without beyod would write); with Yii only, AppLooper is
 * Yii::$app->eventLooper and connect() joins it by itself; without Yii, the application
 * registers the reactor with it: addFdEvent(Loop::stream(), EV_READ, fn () => Loop::tick(0)).
 * The StreamClient side is the same code in all three.
 */
use beyod\StreamClient;
use beyod\ext\Loop;

/** SHIM (no beyod): a stream_select looper with beyod's EventLooper API (reads and timeouts). */
class AppLooper
{
    const EV_READ = 1;
    private $reads = [];
    private $timers = [];
    private $nextTimer = 0;
    private $running = false;

    public function addFdEvent($fd, $flag, $callback, $args = null)
    {
        $this->reads[(int)$fd] = [$fd, $callback, $args];
        return true;
    }

    public function delFdEvent($fd, $flag)
    {
        unset($this->reads[(int)$fd]);
        return true;
    }

    public function addTimeout($millisecond, $callback, $args = null)
    {
        $this->timers[++$this->nextTimer] = [microtime(true) + $millisecond / 1000, $callback];
        return $this->nextTimer;
    }

    public function delTimeout($timerId)
    {
        unset($this->timers[$timerId]);
        return true;
    }

    public function stop()
    {
        $this->running = false;
    }

    public function loop()
    {
        for ($this->running = true; $this->running && ($this->reads || $this->timers);) {
            $wait = 1.0;
            foreach ($this->timers as [$at]) {
                $wait = min($wait, max(0, $at - microtime(true)));
            }
            $r = array_column($this->reads, 0);
            $w = $e = [];
            if (@stream_select($r, $w, $e, 0, (int)($wait * 1e6))) {
                foreach ($r as $s) {
                    if ($this->running && isset($this->reads[(int)$s])) {
                        [$fd, $callback, $args] = $this->reads[(int)$s];
                        $callback($fd, self::EV_READ, $args);
                    }
                }
            }
            foreach ($this->timers as $id => [$at, $callback]) {
                if ($at <= microtime(true)) {
                    unset($this->timers[$id]);
                    $callback($id);
                }
            }
        }
    }
}

/**
 * SHIM (no beyod): a server-side connection shaped like beyod's Connection — a protected
 * $_pipe set on both ends by pipe(), raw bytes forwarded with send($data, true), pauseRecv()/
 * resumeRecv(), isClosed(), close() firing onClose.
 */
class AppConnection
{
    /** @var AppLooper */
    public static $looper;
    protected $_pipe;
    protected $socket;
    protected $paused = false;
    protected $closed = false;
    private $handlers = [];

    public function __construct($socket)
    {
        $this->socket = $socket;
        stream_set_blocking($socket, false);
        static::$looper->addFdEvent($socket, AppLooper::EV_READ, [$this, 'readBuffer']);
    }

    public function on($name, $handler)
    {
        $this->handlers[$name][] = $handler;
    }

    public function pipe($target)
    {
        $this->_pipe = $target;
        $target->_pipe = $this;
    }

    public function unpipe()
    {
        if ($this->_pipe && $this->_pipe->_pipe) {
            $this->_pipe->_pipe = null;
        }
        $this->_pipe = null;
    }

    public function getPipeTarget()
    {
        return $this->_pipe;
    }

    public function readBuffer()
    {
        $data = fread($this->socket, 65536);
        if ($data === '' || $data === false) {
            $this->close();
            return;
        }
        if ($this->_pipe && !$this->_pipe->isClosed()) {
            $this->_pipe->send($data, true);
        }
    }

    public function send($data, $raw = false)
    {
        if ($this->closed) {
            return false;
        }
        stream_set_blocking($this->socket, true);
        fwrite($this->socket, $data);
        stream_set_blocking($this->socket, false);
        return true;
    }

    public function pauseRecv()
    {
        if (!$this->paused) {
            $this->paused = true;
            static::$looper->delFdEvent($this->socket, AppLooper::EV_READ);
        }
    }

    public function resumeRecv()
    {
        if ($this->paused) {
            $this->paused = false;
            static::$looper->addFdEvent($this->socket, AppLooper::EV_READ, [$this, 'readBuffer']);
        }
    }

    public function isClosed()
    {
        return $this->closed;
    }

    public function close()
    {
        if (!$this->closed) {
            $this->closed = true;
            static::$looper->delFdEvent($this->socket, AppLooper::EV_READ);
            fclose($this->socket);
            foreach ($this->handlers['onClose'] ?? [] as $handler) {
                $handler($this);
            }
        }
    }
}

// the event loop and the connection class, as the mode's application has them
if (with_beyod()) {
    $looper = beyod_app_with_looper();
    $connectionClass = 'beyod\Connection';
} else {
    $looper = new AppLooper();
    AppConnection::$looper = $looper;
    $connectionClass = 'AppConnection';
    if (with_yii()) {
        Yii::$app = new yii\di\ServiceLocator(['components' => ['eventLooper' => fn () => $looper]]);
    } else {
        $looper->addFdEvent(Loop::stream(), AppLooper::EV_READ, fn () => Loop::tick(0));
    }
}
echo "looper: ", get_class($looper), with_yii() ? ' (Yii::$app->eventLooper)' : '', ", connection: $connectionClass\n";

/** The proxy application: accepts from the looper, pipes each user to a new backend client. */
class ReverseProxy
{
    public $listener;
    public $port;
    public $backend;
    public $pipeFrom = 'client';
    /** @var callable|null the test's hook: the upstream of a session connected */
    public $onUpstream;
    public $sessions = [];
    private $connectionClass;
    private $beyodListener;

    public function __construct($looper, string $connectionClass)
    {
        $this->connectionClass = $connectionClass;
        $this->listener = stream_socket_server('tcp://127.0.0.1:0');
        $this->port = parse_url('tcp://' . stream_socket_get_name($this->listener, false), PHP_URL_PORT);
        $looper->addFdEvent($this->listener, 1, [$this, 'accept']);
    }

    public function accept()
    {
        $socket = @stream_socket_accept($this->listener, 0);
        if (!$socket) {
            return;
        }
        if (real_code()) {
            // the real Connection belongs to a Listener (with its Handler, as startAccept()
            // makes it) and starts reading in ready(), as beyod\Listener::acceptTcp() does it
            if (!$this->beyodListener) {
                $this->beyodListener = new beyod\Listener(['listen' => 'tcp://127.0.0.1:0']);
                $this->beyodListener->handler = Yii::createObject($this->beyodListener->handler);
            }
            $conn = new $this->connectionClass($socket, $this->beyodListener);
            $this->beyodListener->handler->attach($conn);
            $this->beyodListener->handler->owner = $this->beyodListener;
            $conn->ready();
        } else {
            $conn = new $this->connectionClass($socket);
        }
        $client = new StreamClient(['target' => $this->backend]);
        $this->pipeFrom === 'client' ? $client->pipe($conn) : $conn->pipe($client);
        // beyod's Connection does not close its pipe's other end: the application does
        $conn->on('onClose', function () use ($client) {
            $client->close();
        });
        $client->on('onMessage', fn () => print("onMessage (must not happen while piped)\n"));
        $client->on('onConnect', function () use ($conn, $client) {
            if ($this->onUpstream) {
                ($this->onUpstream)($conn, $client);
            }
        });
        $client->connect();
        $this->sessions[] = [$conn, $client];
    }
}

/** The other end of a pipe: beyod keeps it in the protected BaseConnection::$_pipe (the native client, in its magic `_pipe`). */
function pipe_end($conn)
{
    if ((new ReflectionObject($conn))->isInternal()) {
        return $conn->_pipe;   // the native client: a magic property
    }
    return (fn () => $this->_pipe)->call($conn);
}

/** Runs the looper until $stop() is called by a handler, at most $seconds. */
function drive($looper, float $seconds = 3.0): void
{
    $guard = $looper->addTimeout((int)($seconds * 1000), function () use ($looper) {
        echo "TIMEOUT\n";
        $looper->stop();
    });
    $looper->loop();
    $looper->delTimeout($guard);
}

$proxy = new ReverseProxy($looper, $connectionClass);
[$echo, $echoPort] = start_server('line-echo.php');
$big = str_repeat('0123456789abcdef', 6250);   // 100 000 bytes
$request = "hello through the proxy\n$big\nbye\n";

foreach (['client' => 'the client', 'connection' => 'the connection'] as $from => $desc) {
    $proxy->backend = tcp_target($echoPort);
    $proxy->pipeFrom = $from;
    $user = stream_socket_client("tcp://127.0.0.1:{$proxy->port}", $errno, $errstr, 2);
    // the user speaks once the upstream is connected (beyod's Connection drops what it reads
    // while its pipe's other end isClosed(), and a connecting client is not established yet)
    $proxy->onUpstream = function () use ($user, $request) {
        fwrite($user, $request);
    };
    stream_set_blocking($user, false);
    $got = '';
    $looper->addFdEvent($user, 1, function () use ($user, &$got, $looper, $request) {
        $got .= fread($user, 65536);
        if (strlen($got) >= strlen($request)) {
            $looper->stop();
        }
    });
    drive($looper);
    $looper->delFdEvent($user, 1);
    [$conn, $client] = end($proxy->sessions);
    echo "pipe set up by $desc:\n";
    echo "  user got back ", strlen($got), " bytes (3 lines, one of 100 000 bytes), identical: ", json_encode($got === $request), "\n";
    echo "  connection's end is the client ", json_encode(pipe_end($conn) === $client),
        ", client's end is the connection ", json_encode(pipe_end($client) === $conn), "\n";

    $from === 'client' ? $conn->unpipe() : $client->unpipe();
    echo "  after unpipe() from the other end: connection's end ", json_encode(pipe_end($conn)),
        ", client's end ", json_encode(pipe_end($client)), "\n";

    // the user hangs up: the connection closes, the application's onClose closes the client
    $client->on('onClose', function ($e) use ($looper) {
        echo "  client onClose by {$e->getCloser()}\n";
        $looper->stop();
    });
    fclose($user);
    drive($looper);
    echo "  user hung up: connection closed ", json_encode($conn->isClosed()), ", client closed ", json_encode($client->isClosed()), "\n";
}

// the backend hangs up after two lines: the client closes the connection once it wrote them
[$closer, $closerPort] = start_server('close-after.php', 2, 'lines');
$proxy->backend = tcp_target($closerPort);
$proxy->pipeFrom = 'client';
$proxy->onUpstream = function ($conn, $client) {
    $client->on('onClose', function ($e) use ($conn) {
        echo "client onClose by {$e->getCloser()} (the connection still open: ", json_encode(!$conn->isClosed()), ")\n";
    });
};
$user = stream_socket_client("tcp://127.0.0.1:{$proxy->port}", $errno, $errstr, 2);
stream_set_blocking($user, false);
$got = '';
$eof = false;
$looper->addFdEvent($user, 1, function () use ($user, &$got, &$eof, $looper) {
    $chunk = fread($user, 65536);
    $got .= $chunk;
    if ($chunk === '' && feof($user)) {
        $eof = true;
        $looper->stop();
    }
});
drive($looper);
$looper->delFdEvent($user, 1);
fclose($user);
[$conn, $client] = end($proxy->sessions);
echo "backend hung up: user got ", json_encode($got), ", then EOF: ", json_encode($eof),
    "; connection closed ", json_encode($conn->isClosed()), ", client closed ", json_encode($client->isClosed()), "\n";

$looper->delFdEvent($proxy->listener, 1);
fclose($proxy->listener);
stop_server($echo);
stop_server($closer);
