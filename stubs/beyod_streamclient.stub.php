<?php
/**
 * IDE stubs for the beyod_streamclient extension (native beyod\StreamClient).
 * Checked against the real classes by php-tests/api/stubs-match-extension.phpt.
 *
 * @generate-class-entries
 */

namespace beyod {

/**
 * Asynchronous non-blocking socket client (tcp, unix, udp, udg, ssl/tls), a drop-in for beyod's PHP StreamClient.
 * With Yii loaded it behaves as a yii\base\Component (handlers, class-level handlers, behaviors); with
 * Yii::$app->eventLooper present, connect() joins that loop.
 *
 * @property-read int|null $id          the connection id while established
 * @property-read bool     $isClosed
 * @property-read bool     $isEstablished
 * @property-read float|null $responseAt
 * @property-read float|null $connectAt
 * @property-read string|null $scheme
 */
class StreamClient
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

    /** @var StreamClient[] id => client, established connections only */
    public static $connections = [];
    /** @var string|null "tcp://host:port", "tcp://[::1]:port", "unix:///path" */
    public $target = null;
    /** @var string|array|object|null parser class name, Yii-style config array, parser object, or null (raw) */
    public $parser = null;
    /** @var int|float seconds before reconnecting after a failed connect or a close by the peer; 0 = never */
    public $reconnect_interval = 0;
    /** @var array socket options by NAME; null values leave the system default */
    public $options = ['backlog' => 256, 'SO_REUSEADDR' => 1, 'SO_KEEPALIVE' => 1, 'SO_LINGER' => null,
        'SO_SNDBUF' => null, 'SO_RCVBUF' => null, 'TCP_NODELAY' => 1];
    /**
     * @var array TLS options: used by ssl:// and tls://; 'enabled' => true turns TLS on over tcp://.
     * The original's 19 keys (its three misspelt ones written right); null leaves the default.
     */
    public $ssl = ['enabled' => false, 'peer_name' => null, 'verify_peer' => false, 'verify_peer_name' => false,
        'allow_self_signed' => true, 'cafile' => null, 'capath' => null, 'local_cert' => null, 'local_pk' => null,
        'passphrase' => null, 'CN_match' => null, 'verify_depth' => null, 'ciphers' => null,
        'capture_peer_cert' => null, 'capture_peer_cert_chain' => null, 'SNI_enabled' => null,
        'SNI_server_name' => null, 'disable_compression' => null, 'peer_fingerprint' => null];
    /** @var int|float connect timeout in seconds (DNS + connect); 0 = system default */
    public $timeout = 30;
    /** @var int bytes queued before send() refuses and onBufferFull fires */
    public $max_send_buffer_size = 10485760;
    /** @var int bytes read per read() */
    public $read_buffer_size = 65536;
    /** @var string|null "addr:port" of the remote end, set once connected */
    public $peer = null;
    /** @var string|null "addr:port" of the local end, set once connected */
    public $local = null;

