--TEST--
stubs/beyod_streamclient.stub.php matches the real classes (the event classes autoloaded): classes, parents, constants, properties (with defaults), methods (static-ness, parameter names, optional-ness), both ways
--SKIPIF--
<?php require __DIR__ . '/../inc/skipif.php'; ?>
<?php if (!is_file(__DIR__ . '/../../stubs/beyod_streamclient.stub.php')) die('skip stub file not found'); ?>
--INI--
display_startup_errors=0
error_log=/dev/null
--FILE--
<?php
// The stub is loaded under a different root namespace (stubcheck\beyod\...) so both the stub's
// classes and the extension's real ones can be reflected side by side.
$src = file_get_contents(__DIR__ . '/../../stubs/beyod_streamclient.stub.php');
$src = preg_replace('/^namespace\s+beyod(\\\\ext)?\s*\{/m', 'namespace stubcheck\\beyod$1 {', $src, -1, $n);
if ($n < 2) {
    echo "could not rewrite the stub's namespaces ($n)\n";
}
eval('?>' . $src);

$stubClasses = [];
foreach (get_declared_classes() as $cls) {
    if (strncasecmp($cls, 'stubcheck\\', 10) === 0) {
        $stubClasses[] = substr($cls, 10);
    }
}
sort($stubClasses);
// the event classes are declared on first use (autoloaded): ask for each class the stub names
foreach ($stubClasses as $cls) {
    class_exists($cls);
}
$realClasses = [];
foreach (get_declared_classes() as $cls) {
    if (strncasecmp($cls, 'beyod\\', 6) === 0) {
        $realClasses[] = $cls;
    }
}
sort($realClasses);
echo "stub classes: ", implode(', ', $stubClasses), "\n";

$problems = [];
foreach (array_diff($realClasses, $stubClasses) as $extra) {
    $problems[] = "class $extra exists but is not in the stub";
}
foreach (array_diff($stubClasses, $realClasses) as $missing) {
    $problems[] = "class $missing is in the stub but does not exist";
}
// beyod's own event classes must never be registered by the extension
foreach (['beyod\IOEvent', 'beyod\MessageEvent', 'beyod\ErrorEvent', 'beyod\CloseEvent'] as $forbidden) {
    if (class_exists($forbidden, false)) {
        $problems[] = "the extension registered $forbidden";
    }
}

$unmap = fn (?string $name) => $name === null ? null : preg_replace('/^stubcheck\\\\/i', '', $name);
$show = fn ($v) => var_export($v, true);

foreach (array_intersect($stubClasses, $realClasses) as $cls) {
    $s = new ReflectionClass('stubcheck\\' . $cls);
    $r = new ReflectionClass($cls);
    if ($s->isFinal() !== $r->isFinal()) {
        $problems[] = "$cls: final stub=" . $show($s->isFinal()) . " real=" . $show($r->isFinal());
    }
    $sp = $s->getParentClass() ? $unmap($s->getParentClass()->getName()) : null;
    $rp = $r->getParentClass() ? $r->getParentClass()->getName() : null;
    if ($sp !== $rp) {
        $problems[] = "$cls: parent stub=" . $show($sp) . " real=" . $show($rp);
    }

    // constants, both ways, with values
    $sc = $s->getConstants();
    $rc = $r->getConstants();
    foreach ($sc + $rc as $k => $_) {
        if (!array_key_exists($k, $rc)) {
            $problems[] = "$cls::$k missing in the extension";
        } elseif (!array_key_exists($k, $sc)) {
            $problems[] = "$cls::$k not in the stub";
        } elseif ($sc[$k] !== $rc[$k]) {
            $problems[] = "$cls::$k stub=" . $show($sc[$k]) . " real=" . $show($rc[$k]);
        }
    }

    // public properties, both ways, with static-ness and default
    $props = function (ReflectionClass $c) {
        $out = [];
        foreach ($c->getProperties(ReflectionProperty::IS_PUBLIC) as $p) {
            $out[$p->getName()] = [$p->isStatic(), $p->hasDefaultValue() ? $p->getDefaultValue() : '(no default)'];
        }
        return $out;
    };
    $spr = $props($s);
    $rpr = $props($r);
    foreach ($spr + $rpr as $k => $_) {
        if (!isset($rpr[$k])) {
            $problems[] = "$cls::\$$k missing in the extension";
        } elseif (!isset($spr[$k])) {
            $problems[] = "$cls::\$$k not in the stub";
        } elseif ($spr[$k] !== $rpr[$k]) {
            $problems[] = "$cls::\$$k stub=" . json_encode($spr[$k]) . " real=" . json_encode($rpr[$k]);
        }
    }

    // public methods, both ways: static-ness, parameter names and optional-ness
    $methods = function (ReflectionClass $c) {
        $out = [];
        foreach ($c->getMethods(ReflectionMethod::IS_PUBLIC) as $m) {
            $params = [];
            foreach ($m->getParameters() as $p) {
                $params[] = ($p->isVariadic() ? '...' : '') . '$' . $p->getName() . ($p->isOptional() ? '=?' : '');
            }
            $out[strtolower($m->getName())] = ($m->isStatic() ? 'static ' : '') . $m->getName() . '(' . implode(', ', $params) . ')';
        }
        return $out;
    };
    $sm = $methods($s);
    $rm = $methods($r);
    foreach ($sm + $rm as $k => $_) {
        if (!isset($rm[$k])) {
            $problems[] = "$cls::{$sm[$k]} missing in the extension";
        } elseif (!isset($sm[$k])) {
            $problems[] = "$cls::{$rm[$k]} not in the stub";
        } elseif ($sm[$k] !== $rm[$k]) {
            $problems[] = "$cls: stub {$sm[$k]} vs real {$rm[$k]}";
        }
    }
}
echo $problems ? implode("\n", $problems) . "\n" : "stub and extension agree\n";
?>
--EXPECT--
stub classes: beyod\StreamClient, beyod\ext\CloseEvent, beyod\ext\ErrorEvent, beyod\ext\Event, beyod\ext\IOEvent, beyod\ext\LengthParser, beyod\ext\LineParser, beyod\ext\Loop, beyod\ext\MessageEvent, beyod\ext\RedisError, beyod\ext\RedisParser
stub and extension agree
