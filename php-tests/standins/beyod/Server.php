<?php
namespace beyod;

use Yii;

/**
 * Stand-in for beyod\Server (a yii\base\Component in beyod): its event-name and error
 * constants, and onWorkerStart($workerId, $GPID) — the hook a beyod worker calls once its
 * listeners accept, right before Yii::$app->eventLooper->loop(); beyod's manual overrides it
 * to start StreamClient connections. Like beyod's, it only logs (Yii::trace).
 */
class Server extends \yii\base\Component
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

    public function onWorkerStart($workerId, $GPID)
    {
        Yii::trace("worker(worker_id: $workerId GPID: $GPID) started", 'beyod');
    }
}
