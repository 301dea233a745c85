<?php
namespace beyod\event;

/**
 * A stream_select looper with beyod's EventLooper API (beyod itself ships a libevent one).
 * loop() runs until stop() or until nothing is watched; it sleeps in stream_select between
 * events, so an idle loop costs no CPU.
 */
class Select extends EventLooper
{
    private $reads = [];
    private $timers = [];
    private $nextTimer = 0;
    private $running = false;

    public function add($fd, $flag, callable $callback, $args = null)
    {
        switch ($flag) {
            case static::EV_READ:
                $this->reads[(int)$fd] = [$fd, $callback, $args];
                return true;
            case static::EV_TIMEOUT:
            case static::EV_INTERVAL:
                $id = ++$this->nextTimer;
                $this->timers[$id] = [microtime(true) + $fd / 1000, $fd, $flag, $callback, $args];
                return $id;
        }
        return false;
    }

    public function del($fd, $flag)
    {
        if ($flag === static::EV_READ) {
            unset($this->reads[(int)$fd]);
        } else {
            unset($this->timers[$fd]);
        }
        return true;
    }

    /** For the tests: how many descriptors are watched for reads. */
    public function watchedCount()
    {
        return count($this->reads);
    }

    public function stop()
    {
        $this->running = false;
    }

    public function loop()
    {
        $this->running = true;
        while ($this->running && ($this->reads || $this->timers)) {
            $this->once();
        }
    }

    public function once()
    {
        $wait = 1.0;
        foreach ($this->timers as [$at]) {
            $wait = min($wait, max(0, $at - microtime(true)));
        }
        $r = array_column($this->reads, 0);
        $w = $e = [];
        if ($r) {
            $n = @stream_select($r, $w, $e, (int)$wait, (int)(fmod($wait, 1) * 1e6));
            foreach ($n ? $r : [] as $stream) {
                if (isset($this->reads[(int)$stream])) {
                    [$fd, $callback, $args] = $this->reads[(int)$stream];
                    $callback($fd, static::EV_READ, $args);
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
        $this->reads = $this->timers = [];
        $this->running = false;
    }
}
