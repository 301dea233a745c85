<?php
/**
 * The config array of `new Subclass([...])` is assigned as the original's
 * `Yii::configure($this, $config)` assigns it: from outside the class. A property the subclass
 * keeps to itself (protected, private) is not written directly: Yii's `__set()` decides (a
 * setter, else "Setting unknown property", or "Setting read-only property" with only a getter);
 * public ones, setters and `'on event'` keys work. Written only against beyod's API so the same
 * script runs with the extension and with the original.
 */
use beyod\StreamClient;

require_once __DIR__ . '/../../inc/helpers.php';
require_once __DIR__ . '/../../inc/real-code.php';
if (!class_exists('Yii', false)) {
    load_real_code();
}

class ScopedClient extends StreamClient
{
    public $open = 'default';
    protected $kept = 'default';
    private $own = 'default';
    protected $withSetter = 'default';
    protected $withGetter = 'default';

    public function setWithSetter($v)
    {
        $this->withSetter = "via setter: $v";
    }

    public function getWithGetter()
    {
        return $this->withGetter;
    }

    public function dump(): string
    {
        return json_encode([$this->open, $this->kept, $this->own, $this->withSetter, $this->withGetter]);
    }
}

foreach ([['open' => 'x'], ['kept' => 'x'], ['own' => 'x'], ['withSetter' => 'x'], ['withGetter' => 'x'],
          ['target' => 'tcp://127.0.0.1:1', 'open' => 'y']] as $config) {
    try {
        $c = new ScopedClient($config);
        echo json_encode($config), ": ", $c->dump(), "\n";
    } catch (\Throwable $e) {
        echo json_encode($config), ": ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
