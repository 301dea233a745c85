<?php
namespace beyod;

/** Stand-in for beyod\MessageEvent. */
class MessageEvent extends IOEvent
{
    public $message;
}
