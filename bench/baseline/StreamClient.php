<?php
namespace bench\baseline;

/**
 * The "before" of a migrating user: beyod's pure-PHP StreamClient, rebuilt for the bench
 * without Yii. Same structure and the same per-byte work as the original — a non-blocking
 * stream_socket_client() with an async connect, the connect checked on writability,
 * fread($read_buffer_size) per readable event, PHP string buffers for receiving and sending,
 * the parser's input()/decode() called through call_user_func for every packet, a new event
 * object and a Component trigger per message — on the stream_select() EventLooper.
 *
 * Deliberate departures, so that the baseline is correct and not handicapped (each one is
 * a bug of the original that would break or slow a benchmark run):
 *  - no STREAM_CLIENT_PERSISTENT (the original shares one socket among clients with the same
 *    target), and TCP_NODELAY really set (the original passes 'TCP_NODELAY' as a context key,
 *    which PHP ignores; the context option is 'tcp_nodelay');
 *  - pipe(): bytes read are forwarded without also piling up in recvBuffer, and never dropped:
 *    the reading side pauses while the other side's buffer is full (the original calls a
 *    pauseRecv() that StreamClient lacks);
 *  - send() before connect() keeps the queued bytes and still connects.
 */
class StreamClient extends Component
{
    const STATUS_CLOSED = 0;
    const STATUS_CONNECTING = 1;
    const STATUS_ESTABLISHED = 2;

    const ON_BEFORE_CONNECT = 'onBeforeConnect';
    const ON_CONNECT = 'onConnect';
    const ON_CONNECT_FAILED = 'onConnectFailed';
    const ON_MESSAGE = 'onMessage';
    const ON_CLOSE = 'onClose';
    const ON_BAD_PACKET = 'onBadPacket';
    const ON_BUFFER_FULL = 'onBufferFull';
    const ON_BUFFER_DRAIN = 'onBufferDrain';
    const ON_ERROR = 'onError';

    public static $connections = [];

    public $target;
    public $parser;
    public $reconnect_interval = 0;
    public $options = ['backlog' => 256, 'SO_REUSEADDR' => 1, 'SO_KEEPALIVE' => 1,
        'SO_LINGER' => null, 'SO_SNDBUF' => null, 'SO_RCVBUF' => null, 'TCP_NODELAY' => 1,
        'tcp_nodelay' => true];
    public $timeout = 30;
    public $read_buffer_size = 65536;
    public $max_send_buffer_size = 10485760;
    public $peer;
    public $local;
    /** Bench only: connect blocking (stream_select cannot watch fds >= 1024). */
    public $blocking_connect = false;

    protected $id;
    protected $response_at;
    protected $connect_at;
    protected $status = self::STATUS_CLOSED;
    protected $scheme;
    protected $socket;
    protected $connect_timerid = 0;
    protected $sendBuffer = '';
    protected $recvBuffer = '';
    protected $context;
    protected $connect_flag;
    protected $paused = false;
    protected $_pipe;

    protected static $unusedIds = [];
    protected static $counterId = 0;

    public function __construct($config = [])
    {
        foreach ($config as $name => $value) {
            if (strncmp($name, 'on ', 3) === 0) {
                $this->on(trim(substr($name, 3)), $value);
            } else {
                $this->$name = $value;
            }
        }
        $this->init();
    }

    public static function generateId()
    {
        if (static::$unusedIds) {
            return array_shift(static::$unusedIds);
        }
        return ++static::$counterId;
    }

    public static function unsetId($id)
    {
        static::$unusedIds[$id] = $id;
    }

    public function getId()
    {
        return $this->id;
    }

    public function init()
    {
        if ($this->parser && !is_object($this->parser)) {
            $config = is_array($this->parser) ? $this->parser : ['class' => $this->parser];
            $class = $config['class'];
            unset($config['class']);
            $this->parser = new $class();
            foreach ($config as $k => $v) {
                $this->parser->$k = $v;
            }
        }
    }

    private static function looper(): EventLooper
    {
        return EventLooper::instance();
    }

    public function connect($renew = false)
    {
        if (!$renew && $this->isConnnected()) {
            return $this;
        } elseif ($renew && $this->isConnnected()) {
            $this->close();
        }
        $this->beforeConnect();

        $timeout = $this->blocking_connect ? $this->timeout : 0;
        $this->socket = @stream_socket_client($this->target, $errno, $errstr, $timeout, $this->connect_flag, $this->context);
        if (!$this->socket || $errno) {
            $this->status = static::STATUS_CLOSED;
            $this->trigger(self::ON_CONNECT_FAILED, new ErrorEvent(['code' => $errno, 'errstr' => $errstr]));
            return $this;
        }
        stream_set_blocking($this->socket, false);
        if ($this->blocking_connect) {
            $this->checkConnectResult($this->socket, EventLooper::EV_WRITE, null);
            return $this;
        }
        $this->timeoutLimit();
        self::looper()->addFdEvent($this->socket, EventLooper::EV_WRITE, [$this, 'checkConnectResult']);
        return $this;
    }

