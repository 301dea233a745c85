<?php
namespace beyod;

/** Stand-in for beyod\IOEvent: a yii\base\Event whose constructor also accepts its sender. */
class IOEvent extends \yii\base\Event
{
    public $context;

    public function __construct($config = [])
    {
        if (is_object($config)) {
            $this->sender = $config;
            $config = [];
        }
        parent::__construct($config);
    }
}
