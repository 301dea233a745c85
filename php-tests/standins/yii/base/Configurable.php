<?php
namespace yii\base;

/** Stand-in: classes whose constructor's last parameter is a config array. */
interface Configurable
{
}