    protected function beforeConnect()
    {
        $this->connectComplete();
        $this->removeEventLooper();
        $parts = parse_url(strtolower($this->target));
        if (empty($parts['scheme'])) {
            throw new \Exception("empty scheme of $this->target");
        }
        $this->scheme = $parts['scheme'];
        $this->context = stream_context_create(['socket' => $this->options]);
        $this->connect_flag = STREAM_CLIENT_CONNECT | ($this->blocking_connect ? 0 : STREAM_CLIENT_ASYNC_CONNECT);
        $this->status = static::STATUS_CONNECTING;
        $this->trigger(self::ON_BEFORE_CONNECT, new IOEvent());
    }

    protected function timeoutLimit()
    {
        if ($this->timeout <= 0) {
            return;
        }
        $this->connect_timerid = self::looper()->addTimeout($this->timeout * 1000, function () {
            $this->removeEventLooper();
            $this->destroy();
            $this->trigger(self::ON_CONNECT_FAILED, new ErrorEvent([
                'code' => ErrorEvent::ERROR_TIMEDOUT,
                'errstr' => "$this->target connect time out after $this->timeout seconds",
            ]));
        });
    }

    protected function connectComplete()
    {
        if ($this->connect_timerid) {
            self::looper()->delTimeout($this->connect_timerid);
            $this->connect_timerid = null;
        }
    }

    public function checkConnectResult($sock, $flag, $arg)
    {
        $this->connectComplete();
        $this->removeEventLooper();

        $code = socket_get_option(socket_import_stream($this->socket), SOL_SOCKET, SO_ERROR);
        if ($code) {
            $this->destroy();
            $this->trigger(self::ON_CONNECT_FAILED, new ErrorEvent(['code' => $code, 'errstr' => socket_strerror($code)]));
            return;
        }
        $this->status = static::STATUS_ESTABLISHED;
        $this->id = static::generateId();
        static::$connections[$this->id] = $this;
        $this->connect_at = microtime(true);
        $this->peer = stream_socket_get_name($this->socket, true);
        $this->local = stream_socket_get_name($this->socket, false);

        $this->trigger(self::ON_CONNECT, new IOEvent());
        if ($this->status !== static::STATUS_ESTABLISHED) {
            return;
        }
        if (!$this->paused) {
            self::looper()->addFdEvent($this->socket, EventLooper::EV_READ, [$this, 'readBuffer']);
        }
        if ($this->sendBuffer !== '') {
            self::looper()->add($this->socket, EventLooper::EV_WRITE, [$this, 'baseWrite']);
        }
        $this->afterConnected();
    }

    public function afterConnected()
    {
    }

    public function readBuffer()
    {
        $buffer = fread($this->socket, $this->read_buffer_size);
        if ($buffer === '' || $buffer === false) {
            if (!is_resource($this->socket) || feof($this->socket)) {
                $this->removeEventLooper();
                $this->status = static::STATUS_CLOSED;
                $this->trigger(self::ON_CLOSE, new CloseEvent(['by' => CloseEvent::BY_PEER]));
                $this->destroy();
            }
            return false;
        }
        if ($this->_pipe && !$this->_pipe->isClosed()) {
            return $this->_pipe->forward($buffer, $this);
        }
        $this->recvBuffer .= $buffer;

        while ($this->recvBuffer !== '' && $this->socket) {
            try {
                $len = $this->parser
                    ? call_user_func([$this->parser, 'input'], $this->recvBuffer, $this)
                    : strlen($this->recvBuffer);
                if ($len === 0) {
                    return;
                }
            } catch (\Exception $e) {
                $this->recvBuffer = '';
                $this->trigger(self::ON_BAD_PACKET, new ErrorEvent(['code' => $e->getCode(), 'errstr' => $e->getMessage()]));
                return;
            }
            $message = substr($this->recvBuffer, 0, $len);
            $this->recvBuffer = substr($this->recvBuffer, $len);
            if ($this->parser) {
                try {
                    $message = call_user_func([$this->parser, 'decode'], $message, $this);
                } catch (\Exception $e) {
                    $this->recvBuffer = '';
                    $this->trigger(self::ON_BAD_PACKET, new ErrorEvent(['code' => $e->getCode(), 'errstr' => $e->getMessage()]));
                    return;
                }
            }
            $this->response_at = microtime(true);
            $event = new MessageEvent();
            $event->message = $message;
            $this->trigger(self::ON_MESSAGE, $event);
        }
    }

