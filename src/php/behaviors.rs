//! Yii behaviors on a `StreamClient`, as `yii\base\Component` has them: declared by a
//! subclass's `behaviors()` (attached lazily by `ensureBehaviors()`), by `'as name' => …` in
//! a config array, or with `attachBehavior()`; a behavior's `events()` handlers are attached
//! to the client, and its public methods and properties are reachable through the client's
//! `__call`/`__get`/`__set`/`__isset`/`__unset`.
//!
//! With Yii loaded, behaviors are `yii\base\Behavior` objects built by `Yii::createObject()`.
//! Without Yii, any object works: `attach($owner)`/`detach()`/`events()`/`canGetProperty()`/
//! `hasMethod()` are called when it has them, and done natively when it has not.
//!
//! The behaviors are kept in one PHP array held in Rust (name or index → object, in
//! attachment order, as Yii's `$_behaviors`), reported to the cycle collector with the
//! handlers.

use std::mem::ManuallyDrop;

use ext_php_rs::convert::IntoZval;
use ext_php_rs::types::{ArrayKey, ZendEmptyArray, ZendHashTable, ZendObject, Zval};

use super::class_setup::gc_ref;
use super::errors::invalid_config;
use super::zend::describe;
use super::{yii, zend};

/// A class whose objects keep their behaviors in Rust: how to reach them from the object
/// (fetched afresh after every call into PHP, which may have re-entered it).
pub trait Owner {
    fn behaviors(obj: &mut ZendObject) -> &mut Behaviors;
}

#[derive(Default)]
pub struct Behaviors {
    /// Null until `ensureBehaviors()` ran (Yii's `$_behaviors === null`), then an array
    /// (a plain zval, not an `Option`: this struct is inline in every PHP object).
    attached: Zval,
}

impl Behaviors {
    pub fn php_values(&self, out: &mut Vec<ManuallyDrop<Zval>>) {
        if self.attached.is_array() {
            out.push(gc_ref(&self.attached));
        }
    }

    /// `$_behaviors = []` (ensureBehaviors() ran): the engine's shared empty array until a
    /// behavior is attached, so a client without behaviors allocates nothing for them.
    fn mark_ensured(&mut self) {
        if self.attached.is_null() {
            // Never fails: an array zval pointing at the engine's static empty array.
            let _ = ZendEmptyArray.set_zval(&mut self.attached, false);
        }
    }

    fn table(&mut self) -> &mut ZendHashTable {
        let a = &mut self.attached;
        if a.array().is_none_or(|t| t.is_immutable()) {
            a.set_hashtable(ZendHashTable::new());
        }
        a.array_mut().expect("an array")
    }

    /// The attached behaviors, as new references (handlers may attach/detach meanwhile).
    fn snapshot(&self) -> Vec<Zval> {
        self.attached
            .array()
            .map(|a| a.values().map(Zval::shallow_clone).collect())
            .unwrap_or_default()
    }

    fn get(&self, name: &str) -> Option<Zval> {
        self.attached.array()?.get(name).map(Zval::shallow_clone)
    }
}

/// A behavior's name: a string, or an integer index (appended) as in `behaviors()`' lists.
pub enum Name {
    Key(String),
    Append,
}

impl Name {
    pub fn of(key: ArrayKey<'_>) -> Name {
        match key {
            ArrayKey::Long(_) => Name::Append,
            other => Name::Key(other.to_string()),
        }
    }
}

/// `ensureBehaviors()`: attaches what `$this->behaviors()` declares, once.
pub fn ensure<O: Owner>(owner: &mut ZendObject) {
    if !O::behaviors(owner).attached.is_null() {
        return;
    }
    O::behaviors(owner).mark_ensured();
    let declared = zend::call_method(owner, "behaviors", &[]);
    if zend::exception_pending() {
        return;
    }
    let Some(declared) = declared
        .as_ref()
        .and_then(|d| d.array())
        .map(|a| a.to_owned())
    else {
        return;
    };
    for (key, behavior) in declared.iter() {
        attach::<O>(owner, Name::of(key), behavior);
        if zend::exception_pending() {
            return;
        }
    }
}

