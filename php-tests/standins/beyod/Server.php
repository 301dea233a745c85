<?php
namespace beyod;

/** Stand-in for beyod\Server: only its event-name and error constants. */
class Server
{
    const ON_BEFORE_CONNECT = 'onBeforeConnect';
    const ON_CONNECT = 'onConnect';
    const ON_CONNECT_FAILED = 'onConnectFailed';
    const ON_MESSAGE = 'onMessage';
    const ON_CLOSE = 'onClose';
    const ON_BAD_PACKET = 'onBadPacket';
    const ON_BUFFER_FULL = 'onBufferFull';
    const ON_BUFFER_DRAIN = 'onBufferDrain';
    const ON_ERROR = 'onError';
    const ERROR_LARGE_PACKET = 100;
}