    public function send($message, $raw = false)
    {
        if (!$raw && $this->parser) {
            $message = call_user_func([$this->parser, 'encode'], $message, $this);
        }
        if ($message === false || $message === null) {
            return false;
        }
        $message = (string) $message;
        if ($this->bufferIsFull()) {
            $this->trigger(self::ON_BUFFER_FULL, new IOEvent());
            return false;
        }
        if (!$this->isConnnected()) {
            $this->sendBuffer .= $message;
            return strlen($message);
        }
        if ($this->sendBuffer === '') {
            $len = @fwrite($this->socket, $message);
            if ($len === strlen($message)) {
                return true;
            }
            if ($len > 0) {
                $this->sendBuffer = substr($message, $len);
                self::looper()->add($this->socket, EventLooper::EV_WRITE, [$this, 'baseWrite']);
                return $len;
            }
            if ($len === 0) {
                $this->sendBuffer = $message;
                self::looper()->add($this->socket, EventLooper::EV_WRITE, [$this, 'baseWrite']);
                return 0;
            }
            $error = error_get_last();
            $this->trigger(self::ON_ERROR, new ErrorEvent(['code' => $error['type'] ?? 0, 'errstr' => $error['message'] ?? '']));
            if (!is_resource($this->socket) || feof($this->socket)) {
                $this->removeEventLooper();
                $this->status = static::STATUS_CLOSED;
                $this->trigger(self::ON_CLOSE, new CloseEvent(['by' => CloseEvent::BY_PEER]));
                $this->destroy();
            }
            return false;
        }
        $this->sendBuffer .= $message;
        return strlen($message);
    }

    /** pipe() forwarding: always queued (never dropped); the source pauses while we are full. */
    public function forward($bytes, StreamClient $from)
    {
        if ($this->sendBuffer === '' && $this->isConnnected()) {
            $len = @fwrite($this->socket, $bytes);
            if ($len === strlen($bytes)) {
                return true;
            }
            $bytes = substr($bytes, max(0, (int) $len));
        }
        $this->sendBuffer .= $bytes;
        if ($this->isConnnected()) {
            self::looper()->add($this->socket, EventLooper::EV_WRITE, [$this, 'baseWrite']);
        }
        if ($this->bufferIsFull()) {
            $from->pauseRecv();
        }
        return strlen($bytes);
    }

    public function baseWrite()
    {
        $len = @fwrite($this->socket, $this->sendBuffer);
        if ($len === strlen($this->sendBuffer)) {
            self::looper()->del($this->socket, EventLooper::EV_WRITE);
            $this->sendBuffer = '';
            if ($this->_pipe) {
                $this->_pipe->resumeRecv();
            }
            $this->trigger(self::ON_BUFFER_DRAIN, new IOEvent());
            if ($this->status === static::STATUS_CLOSED) {
                $this->destroy();
            }
            return;
        }
        if ($len > 0) {
            $this->sendBuffer = substr($this->sendBuffer, $len);
            return;
        }
        $error = error_get_last();
        $this->trigger(self::ON_ERROR, new ErrorEvent(['code' => $error['type'] ?? 0, 'errstr' => $error['message'] ?? '']));
        if (!is_resource($this->socket) || feof($this->socket)) {
            $this->removeEventLooper();
            $this->status = static::STATUS_CLOSED;
            $this->trigger(self::ON_CLOSE, new CloseEvent(['by' => CloseEvent::BY_PEER]));
            $this->destroy();
        }
    }

    public function bufferIsFull()
    {
        return strlen($this->sendBuffer) >= $this->max_send_buffer_size;
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

    public function pauseRecv()
    {
        if (!$this->paused) {
            $this->paused = true;
            if ($this->socket) {
                self::looper()->del($this->socket, EventLooper::EV_READ);
            }
        }
    }

    public function resumeRecv()
    {
        if ($this->paused) {
            $this->paused = false;
            if ($this->socket && $this->status === static::STATUS_ESTABLISHED) {
                self::looper()->add($this->socket, EventLooper::EV_READ, [$this, 'readBuffer']);
            }
        }
    }

    /**
     * Closes by self. Bytes still queued are flushed first (the original drops them; a bench
     * that drops bytes cannot verify its data), so a pipe's sink gets everything.
     */
    public function close()
    {
        $this->status = static::STATUS_CLOSED;
        if ($this->socket) {
            self::looper()->del($this->socket, EventLooper::EV_READ);
        }
        $this->trigger(self::ON_CLOSE, new CloseEvent());
        if ($this->sendBuffer === '') {
            $this->removeEventLooper();
            $this->destroy();
        }
    }

    public function removeEventLooper()
    {
        if ($this->socket) {
            self::looper()->del($this->socket, EventLooper::EV_READ | EventLooper::EV_WRITE);
        }
    }

    public function getResponseAt()
    {
        return $this->response_at;
    }

    public function getConnectAt()
    {
        return $this->connect_at;
    }

    public function isConnnected()
    {
        return $this->status === static::STATUS_ESTABLISHED && $this->socket;
    }

    public function isClosed()
    {
        return !$this->isConnnected();
    }

    protected function destroy()
    {
        if ($this->id && isset(static::$connections[$this->id])) {
            unset(static::$connections[$this->id]);
            static::unsetId($this->id);
            $this->id = null;
        }
        $this->socket && fclose($this->socket);
        $this->socket = null;
        $this->status = static::STATUS_CLOSED;
    }

    public function __toString()
    {
        return "$this->id $this->peer $this->local";
    }
}
