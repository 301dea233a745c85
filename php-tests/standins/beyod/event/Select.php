<?php
namespace beyod\event;

require_once __DIR__ . '/../../../inc/SelectLooper.php';

/**
 * Not one of beyod's classes (beyod ships a libevent looper only): the tests' stream_select
 * EventLooper, BeyodTest\SelectLooper (inc/SelectLooper.php, the one the real-code tests give
 * the real application), under the name Yii::$app->eventLooper has in the yii-beyod tests.
 * In those it extends the stand-in EventLooper, in the real-code tests beyod's own.
 */
class Select extends \BeyodTest\SelectLooper
{
}
