<?php
/**
 * The scenario ../host-event-looper.php on the real beyod + Yii stack, as a script that runs on its own (in a
 * child process: with the extension or the original, under either looper).
 */
require_once __DIR__ . '/../../inc/modes.php';
if (!defined('MODE')) {
    load_mode('real');
}
require __DIR__ . '/../host-event-looper.php';
