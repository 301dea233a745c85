<?php
// The pure-PHP baseline: beyod's StreamClient as a migrating user runs it today, rebuilt
// without Yii (see README.md in this folder). Loaded by the bench's workload scripts.
require_once __DIR__ . '/Component.php';
require_once __DIR__ . '/events.php';
require_once __DIR__ . '/EventLooper.php';
require_once __DIR__ . '/StreamClient.php';
