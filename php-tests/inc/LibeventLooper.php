<?php
namespace BeyodTest;

/**
 * beyod's own looper, beyod\event\Event (libevent, through the `event` PECL extension): the loop
 * beyod applications run in production, unchanged. It has no way to stop loop() and no way to
 * run a bounded round, which the test scenarios need (looper_wait_until()/looper_run_for() call
 * once(), the host and pipe scenarios call stop()): this subclass adds only those, and
 * watchedCount(), which the host scenario prints. Everything the client and the server-side
 * code call (add/del, addFdEvent, timers, loop) is beyod's.
 */
class LibeventLooper extends \beyod\event\Event
{
    /** @var \Event|null the timer that bounds once() */
    private $onceTimer;

    /** Makes loop() return after the callbacks of the current round. */
    public function stop()
    {
        $this->eventBase->stop();
    }

    /** One round: wait for events (at most $max seconds), run those that are active. */
    public function once(float $max = 1.0)
    {
        if ($this->onceTimer === null) {
            $this->onceTimer = new \Event($this->eventBase, -1, \Event::TIMEOUT, function () {
            });
        }
        $this->onceTimer->add(max(0.0, $max));
        $this->eventBase->loop(\EventBase::LOOP_ONCE);
        $this->onceTimer->del();
    }

    /** How many descriptors are watched for reads (for the tests). */
    public function watchedCount(): int
    {
        return count(array_filter($this->fdEvents, fn ($events) => isset($events[static::EV_READ])));
    }

    public function destroy()
    {
        if ($this->onceTimer !== null) {
            $this->onceTimer->free();
            $this->onceTimer = null;
        }
        parent::destroy();
    }
}