/// `attachBehavior()`: the attached behavior object, `None` if building or attaching it threw.
pub fn attach<O: Owner>(owner: &mut ZendObject, name: Name, behavior: &Zval) -> Option<Zval> {
    let behavior = materialize(behavior)?;
    if let Name::Key(name) = &name {
        if let Some(old) = O::behaviors(owner).get(name) {
            detach_object(owner, &old);
            if zend::exception_pending() {
                return None;
            }
        }
    }
    attach_object(owner, &behavior);
    if zend::exception_pending() {
        return None;
    }
    let t = O::behaviors(owner).table();
    let replaced = match name {
        Name::Key(n) => zend::hash_replace(t, n.as_str(), behavior.shallow_clone()),
        Name::Append => {
            let _ = t.push(behavior.shallow_clone());
            None
        }
    };
    // (a same-named behavior attached meanwhile, let go of with the owner's state released:
    // its destructor may use the owner)
    drop(replaced);
    Some(behavior)
}

/// `'as name' => $value` in a config array (Yii's `Component::__set`): a behavior object, a
/// closure returning one, a class name or a config array.
pub fn attach_from_config<O: Owner>(
    owner: &mut ZendObject,
    name: &str,
    value: &Zval,
) -> Result<(), String> {
    if let Some(base) = yii::behavior_class() {
        let is_behavior = match value.object() {
            Some(o) => o.instance_of(base) || is_closure(value),
            None => zend::class_name_of_config(value)
                .and_then(|c| zend::find_class(&c))
                .is_some_and(|ce| ce.instance_of(base)),
        };
        if !is_behavior {
            return Err(format!(
                "Class is not of type yii\\base\\Behavior or its subclasses ({})",
                describe(value)
            ));
        }
    }
    attach::<O>(owner, Name::Key(name.to_string()), value);
    Ok(())
}

/// `detachBehavior($name)`: the detached behavior, or `None`.
pub fn detach<O: Owner>(owner: &mut ZendObject, name: &str) -> Option<Zval> {
    ensure::<O>(owner);
    let behavior = O::behaviors(owner).get(name)?;
    let removed = O::behaviors(owner).table().remove(name);
    drop(removed); // (our own reference is still held: no destructor runs here)
    detach_object(owner, &behavior);
    Some(behavior)
}

/// `detachBehaviors()`.
pub fn detach_all<O: Owner>(owner: &mut ZendObject) {
    ensure::<O>(owner);
    let keys: Vec<String> = match O::behaviors(owner).attached.array() {
        Some(a) => a.iter().map(|(k, _)| k.to_string()).collect(),
        None => return,
    };
    for k in keys {
        detach::<O>(owner, &k);
        if zend::exception_pending() {
            return;
        }
    }
}

/// `getBehavior($name)`.
pub fn get<O: Owner>(owner: &mut ZendObject, name: &str) -> Option<Zval> {
    ensure::<O>(owner);
    O::behaviors(owner).get(name)
}

/// `getBehaviors()`: a copy of the array (name or index → behavior).
pub fn all<O: Owner>(owner: &mut ZendObject) -> Zval {
    ensure::<O>(owner);
    let mut z = Zval::new();
    let copy = O::behaviors(owner)
        .attached
        .array()
        .map(|a| a.to_owned())
        .unwrap_or_default();
    z.set_hashtable(copy);
    z
}

/// The first behavior whose property `$name` can be read (or written, with `set`).
pub fn property_owner<O: Owner>(
    owner: &mut ZendObject,
    name: &str,
    set: bool,
    check_vars: bool,
) -> Option<Zval> {
    ensure::<O>(owner);
    let method = if set {
        "canSetProperty"
    } else {
        "canGetProperty"
    };
    O::behaviors(owner).snapshot().into_iter().find(|b| {
        let Some(o) = b.object() else { return false };
        if zend::has_method(o, method) {
            let r = zend::call_method(
                o,
                method,
                &[&zend::str_zval(name), &zend::bool_zval(check_vars)],
            );
            return !zend::exception_pending() && r.is_some_and(|r| r.bool() == Some(true));
        }
        let accessor = if set { "set" } else { "get" };
        zend::has_method(o, &format!("{accessor}{name}"))
            || (check_vars && zend::has_public_property(o, name))
    })
}

/// The first behavior that has a method `$name`.
pub fn method_owner<O: Owner>(owner: &mut ZendObject, name: &str) -> Option<Zval> {
    ensure::<O>(owner);
    O::behaviors(owner).snapshot().into_iter().find(|b| {
        let Some(o) = b.object() else { return false };
        if zend::has_method(o, "hasMethod") {
            let r = zend::call_method(o, "hasMethod", &[&zend::str_zval(name)]);
            return !zend::exception_pending() && r.is_some_and(|r| r.bool() == Some(true));
        }
        zend::has_method(o, name)
    })
}

