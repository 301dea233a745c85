<?php
/**
 * The reverse-proxy scenario (../pipe-beyod-connection.php) on the real beyod + Yii stack, as a
 * script that runs with the extension and with the original (its 'real' mode only uses beyod's
 * API and Yii::$app->eventLooper).
 */
require_once __DIR__ . '/../../inc/modes.php';
if (!defined('MODE')) {
    load_mode('real');
}
require __DIR__ . '/../pipe-beyod-connection.php';
