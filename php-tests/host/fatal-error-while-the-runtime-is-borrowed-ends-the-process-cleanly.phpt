--TEST--
A fatal error that longjmps out of the extension while it holds its runtime (here a destructor that Loop::cancel() runs by releasing the timer's callback) ends the request as PHP ends any fatal error: exit status 255, the error shown, no abort at RSHUTDOWN
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!is_readable('/proc/self/maps')) die('skip needs /proc/self/maps to find the extension for the child process'); ?>
--FILE--
<?php
require __DIR__ . '/workers.php';

$code = <<<'PHP'
use beyod\ext\Loop;
class Dies
{
    public function __destruct()
    {
        echo "destructor\n";
        trigger_error('the destructor died', E_USER_ERROR);
    }
}
$o = new Dies();
$id = Loop::after(10, function () use ($o) {});
unset($o);
Loop::cancel($id);
echo "not reached\n";
PHP;
$cmd = [PHP_BINARY, '-n', '-d', 'extension=' . loaded_extension_path(), '-d', 'display_errors=1',
    '-d', 'log_errors=0', '-d', 'html_errors=0', '-r', $code];
$proc = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$out = stream_get_contents($pipes[1]);
$err = stream_get_contents($pipes[2]);
$status = proc_close($proc);
echo $out;
echo "exit status: $status\n";
echo "stderr: ", $err === '' ? "(nothing)\n" : $err;
?>
--EXPECTF--
destructor

Fatal error: the destructor died in Command line code on line %d
exit status: 255
stderr: (nothing)
