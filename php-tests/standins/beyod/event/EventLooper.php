<?php
namespace beyod\event;

use yii\base\Component;

/**
 * Stand-in for beyod\event\EventLooper: the looper API beyod's server and the original
 * StreamClient use (add/del with EV_* flags, addFdEvent, addTimeout, addInterval …).
 * Callbacks: fd events function($fd, $flag, $args); timers function($timerId, $ms, $flag, $args).
 */
abstract class EventLooper extends Component
{
    const EV_READ = 1;
    const EV_WRITE = 2;
    const EV_SIGNAL = 4;
    const EV_INTERVAL = 8;
    const EV_TIMEOUT = 16;

    /** Timer ids given back by unsetId(), handed out again first. */
    protected static $freeIds = [];
    protected static $lastId = 0;

    /** A timer id: one given back earlier if there is one, else a new one. */
    public static function generateId()
    {
        return static::$freeIds ? array_shift(static::$freeIds) : ++static::$lastId;
    }

    /** Gives $id back for generateId() to reuse. */
    public static function unsetId($id)
    {
        static::$freeIds[$id] = $id;
    }

    abstract public function add($fd, $flag, callable $callback, $args = null);

    abstract public function del($fd, $flag);

    abstract public function loop();

    abstract public function destroy();

    public function addFdEvent($fd, $flag, $callback, $args = null)
    {
        return $this->add($fd, $flag, $callback, $args);
    }

    public function delFdEvent($fd, $flag)
    {
        return $this->del($fd, $flag);
    }

    public function addInterval($millisecond, $callback, $args = null)
    {
        return $this->add($millisecond, static::EV_INTERVAL, $callback, $args);
    }

    public function delInterval($timerId)
    {
        return $this->del($timerId, static::EV_INTERVAL);
    }

    public function addTimeout($millisecond, $callback, $args = null)
    {
        return $this->add($millisecond, static::EV_TIMEOUT, $callback, $args);
    }

    public function delTimeout($timerId)
    {
        return $this->del($timerId, static::EV_TIMEOUT);
    }
}