    /** Yii BaseObject style: properties, setters, 'on event' => handler; then $this->init(). */
    public function __construct($config = null) {}
    /** Resolves $parser and sets up reconnection (attaches [$this, 'reConnect']). */
    public function init() {}
    /** Starts connecting (DNS, TCP asynchronous); fires onBeforeConnect first. @return static */
    public function connect($renew = null) {}
    /** For udp/udg: the same as connect(). @return static */
    public function prepare() {}
    /** @return bool|int true = written at once, int = bytes queued, false = refused */
    public function send($message, $raw = null) {}
    /** Closes by self: onClose (by 0) fires now; bytes already accepted are still delivered. */
    public function close() {}
    public function pipe($target) {}
    public function unpipe() {}
    public function pauseRecv() {}
    public function resumeRecv() {}
    /** @return bool */
    public function isPaused() {}
    public function setAttribute($name, $value = null) {}
    public function getAttribute($name, $default = null) {}
    /** @return bool */
    public function hasAttribute($name) {}
    public function attr($name, $value = null) {}
    /** @return bool */
    public function getIsClosed() {}
    /** @return bool */
    public function getIsEstablished() {}
    /** @return bool */
    public function isClosed() {}
    /** @return bool (sic: the original's spelling) */
    public function isConnnected() {}
    /** @return bool */
    public function isConnected() {}
    /** @return int|null */
    public function getId() {}
    /** @return string "$id $peer $local" */
    public function __toString() {}
    /** @return string|null */
    public function getScheme() {}
    /** @return bool */
    public function isSSL() {}
    /** @return bool */
    public function isTCP() {}
    /** @return bool udp:// or udg:// */
    public function isUDP() {}
    /** @return bool */
    public function isUnix() {}
    /** @return float|null */
    public function getResponseAt() {}
    /** @return float|null */
    public function getConnectAt() {}
    /** @return resource|null a duplicate of the socket descriptor (for getsockopt/inspection), null when not connected */
    public function getSocket() {}
    /** Attaches [$this, 'reConnect'] to onClose and onConnectFailed when reconnect_interval > 0. */
    public function keepalive() {}
    /** Schedules a reconnect after $reconnect_interval unless the close was by self. */
    public function reConnect($event) {}
    /** Hook called right after the onConnect handlers; subclasses override it. */
    public function afterConnected() {}
    /**
     * Half-close: queued bytes are written, then our FIN; messages keep arriving until the peer
     * closes, then onClose (by self, so no reconnect). send() refuses from now on.
     * @return bool false when not established
     */
    public function end() {}
    /** @return string|null the protocol negotiated with ALPN ($ssl['alpn_protocols']) */
    public function getAlpnProtocol() {}
    /**
     * Counters and timings of this client across its connections: state, connects, reconnects,
     * connect_failures, bytes_in, bytes_out, messages_in, messages_out, bytes_dropped,
     * send_queue, send_queue_high_water, timings (dns, tcp, tls, first_byte: seconds since
     * connect() of the last successful connection), last_error (code, message), alpn.
     * @return array
     */
    public function getStats() {}
    /** @return bool */
    public function bufferIsFull() {}
    /** @return int the lowest free id */
    public static function generateId() {}
    public static function unsetId($id) {}
    /** Kept for compatibility: the native reactor does this work; calling these does nothing. */
    public function checkConnectResult($sock = null, $flag = null, $arg = null) {}
    public function readBuffer() {}
    public function baseWrite() {}
    public function removeEventLooper() {}
    /** Gives the connection id back and leaves StreamClient::$connections. */
    public function __destruct() {}

    // yii\base\Component compatible API
    public function on($name, $handler, $data = null, $append = null) {}
    /** @return bool */
    public function off($name, $handler = null) {}
    public function trigger($name, $event = null) {}
    /** @return bool instance handlers (wildcards included), then yii\base\Event class-level ones */
    public function hasEventHandlers($name) {}
    /**
     * Behaviors to attach (name or index => object, class name or config array); override in a
     * subclass. Attached on first use (ensureBehaviors()).
     * @return array
     */
    public function behaviors() {}
    public function ensureBehaviors() {}
    /** @return object the attached behavior (built with Yii::createObject() from a class name or config) */
    public function attachBehavior($name, $behavior) {}
    public function attachBehaviors($behaviors) {}
    /** @return object|null the detached behavior */
    public function detachBehavior($name) {}
    public function detachBehaviors() {}
    /** @return object|null */
    public function getBehavior($name) {}
    /** @return array name or index => behavior */
    public function getBehaviors() {}
    /** A getter, else a behavior's property. */
    public function __get($name) {}
    /** A setter, 'on event' (handler), 'as name' (behavior), else a behavior's property. */
    public function __set($name, $value) {}
    public function __isset($name) {}
    public function __unset($name) {}
    /** A behavior's method, else yii\base\UnknownMethodException (BadMethodCallException without Yii). */
    public function __call($name, $params) {}
    /** @return bool */
    public function hasProperty($name, $checkVars = null, $checkBehaviors = null) {}
    /** @return bool */
    public function canGetProperty($name, $checkVars = null, $checkBehaviors = null) {}
    /** @return bool */
    public function canSetProperty($name, $checkVars = null, $checkBehaviors = null) {}
    /** @return bool */
    public function hasMethod($name, $checkBehaviors = null) {}
    /** @return string */
    public static function className() {}
}

}

