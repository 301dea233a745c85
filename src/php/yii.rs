//! What the binding takes from Yii when the application has loaded it: `Yii::createObject()`
//! (the DI container builds parsers and behaviors) and `yii\base\Event` (class-level
//! handlers). Everything here is looked up without autoloading: a Yii application loads
//! `Yii.php` itself before anything else, and a miss must not run autoloaders on every call.

use ext_php_rs::types::Zval;
use ext_php_rs::zend::ClassEntry;

use super::zend;

/// `Yii`, when loaded and able to build objects.
fn yii_with_create_object() -> Option<&'static ClassEntry> {
    zend::find_loaded_class("Yii").filter(|ce| zend::class_has_method(ce, "createObject"))
}

/// `Yii::createObject($type)`: `None` when Yii is not loaded; `Some(None)` when it threw
/// (the exception stays pending).
pub fn create_object(ty: &Zval) -> Option<Option<Zval>> {
    yii_with_create_object()?;
    let f = zend::str_zval("Yii::createObject");
    Some(zend::call(&f, &[ty]).filter(|_| !zend::exception_pending()))
}

/// `yii\base\Behavior`, when Yii is loaded.
pub fn behavior_class() -> Option<&'static ClassEntry> {
    yii_with_create_object()?;
    zend::find_class("yii\\base\\Behavior")
}

/// An object from a class name or a `['class' => …, 'prop' => value]` config array: through
/// `Yii::createObject()` when Yii is loaded, else `new $class()` then the properties.
/// `Ok(None)` when a constructor or Yii threw (the exception stays pending); `Err` names
/// what is wrong with the configuration.
pub fn create(config: &Zval) -> Result<Option<Zval>, String> {
    let Some(class) = zend::class_name_of_config(config) else {
        return Err(format!(
            "expected a class name or a config array with a 'class' key, got {}",
            super::zend::describe(config)
        ));
    };
    let Some(ce) = zend::find_class(&class) else {
        if zend::exception_pending() {
            return Ok(None);
        }
        return Err(format!("class \"{class}\" does not exist"));
    };
    if let Some(made) = create_object(config) {
        return Ok(made);
    }
    let Some(mut made) = zend::instantiate(ce, &[]) else {
        return Ok(None);
    };
    if let (Some(o), Some(cfg)) = (made.object_mut(), config.array()) {
        for (k, v) in cfg.iter() {
            let k = k.to_string();
            if k != "class" && k != "__class" {
                zend::write_scoped(o, &k, v.shallow_clone());
                if zend::exception_pending() {
                    return Ok(None);
                }
            }
        }
    }
    Ok(Some(made))
}

/// The parents the original `beyod\StreamClient` has and an extension class cannot: class-level
/// handlers registered on them (`Event::on(BaseConnection::class, …)`, as for every beyod
/// connection, or on `yii\base\Component`) reach the original's events, so they reach ours.
const ORIGINAL_PARENTS: [&str; 3] = [
    "beyod\\BaseConnection",
    "yii\\base\\Component",
    "yii\\base\\BaseObject",
];
/// The interface the original implements through `BaseObject`.
const ORIGINAL_INTERFACE: &str = "yii\\base\\Configurable";

/// Class-level handlers, `yii\base\Event::on($class, $name, …)`, for a client: what
/// `Event::trigger($client, …)` and `Event::hasHandlers($client, …)` do for the original, whose
/// class list (`[class] + class_parents + class_implements`) includes `BaseConnection`,
/// `Component`, `BaseObject` and `Configurable`. Yii keeps the handlers in `Event`'s private
/// statics `$_events[$name][$class]` and `$_eventWildcards[$nameWildcard][$classWildcard]`;
/// they are read in place and Yii's algorithm is followed step by step (wildcards matched with
/// `StringHelper::matchWildcard()`, a class wildcard used once, `handled` stopping the rest).
///
/// An `Event` class that keeps its handlers otherwise (not Yii 2's) is asked through its own
/// static `trigger()`/`hasHandlers()`, with the client's own classes.
pub struct ClassLevel {
    events: Option<Zval>,
    wildcards: Option<Zval>,
    not_yii2: bool,
}

