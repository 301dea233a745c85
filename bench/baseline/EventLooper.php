<?php
namespace bench\baseline;

/**
 * beyod's EventLooper interface (addFdEvent/add/del on a stream, addTimeout/delTimeout in ms)
 * over PHP's stream_select(): what a beyod application without the `event` PECL extension
 * runs on. Callbacks get ($stream, $flag, null); timers get ($id, 0, null), as in beyod.
 *
 * stream_select() is select(2): descriptors >= FD_SETSIZE (1024) cannot be watched, so the
 * idle-connections workload connects the baseline clients blocking (see bench/README.md).
 */
final class EventLooper
{
    const EV_READ = 1;
    const EV_WRITE = 2;

    private static $instance;

    private $read = [];
    private $readCb = [];
    private $write = [];
    private $writeCb = [];
    private $timers = [];      // id => [due (float s), callback]
    private $timerSeq = 0;
    private $running = false;

    public static function instance(): self
    {
        return self::$instance ??= new self();
    }

    public function addFdEvent($fd, $flag, $callback)
    {
        return $this->add($fd, $flag, $callback);
    }

    public function add($fd, $flag, $callback)
    {
        $k = (int) $fd;
        if ($flag & self::EV_READ) {
            $this->read[$k] = $fd;
            $this->readCb[$k] = $callback;
        }
        if ($flag & self::EV_WRITE) {
            $this->write[$k] = $fd;
            $this->writeCb[$k] = $callback;
        }
        return true;
    }

    public function del($fd, $flag)
    {
        $k = (int) $fd;
        if ($flag & self::EV_READ) {
            unset($this->read[$k], $this->readCb[$k]);
        }
        if ($flag & self::EV_WRITE) {
            unset($this->write[$k], $this->writeCb[$k]);
        }
    }

    public function addTimeout($ms, $callback)
    {
        $id = ++$this->timerSeq;
        $this->timers[$id] = [microtime(true) + $ms / 1000, $callback];
        return $id;
    }

    public function delTimeout($id)
    {
        unset($this->timers[$id]);
    }

    public function stop()
    {
        $this->running = false;
    }

    /** Runs until stop(), or until nothing is watched and no timer is left. */
    public function loop()
    {
        $this->running = true;
        while ($this->running && ($this->read || $this->write || $this->timers)) {
            $wait = null;
            if ($this->timers) {
                $next = min(array_column($this->timers, 0));
                $wait = max(0, $next - microtime(true));
            }
            if ($this->read || $this->write) {
                $r = $this->read;
                $w = $this->write;
                $e = null;
                $sec = $wait === null ? null : (int) $wait;
                $usec = $wait === null ? null : (int) (($wait - (int) $wait) * 1e6);
                if (@stream_select($r, $w, $e, $sec, $usec) === false) {
                    throw new \RuntimeException('stream_select failed: ' . (error_get_last()['message'] ?? '?'));
                }
                foreach ($r as $fd) {
                    $k = (int) $fd;
                    if (isset($this->readCb[$k])) {
                        call_user_func($this->readCb[$k], $fd, self::EV_READ, null);
                    }
                }
                foreach ($w as $fd) {
                    $k = (int) $fd;
                    if (isset($this->writeCb[$k])) {
                        call_user_func($this->writeCb[$k], $fd, self::EV_WRITE, null);
                    }
                }
            } elseif ($wait > 0) {
                usleep((int) ($wait * 1e6));
            }
            if ($this->timers) {
                $now = microtime(true);
                foreach ($this->timers as $id => [$due, $cb]) {
                    if ($due <= $now && isset($this->timers[$id])) {
                        unset($this->timers[$id]);
                        call_user_func($cb, $id, 0, null);
                    }
                }
            }
        }
        $this->running = false;
    }
}
