<?php
namespace yii\di;

use yii\base\Component;

/**
 * Stand-in for yii\di\ServiceLocator (what Yii::$app is): components declared by config and
 * built on first access, reachable as properties ($app->eventLooper) through __get/__isset.
 */
class ServiceLocator extends Component
{
    private $_components = [];
    private $_definitions = [];

    public function __get($name)
    {
        if ($this->has($name)) {
            return $this->get($name);
        }
        return parent::__get($name);
    }

    public function __isset($name)
    {
        return $this->has($name) || parent::__isset($name);
    }

    public function has($id)
    {
        return isset($this->_definitions[$id]) || isset($this->_components[$id]);
    }

    public function get($id)
    {
        if (!isset($this->_components[$id])) {
            $this->_components[$id] = \Yii::createObject($this->_definitions[$id]);
        }
        return $this->_components[$id];
    }

    public function set($id, $definition)
    {
        unset($this->_components[$id]);
        $this->_definitions[$id] = $definition;
    }

    public function setComponents($components)
    {
        foreach ($components as $id => $definition) {
            $this->set($id, $definition);
        }
    }
}