impl ClassLevel {
    /// The registered handlers, or `None` when there are none at all for `name` (the common case).
    pub fn of(event_class: &ClassEntry, name: &str) -> Option<ClassLevel> {
        // Looked at in place first: per event, and almost always there are none at all.
        let seen = zend::peek_static_pair_cached(
            event_class,
            ["_events", "_eventWildcards"],
            |events, wildcards| {
                let events = events?
                    .array()
                    .map(|a| !zend::array_is_empty(a) && a.get(name).is_some_and(non_empty));
                Some((events.unwrap_or(false), wildcards.is_some_and(non_empty)))
            },
        );
        let Some((has_events, has_wildcards)) = seen else {
            return Some(ClassLevel {
                events: None,
                wildcards: None,
                not_yii2: true,
            });
        };
        if !has_events && !has_wildcards {
            return None;
        }
        let events = has_events
            .then(|| zend::read_static_property_cached(event_class, "_events"))
            .flatten();
        let wildcards = has_wildcards
            .then(|| zend::read_static_property_cached(event_class, "_eventWildcards"))
            .flatten();
        Some(ClassLevel {
            events,
            wildcards,
            not_yii2: false,
        })
    }

    /// `Event::hasHandlers($client, $name)`.
    pub fn has(&self, client: &Zval, name: &str) -> bool {
        if self.not_yii2 {
            let f = zend::str_zval("yii\\base\\Event::hasHandlers");
            let r = zend::call(&f, &[client, &zend::str_zval(name)]);
            return r.is_some_and(|r| r.bool().unwrap_or(false));
        }
        let classes = handler_classes(client);
        if classes.iter().any(|c| self.for_class(name, c).is_some()) {
            return true;
        }
        let Some(wildcards) = self.wildcards.as_ref().and_then(|w| w.array()) else {
            return false;
        };
        for (name_wildcard, class_handlers) in wildcards.iter() {
            if !match_wildcard(&name_wildcard.to_string(), name, false) {
                continue;
            }
            let Some(class_handlers) = class_handlers.array() else {
                continue;
            };
            for (class_wildcard, handlers) in class_handlers.iter() {
                let class_wildcard = class_wildcard.to_string();
                if non_empty(handlers)
                    && classes
                        .iter()
                        .any(|c| match_wildcard(&class_wildcard, c, false))
                {
                    return true;
                }
            }
        }
        false
    }

    /// `Event::trigger($client, $name, $event)`. Returns early when a handler threw.
    pub fn trigger(&self, client: &Zval, name: &str, event: &mut Zval) {
        if self.not_yii2 {
            let f = zend::str_zval("yii\\base\\Event::trigger");
            zend::call(&f, &[client, &zend::str_zval(name), event]);
            return;
        }
        let mut wildcard_handlers = self.wildcard_handlers(name);
        if self.events.is_none() && wildcard_handlers.is_empty() {
            return;
        }
        let Some(e) = event.object_mut() else {
            return;
        };
        zend::write_scoped(e, "handled", zend::bool_zval(false));
        zend::write_scoped(e, "name", zend::str_zval(name));
        if zend::read_raw(e, "sender").is_none_or(|s| s.is_null()) {
            zend::write_scoped(e, "sender", client.shallow_clone());
        }
        for class in handler_classes(client) {
            // a class wildcard's handlers run once, for the first class it matches
            let mut handlers: Vec<Zval> = Vec::new();
            wildcard_handlers.retain(|(class_wildcard, list)| {
                if !match_wildcard(class_wildcard, &class, false) {
                    return true;
                }
                handlers.extend(entries(list));
                false
            });
            if let Some(list) = self.for_class(name, &class) {
                handlers.extend(entries(list));
            }
            if !call_handlers(handlers, event) {
                return;
            }
        }
    }

