<?php
/**
 * The SKIPIF condition every test shares: its --SKIPIF-- section starts with
 *     <?php require __DIR__ . '/../inc/skipif.php'; ?>
 * (run-tests.php writes the section next to the test, so __DIR__ is the test's folder), and the
 * test's own conditions follow on their own lines.
 */
if (!extension_loaded('beyod_streamclient')) {
    die('skip beyod_streamclient not loaded');
}
