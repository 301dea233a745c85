<?php
namespace bench\baseline;

/**
 * The part of yii\base\Component that beyod's StreamClient leans on: named handlers with
 * attached data, `handled` to stop the chain, the event object filled in before each call.
 * Class-level handlers (yii\base\Event::on) are looked up too, as Yii does on every trigger.
 */
class Component
{
    private $_events = [];

    public function on($name, $handler, $data = null, $append = true)
    {
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
        $removed = false;
        foreach ($this->_events[$name] as $i => $h) {
            if ($h[0] === $handler) {
                unset($this->_events[$name][$i]);
                $removed = true;
            }
        }
        if ($removed) {
            $this->_events[$name] = array_values($this->_events[$name]);
        }
        return $removed;
    }

    public function hasEventHandlers($name)
    {
        return !empty($this->_events[$name]) || Event::hasHandlers($this, $name);
    }

    public function trigger($name, Event $event = null)
    {
        if (!empty($this->_events[$name])) {
            if ($event === null) {
                $event = new Event();
            }
            if ($event->sender === null) {
                $event->sender = $this;
            }
            $event->handled = false;
            $event->name = $name;
            foreach ($this->_events[$name] as $handler) {
                $event->data = $handler[1];
                call_user_func($handler[0], $event);
                if ($event->handled) {
                    return;
                }
            }
        }
        Event::triggerClass($this, $name, $event);
    }
}