    /// Class wildcard => handlers, of every name wildcard matching `name` (as `array_merge`:
    /// a later name wildcard's entry replaces an earlier one's in place).
    fn wildcard_handlers(&self, name: &str) -> Vec<(String, Zval)> {
        let mut out: Vec<(String, Zval)> = Vec::new();
        let Some(wildcards) = self.wildcards.as_ref().and_then(|w| w.array()) else {
            return out;
        };
        for (name_wildcard, class_handlers) in wildcards.iter() {
            if !match_wildcard(&name_wildcard.to_string(), name, true) {
                continue;
            }
            for (class_wildcard, handlers) in class_handlers.array().into_iter().flatten() {
                let class_wildcard = class_wildcard.to_string();
                match out.iter_mut().find(|(c, _)| *c == class_wildcard) {
                    Some(entry) => entry.1 = handlers.shallow_clone(),
                    None => out.push((class_wildcard, handlers.shallow_clone())),
                }
            }
        }
        out
    }

    /// `$_events[$name][$class]`, when not empty.
    fn for_class(&self, name: &str, class: &str) -> Option<&Zval> {
        self.events
            .as_ref()?
            .array()?
            .get(name)?
            .array()?
            .get(class)
            .filter(|h| non_empty(h))
    }
}

/// The classes Yii's `Event` visits for the original client, for `client`: its class and
/// parents (a subclass, then `beyod\StreamClient`), the original's parents, its interfaces.
fn handler_classes(client: &Zval) -> Vec<String> {
    let names = |f: &str| -> Vec<String> {
        let r = zend::call(&zend::str_zval(f), &[client, &zend::bool_zval(true)]);
        r.as_ref()
            .and_then(|a| a.array())
            .map(|a| a.iter().map(|(k, _)| k.to_string()).collect())
            .unwrap_or_default()
    };
    let mut classes = vec![client
        .object()
        .and_then(|o| o.get_class_name().ok())
        .unwrap_or_default()];
    classes.extend(names("class_parents"));
    classes.extend(ORIGINAL_PARENTS.iter().map(|c| c.to_string()));
    let interfaces = names("class_implements");
    if !interfaces.iter().any(|i| i == ORIGINAL_INTERFACE) {
        classes.push(ORIGINAL_INTERFACE.to_string());
    }
    classes.extend(interfaces);
    classes
}

/// `StringHelper::matchWildcard($pattern, $subject)`, with `['escape' => false]` unless
/// `escape`. `'*'` matches everything without a call (as Yii's own shortcut).
fn match_wildcard(pattern: &str, subject: &str, escape: bool) -> bool {
    if pattern == "*" {
        return true;
    }
    let f = zend::str_zval("yii\\helpers\\StringHelper::matchWildcard");
    let mut options = Zval::new();
    if !escape {
        let mut a = ext_php_rs::types::ZendHashTable::new();
        let _ = a.insert("escape", false);
        options.set_hashtable(a);
    } else {
        options.set_hashtable(ext_php_rs::types::ZendHashTable::new());
    }
    let r = zend::call(
        &f,
        &[&zend::str_zval(pattern), &zend::str_zval(subject), &options],
    );
    r.is_some_and(|r| r.bool().unwrap_or(false))
}

/// PHP's `!empty($v)` for the arrays Yii keeps.
fn non_empty(v: &Zval) -> bool {
    v.array().is_some_and(|a| !zend::array_is_empty(a))
}

/// The values of a handler list (an array of `[$callable, $data]` pairs).
fn entries(list: &Zval) -> impl Iterator<Item = Zval> + '_ {
    list.array()
        .into_iter()
        .flatten()
        .map(|(_, h)| h.shallow_clone())
}

/// Calls `[$callable, $data]` handlers with `data` set on the event, as Yii's
/// `Event::trigger()`. `false` when the rest stops: a handler threw or set `handled`.
fn call_handlers(handlers: Vec<Zval>, event: &mut Zval) -> bool {
    for handler in handlers {
        let Some(pair) = handler.array() else {
            continue;
        };
        let (Some(callable), data) = (pair.get_index(0), pair.get_index(1)) else {
            continue;
        };
        let Some(e) = event.object_mut() else {
            return false;
        };
        zend::write_scoped(e, "data", data.map(Zval::shallow_clone).unwrap_or_default());
        zend::call(callable, &[&*event]);
        if zend::exception_pending() {
            return false;
        }
        let handled = event
            .object()
            .and_then(|e| zend::read_raw(e, "handled"))
            .is_some_and(|h| h.bool().unwrap_or(false));
        if handled {
            return false;
        }
    }
    true
}
