<?php
namespace BeyodTest;

use beyod\event\EventLooper;

/**
 * A stream_select implementation of beyod's abstract EventLooper, as an application without
 * the `event` PECL extension writes one: read and write watchers on streams, timeouts and
 * intervals. loop() runs until stop() or until nothing is watched; it sleeps in stream_select
 * between events, so an idle loop costs no CPU. Timer callbacks get ($timerId, $ms, $flag, $args).
 */
class SelectLooper extends EventLooper
{
    /** @var array<int, array<int, array>> flag => (int)$fd => [$fd, $callback, $args] */
    private $watchers = [self::EV_READ => [], self::EV_WRITE => []];
    private $timers = [];
    private $running = false;

    public function add($fd, $flag, callable $callback, $args = null)
    {
        switch ($flag) {
            case static::EV_READ:
            case static::EV_WRITE:
                $this->watchers[$flag][(int)$fd] = [$fd, $callback, $args];
                return true;
            case static::EV_TIMEOUT:
            case static::EV_INTERVAL:
                $id = static::generateId();
                $this->timers[$id] = [microtime(true) + $fd / 1000, $fd, $flag, $callback, $args];
                return $id;
        }
        return false;
    }

    public function del($fd, $flag)
    {
        switch ($flag) {
            case static::EV_READ:
            case static::EV_WRITE:
                unset($this->watchers[$flag][(int)$fd]);
                return true;
            case static::EV_TIMEOUT:
            case static::EV_INTERVAL:
                if (isset($this->timers[$fd])) {
                    unset($this->timers[$fd]);
                    static::unsetId($fd);
                }
                return true;
        }
        return false;
    }

    /** How many descriptors are watched for reads (for the tests). */
    public function watchedCount(): int
    {
        return count($this->watchers[static::EV_READ]);
    }

    public function stop()
    {
        $this->running = false;
    }

    public function loop()
    {
        $this->running = true;
        while ($this->running && ($this->watchers[static::EV_READ] || $this->watchers[static::EV_WRITE] || $this->timers)) {
            $this->once();
        }
    }

    /** One round: wait for I/O (at most until the next timer, at most $max seconds), run what is due. */
    public function once(float $max = 1.0)
    {
        $wait = $max;
        foreach ($this->timers as [$at]) {
            $wait = min($wait, max(0, $at - microtime(true)));
        }
        $r = array_column($this->watchers[static::EV_READ], 0);
        $w = array_column($this->watchers[static::EV_WRITE], 0);
        $e = [];
        if ($r || $w) {
            $n = @stream_select($r, $w, $e, (int)$wait, (int)(fmod($wait, 1) * 1e6));
            foreach ([static::EV_READ => $n ? $r : [], static::EV_WRITE => $n ? $w : []] as $flag => $ready) {
                foreach ($ready as $stream) {
                    // a callback may have removed a watcher of this round
                    if (isset($this->watchers[$flag][(int)$stream])) {
                        [$fd, $callback, $args] = $this->watchers[$flag][(int)$stream];
                        $callback($fd, $flag, $args);
                    }
                }
            }
        } else {
            usleep((int)($wait * 1e6));
        }
        $now = microtime(true);
        foreach ($this->timers as $id => [$at, $ms, $flag, $callback, $args]) {
            if ($at <= $now && isset($this->timers[$id])) {
                if ($flag === static::EV_INTERVAL) {
                    $this->timers[$id][0] = $now + $ms / 1000;
                } else {
                    unset($this->timers[$id]);
                }
                $callback($id, $ms, $flag, $args);
            }
        }
    }

    public function destroy()
    {
        $this->watchers = [self::EV_READ => [], self::EV_WRITE => []];
        $this->timers = [];
        $this->running = false;
    }
}
