--TEST--
StreamClient status and event-name constants, event class constants (STATUS_CLOSED is 0 as the manual says)
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
use beyod\StreamClient;
use beyod\ext\ErrorEvent;
use beyod\ext\CloseEvent;

var_dump(StreamClient::STATUS_CLOSED, StreamClient::STATUS_CONNECTING, StreamClient::STATUS_ESTABLISHED);
foreach (['ON_BEFORE_CONNECT', 'ON_CONNECT', 'ON_CONNECT_FAILED', 'ON_MESSAGE', 'ON_CLOSE',
          'ON_BAD_PACKET', 'ON_BUFFER_FULL', 'ON_BUFFER_DRAIN', 'ON_ERROR'] as $k) {
    echo $k, ' = ', constant(StreamClient::class . '::' . $k), "\n";
}
var_dump(ErrorEvent::ERROR_CLOSED, ErrorEvent::ERROR_TIMEDOUT, ErrorEvent::ERROR_BAD_PACKET, ErrorEvent::ERROR_LARGE_PACKET);
var_dump(CloseEvent::BY_SELF, CloseEvent::BY_PEER);
?>
--EXPECT--
int(0)
int(1)
int(2)
ON_BEFORE_CONNECT = onBeforeConnect
ON_CONNECT = onConnect
ON_CONNECT_FAILED = onConnectFailed
ON_MESSAGE = onMessage
ON_CLOSE = onClose
ON_BAD_PACKET = onBadPacket
ON_BUFFER_FULL = onBufferFull
ON_BUFFER_DRAIN = onBufferDrain
ON_ERROR = onError
int(10)
int(20)
int(30)
int(100)
int(0)
int(1)
