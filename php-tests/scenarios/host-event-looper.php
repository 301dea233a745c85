<?php
/**
 * Host: the application's Yii::$app->eventLooper, the way beyod runs — the application calls
 * nothing of the extension's: the first connect() registers the reactor with the looper
 * (addFdEvent(Loop::stream(), EV_READ, …)), and the looper's own loop() drives everything.
 * With beyod the looper is a beyod\event\EventLooper; with Yii only, the application's own
 * class with the same API; without Yii there is no Yii::$app and the application runs
 * Loop::run().
 */
use beyod\ext\Loop;

require __DIR__ . '/host-workload.php';

/** Without beyod: the application's own stream_select looper with beyod's looper API. */
class AppLooper
{
    const EV_READ = 1;
    public $watched = [];
    private $running;

    public function addFdEvent($fd, $flag, $callback, $args = null)
    {
        $this->watched[(int)$fd] = [$fd, $callback, $args];
        return true;
    }

    public function delFdEvent($fd, $flag)
    {
        unset($this->watched[(int)$fd]);
    }

    public function loop()
    {
        for ($this->running = true; $this->running && $this->watched;) {
            $r = array_column($this->watched, 0);
            $w = $e = [];
            foreach (stream_select($r, $w, $e, 1) ? $r : [] as $s) {
                [$fd, $callback, $args] = $this->watched[(int)$s];
                $callback($fd, self::EV_READ, $args);
            }
        }
    }

    public function stop()
    {
        $this->running = false;
    }
}

if (with_yii()) {
    if (with_beyod()) {
        beyod_app_with_looper();
    } else {
        Yii::$app = new yii\di\ServiceLocator(['components' => ['eventLooper' => ['class' => 'AppLooper']]]);
    }
    $looper = Yii::$app->eventLooper;
    echo "Yii::\$app->eventLooper: ", get_class($looper), "\n";
    $cleanup = host_workload(fn () => $looper->stop());
    $looper->loop();
    echo "descriptors the looper watched: ", with_beyod() ? $looper->watchedCount() : count($looper->watched), "\n";
} else {
    echo "no Yii::\$app: the application runs Loop::run()\n";
    $cleanup = host_workload(fn () => Loop::stop());
    Loop::run();
}
$cleanup();
