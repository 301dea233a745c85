<?php
namespace beyod;

use Yii;
use beyod\event\EventLooper;

/**
 * Stand-in for beyod's server-side Connection (an accepted socket driven by
 * Yii::$app->eventLooper), with what pipe() relies on: a protected $_pipe that pipe() sets on
 * BOTH ends (`$target->_pipe = $this`, which a native StreamClient receives through __set),
 * readBuffer() forwarding raw bytes to the pipe's other end with send($data, true),
 * pauseRecv()/resumeRecv() (backpressure), isClosed(), close().
 */
class Connection extends \yii\base\Component
{
    protected $_pipe;
    protected $socket;
    protected $paused = false;
    protected $closed = false;
    public $received = '';

    public function __construct($socket)
    {
        $this->socket = $socket;
        stream_set_blocking($socket, false);
        parent::__construct();
        Yii::$app->eventLooper->addFdEvent($socket, EventLooper::EV_READ, [$this, 'readBuffer']);
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

    /** For the tests: the other end of the pipe. */
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
        if ($this->_pipe) {
            if ($this->_pipe->isClosed()) {
                return false;
            }
            $this->_pipe->send($data, true);
            return;
        }
        $this->received .= $data;
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
            Yii::$app->eventLooper->delFdEvent($this->socket, EventLooper::EV_READ);
        }
    }

    public function resumeRecv()
    {
        if ($this->paused) {
            $this->paused = false;
            Yii::$app->eventLooper->addFdEvent($this->socket, EventLooper::EV_READ, [$this, 'readBuffer']);
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
            Yii::$app->eventLooper->delFdEvent($this->socket, EventLooper::EV_READ);
            fclose($this->socket);
            $this->trigger('onClose');
        }
    }
}