/// `$behavior->$name`: a public property, else its getter (a plain object without `__get`
/// has no other way), else whatever its `__get` says.
pub fn read(behavior: &Zval, name: &str) -> Option<Zval> {
    let b = behavior.object()?;
    let getter = format!("get{name}");
    if !zend::has_public_property(b, name) && zend::has_method(b, &getter) {
        return zend::call_method(b, &getter, &[]);
    }
    zend::read_magic(b, name)
}

/// `$behavior->$name = $value`, with the same rules as [`read`].
pub fn write(behavior: &Zval, name: &str, value: Zval) {
    let mut behavior = behavior.shallow_clone();
    let Some(b) = behavior.object_mut() else {
        return;
    };
    let setter = format!("set{name}");
    if !zend::has_public_property(b, name) && zend::has_method(b, &setter) {
        zend::call_method(b, &setter, &[&value]);
        return;
    }
    zend::write_magic(b, name, value);
}

fn is_closure(v: &Zval) -> bool {
    v.object()
        .and_then(|o| o.get_class_name().ok())
        .is_some_and(|n| n == "Closure")
}

/// A behavior object from what a configuration gives (Yii's `attachBehaviorInternal`).
fn materialize(v: &Zval) -> Option<Zval> {
    if is_closure(v) {
        let made = zend::call(v, &[])?;
        return if made.is_object() {
            Some(made)
        } else {
            zend::throw(invalid_config(&format!(
                "a behavior closure must return an object, got {}",
                describe(&made)
            )));
            None
        };
    }
    if v.is_object() {
        return Some(v.shallow_clone());
    }
    match yii::create(v) {
        Ok(Some(o)) => Some(o),
        Ok(None) => None,
        Err(msg) => {
            zend::throw(invalid_config(&format!("behavior: {msg}")));
            None
        }
    }
}

/// `$behavior->attach($owner)`, or what Yii's does when the object has no such method.
fn attach_object(owner: &mut ZendObject, behavior: &Zval) {
    let Some(b) = behavior.object() else { return };
    let this = zend::object_zval(owner);
    if zend::has_method(b, "attach") {
        zend::call_method(b, "attach", &[&this]);
        return;
    }
    if zend::has_public_property(b, "owner") {
        let mut b2 = behavior.shallow_clone();
        if let Some(o) = b2.object_mut() {
            zend::write_scoped_cached(o, "owner", this.shallow_clone());
        }
    }
    for_each_event(behavior, |event, handler| {
        zend::call_method(owner, "on", &[event, handler]);
    });
}

/// `$behavior->detach()`, or what Yii's does when the object has no such method.
fn detach_object(owner: &mut ZendObject, behavior: &Zval) {
    let Some(b) = behavior.object() else { return };
    if zend::has_method(b, "detach") {
        zend::call_method(b, "detach", &[]);
        return;
    }
    for_each_event(behavior, |event, handler| {
        zend::call_method(owner, "off", &[event, handler]);
    });
    if zend::has_public_property(b, "owner") {
        let mut b2 = behavior.shallow_clone();
        if let Some(o) = b2.object_mut() {
            zend::write_scoped_cached(o, "owner", Zval::new());
        }
    }
}

/// Calls `f(event name, handler)` for each entry of `$behavior->events()`; a string handler
/// is a method of the behavior.
fn for_each_event(behavior: &Zval, mut f: impl FnMut(&Zval, &Zval)) {
    let Some(b) = behavior.object() else { return };
    if !zend::has_method(b, "events") {
        return;
    }
    let Some(events) = zend::call_method(b, "events", &[]) else {
        return;
    };
    let Some(events) = events.array().map(|a| a.to_owned()) else {
        return;
    };
    for (event, handler) in events.iter() {
        let event = zend::str_zval(&event.to_string());
        let handler = match handler.str() {
            Some(method) => {
                let mut arr = ZendHashTable::new();
                let _ = arr.push(behavior.shallow_clone());
                let _ = arr.push(zend::str_zval(method));
                let mut z = Zval::new();
                z.set_hashtable(arr);
                z
            }
            None => handler.shallow_clone(),
        };
        f(&event, &handler);
        if zend::exception_pending() {
            return;
        }
    }
}
