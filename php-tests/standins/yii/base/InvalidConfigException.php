<?php
namespace yii\base;

/** Stand-in for Yii's exception of the same name. */
class InvalidConfigException extends Exception
{
}
