<?php
namespace beyod;

/** Stand-in for beyod\ErrorEvent. */
class ErrorEvent extends IOEvent
{
    const ERROR_CLOSED = 10;
    const ERROR_TIMEDOUT = 20;
    const ERROR_BAD_PACKET = 30;

    public $code = 0;
    public $errstr = null;
}