namespace beyod\ext {

/**
 * The extension's own event loop. Used standalone (run/tick) or from a host loop: watch
 * Loop::stream() for readability and call Loop::tick() when it is readable.
 */
final class Loop
{
    /** All methods are static; there is nothing to construct. */
    public function __construct() {}
    /** Runs until no connection or timer is left, or stop() is called. */
    public static function run() {}
    /**
     * Processes what is ready, waiting at most $timeout seconds (0 = do not wait).
     * @return int number of events dispatched
     */
    public static function tick($timeout = null) {}
    /** Makes run() return after the current step. */
    public static function stop() {}
    /** @return int the reactor's pollable descriptor (epoll fd) */
    public static function fd() {}
    /** @return resource a PHP stream over a duplicate of fd(), readable whenever tick() has work */
    public static function stream() {}
    /** @return array connections by state (connecting, established, closing), timers, process totals */
    public static function stats() {}
    /** @return string the same snapshot as OpenMetrics text */
    public static function metrics() {}
    /** @return int timer id; $callback($timerId) runs once after $seconds */
    public static function after($seconds, $callback) {}
    /** @return int timer id; $callback($timerId) runs every $seconds */
    public static function every($seconds, $callback) {}
    /** @return bool */
    public static function cancel($timerId) {}
}

/**
 * Used when beyod's event classes cannot be autoloaded. Declared on first use: when
 * yii\base\Event can be loaded at that moment, Event extends it (and inherits its constructor),
 * so Yii's class-level handlers receive these events; otherwise it stands alone, as here.
 */
class Event
{
    public $name = null;
    public $sender = null;
    public $handled = false;
    public $data = null;
    /** @param array $config property values */
    public function __construct($config = []) {}
}

class IOEvent extends Event
{
    public $context = null;
}

class MessageEvent extends IOEvent
{
    public $message = null;
}

class ErrorEvent extends IOEvent
{
    const ERROR_CLOSED = 10;
    const ERROR_TIMEDOUT = 20;
    const ERROR_BAD_PACKET = 30;
    const ERROR_LARGE_PACKET = 100;
    public $code = 0;
    public $errstr = null;
}

class CloseEvent extends IOEvent
{
    const BY_SELF = 0;
    const BY_PEER = 1;
    public $by = 0;
    /** @return string "self" or "peer" */
    public function getCloser() {}
}


/**
 * Native parsers: as `$parser` of a StreamClient, packets are framed in Rust (no PHP call per
 * packet). They are ordinary parser objects too: input()/decode()/encode() work from PHP.
 * A packet longer than $max_packet_size gives onBadPacket with code 100.
 */
class LineParser
{
    /** @var string what ends a line; the message is the line without it */
    public $delimiter = "\n";
    public $max_packet_size = 8388608;
    public function __construct($config = null) {}
    /** @return int 0 = need more bytes, n = the first packet is n bytes */
    public function input($buffer, $connection = null) {}
    public function decode($buffer, $connection = null) {}
    public function encode($message, $connection = null) {}
}

/** Length-prefixed packets, like Swoole's package_length_type; the message is the body. */
class LengthParser
{
    /** @var string pack() letter of the length field: C, n, v, N, V, J, P */
    public $length_type = 'N';
    /** @var int where the length field starts */
    public $length_offset = 0;
    /** @var int where the body starts */
    public $body_offset = 4;
    /** @var bool the length counts the whole packet, header included */
    public $length_includes_header = false;
    public $max_packet_size = 8388608;
    public function __construct($config = null) {}
    public function input($buffer, $connection = null) {}
    public function decode($buffer, $connection = null) {}
    public function encode($message, $connection = null) {}
}

/**
 * Redis replies (RESP2/RESP3) decoded into PHP values: string, int, float, bool, null, arrays
 * (maps as keyed arrays), RedisError objects for error replies. encode(['SET', 'k', 'v'])
 * makes a command.
 */
class RedisParser
{
    public $max_packet_size = 8388608;
    public function __construct($config = null) {}
    public function input($buffer, $connection = null) {}
    public function decode($buffer, $connection = null) {}
    public function encode($message, $connection = null) {}
}

/** An error reply ("-ERR ...") from RedisParser. */
class RedisError
{
    public $message = null;
    public function __toString(): string {}
}

}
