<?php
/**
 * The deterministic byte pattern the servers send and the tests check against.
 * Shared by servers/*.php and inc/helpers.php so both sides agree on every byte.
 */

/** $n bytes of 'a'..'z' repeating, starting at offset $from of the infinite pattern. */
function pattern_bytes(int $n, int $from = 0): string
{
    static $block = null;
    if ($block === null) {
        $block = str_repeat(implode('', range('a', 'z')), 2521); // 65546 bytes, a multiple of 26
    }
    $out = '';
    $pos = $from % 26;
    while (strlen($out) < $n) {
        $take = min($n - strlen($out), strlen($block) - $pos);
        $out .= substr($block, $pos, $take);
        $pos = 0;
        // the block is a multiple of 26 long, so the next block starts at 'a' again
    }
    return $out;
}
