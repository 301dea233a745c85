<?php
namespace beyod;

/** Stand-in for beyod\CloseEvent. */
class CloseEvent extends IOEvent
{
    const BY_SELF = 0;
    const BY_PEER = 1;

    public $by = self::BY_SELF;

    public function getCloser()
    {
        return $this->by == static::BY_SELF ? 'self' : 'peer';
    }
}
