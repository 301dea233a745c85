<?php
namespace yii\base;

/**
 * Stand-in for yii\base\Component: events (on/off/trigger, then class-level handlers) and
 * behaviors, enough for the stand-in application and event looper.
 */
class Component extends BaseObject
{
    private $_events = [];
    private $_behaviors;

    public function behaviors()
    {
        return [];
    }

    public function ensureBehaviors()
    {
        if ($this->_behaviors === null) {
            $this->_behaviors = [];
            foreach ($this->behaviors() as $name => $behavior) {
                $this->attachBehavior($name, $behavior);
            }
        }
    }

    public function attachBehavior($name, $behavior)
    {
        $this->ensureBehaviors();
        if (!($behavior instanceof Behavior)) {
            $behavior = \Yii::createObject($behavior);
        }
        if (isset($this->_behaviors[$name])) {
            $this->_behaviors[$name]->detach();
        }
        $behavior->attach($this);
        $this->_behaviors[$name] = $behavior;
        return $behavior;
    }

    public function getBehaviors()
    {
        $this->ensureBehaviors();
        return $this->_behaviors;
    }

    public function __set($name, $value)
    {
        if (strncmp($name, 'on ', 3) === 0) {
            $this->on(trim(substr($name, 3)), $value);
            return;
        }
        if (strncmp($name, 'as ', 3) === 0) {
            $this->attachBehavior(trim(substr($name, 3)), $value);
            return;
        }
        parent::__set($name, $value);
    }

    public function on($name, $handler, $data = null, $append = true)
    {
        $this->ensureBehaviors();
        if ($append || empty($this->_events[$name])) {
            $this->_events[$name][] = [$handler, $data];
        } else {
            array_unshift($this->_events[$name], [$handler, $data]);
        }
    }

    public function off($name, $handler = null)
    {
        if (empty($this->_events[$name])) {
            return false;
        }
        if ($handler === null) {
            unset($this->_events[$name]);
            return true;
        }
        $before = count($this->_events[$name]);
        $this->_events[$name] = array_values(array_filter($this->_events[$name], fn ($h) => $h[0] !== $handler));
        return count($this->_events[$name]) !== $before;
    }

    public function hasEventHandlers($name)
    {
        return !empty($this->_events[$name]) || Event::hasHandlers($this, $name);
    }

    public function trigger($name, ?Event $event = null)
    {
        $this->ensureBehaviors();
        if (!empty($this->_events[$name])) {
            $event = $event ?? new Event();
            if ($event->sender === null) {
                $event->sender = $this;
            }
            $event->handled = false;
            $event->name = $name;
            foreach ($this->_events[$name] as [$handler, $data]) {
                $event->data = $data;
                call_user_func($handler, $event);
                if ($event->handled) {
                    return;
                }
            }
        }
        Event::trigger($this, $name, $event);
    }
}
