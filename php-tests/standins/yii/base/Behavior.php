<?php
namespace yii\base;

/** Stand-in for yii\base\Behavior: attach() sets the owner and attaches events(). */
class Behavior extends BaseObject
{
    public $owner;
    private $_attachedEvents = [];

    public function events()
    {
        return [];
    }

    public function attach($owner)
    {
        $this->owner = $owner;
        foreach ($this->events() as $event => $handler) {
            $this->_attachedEvents[$event] = $handler;
            $owner->on($event, is_string($handler) ? [$this, $handler] : $handler);
        }
    }

    public function detach()
    {
        if ($this->owner) {
            foreach ($this->_attachedEvents as $event => $handler) {
                $this->owner->off($event, is_string($handler) ? [$this, $handler] : $handler);
            }
            $this->_attachedEvents = [];
            $this->owner = null;
        }
    }
}
