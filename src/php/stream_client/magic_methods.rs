//! Yii's property and method magic on a client: `__get`/`__set`/`__isset`/`__unset`/`__call`
//! over getters and setters, `'on x'`/`'as x'` config keys, the `_pipe` property beyod's
//! Connection writes, and attached behaviors' properties and methods; `hasProperty()`,
//! `canGetProperty()`, `canSetProperty()`.

use super::*;

/// The property beyod's `BaseConnection::pipe()` reads and writes on the other end.
const PIPE_PROPERTY: &str = "_pipe";

/// `$client->name` for a name that is no declared property: a getter, the pipe's other end
/// (`_pipe`), a behavior's property, else Yii's exceptions.
pub(super) fn get(obj: Obj, name: &str) -> PhpResult<Zval> {
    let getter = format!("get{name}");
    if zend::has_method(&obj, &getter) {
        return Ok(zend::call_method(&obj, &getter, &[]).unwrap_or_default());
    }
    if name == PIPE_PROPERTY {
        return Ok(state(obj)
            .pipe_peer()
            .map(Zval::shallow_clone)
            .unwrap_or_default());
    }
    if let Some(b) = behaviors::property_owner::<StreamClient>(obj, name, false, true) {
        return Ok(behaviors::read(&b, name).unwrap_or_default());
    }
    if zend::exception_pending() {
        return Ok(Zval::new());
    }
    let cls = class_name(&obj);
    if zend::has_method(&obj, &format!("set{name}")) {
        return Err(invalid_call(&format!(
            "Getting write-only property: {cls}::{name}"
        )));
    }
    Err(unknown_property(&format!(
        "Getting unknown property: {cls}::{name}"
    )))
}

/// `$client->name = $value`: a setter, `'on x'` (a handler) and `'as x'` (a behavior) config
/// keys, `_pipe`, a behavior's property, else Yii's exceptions.
pub(super) fn set(obj: Obj, name: &str, value: &Zval) -> PhpResult<()> {
    let setter = format!("set{name}");
    if zend::has_method(&obj, &setter) {
        zend::call_method(&obj, &setter, &[value]);
        return Ok(());
    }
    if let Some(event) = name.strip_prefix("on ") {
        let event = zend::str_zval(event.trim());
        zend::call_method(&obj, "on", &[&event, value]);
        return Ok(());
    }
    if let Some(behavior) = name.strip_prefix("as ") {
        behaviors::ensure::<StreamClient>(obj);
        if zend::exception_pending() {
            return Ok(());
        }
        return behaviors::attach_from_config::<StreamClient>(obj, behavior.trim(), value)
            .map_err(|msg| invalid_config(&msg));
    }
    if name == PIPE_PROPERTY {
        // beyod's Connection::pipe($client) sets `$client->_pipe = $this` itself.
        let old = state(obj).set_pipe_peer(value.is_object().then(|| value.shallow_clone()));
        drop(old); // (with the state released: its destructor may use this client)
        return Ok(());
    }
    if let Some(b) = behaviors::property_owner::<StreamClient>(obj, name, true, true) {
        behaviors::write(&b, name, value.shallow_clone());
        return Ok(());
    }
    if zend::exception_pending() {
        return Ok(());
    }
    let cls = class_name(&obj);
    if zend::has_method(&obj, &format!("get{name}")) {
        return Err(invalid_call(&format!(
            "Setting read-only property: {cls}::{name}"
        )));
    }
    Err(unknown_property(&format!(
        "Setting unknown property: {cls}::{name}"
    )))
}

pub(super) fn isset(obj: Obj, name: &str) -> bool {
    let getter = format!("get{name}");
    if zend::has_method(&obj, &getter) {
        return zend::call_method(&obj, &getter, &[]).is_some_and(|v| !v.is_null());
    }
    if name == PIPE_PROPERTY {
        return state(obj).pipe_peer().is_some();
    }
    behaviors::property_owner::<StreamClient>(obj, name, false, true)
        .and_then(|b| behaviors::read(&b, name))
        .is_some_and(|v| !v.is_null())
}

pub(super) fn unset(obj: Obj, name: &str) -> PhpResult<()> {
    let setter = format!("set{name}");
    if zend::has_method(&obj, &setter) {
        zend::call_method(&obj, &setter, &[&Zval::new()]);
        return Ok(());
    }
    if let Some(b) = behaviors::property_owner::<StreamClient>(obj, name, true, true) {
        behaviors::write(&b, name, Zval::new());
        return Ok(());
    }
    if zend::exception_pending() {
        return Ok(());
    }
    let cls = class_name(&obj);
    Err(invalid_call(&format!(
        "Unsetting an unknown or read-only property: {cls}::{name}"
    )))
}

/// A behavior's method, else `UnknownMethodException` (Yii) / `BadMethodCallException`.
pub(super) fn call(obj: Obj, name: &str, params: &Zval) -> PhpResult<Zval> {
    if let Some(b) = behaviors::method_owner::<StreamClient>(obj, name) {
        let args: Vec<Zval> = params
            .array()
            .map(|a| a.values().map(Zval::shallow_clone).collect())
            .unwrap_or_default();
        let args: Vec<&Zval> = args.iter().collect();
        return Ok(b
            .object()
            .and_then(|b| zend::call_method(b, name, &args))
            .unwrap_or_default());
    }
    if zend::exception_pending() {
        return Ok(Zval::new());
    }
    let cls = class_name(&obj);
    Err(unknown_method(&format!(
        "Calling unknown method: {cls}::{name}()"
    )))
}

/// An optional boolean parameter that defaults to true (`$checkVars = true`).
pub(super) fn flag_or_true(v: Option<&Zval>) -> bool {
    v.is_none_or(|c| c.is_null() || truthy(Some(c)))
}

/// Yii's `canGetProperty()`: a getter, a property (`$checkVars`), a behavior's.
pub(super) fn can_get(obj: Obj, name: &str, vars: bool, behaviors: bool) -> bool {
    zend::has_method(&obj, &format!("get{name}"))
        || (vars && zend::has_property_value(&obj, name))
        || (behaviors
            && behaviors::property_owner::<StreamClient>(obj, name, false, vars).is_some())
}

/// Yii's `canSetProperty()`: a setter, a property (`$checkVars`), a behavior's.
pub(super) fn can_set(obj: Obj, name: &str, vars: bool, behaviors: bool) -> bool {
    zend::has_method(&obj, &format!("set{name}"))
        || (vars && zend::has_property_value(&obj, name))
        || (behaviors && behaviors::property_owner::<StreamClient>(obj, name, true, vars).is_some())
}
