//! The target, the parser and the numeric properties `connect()` reads from a client (the
//! parser object resolved from a class name or config array, and the native framer for it;
//! seconds and sizes checked against their ranges); and the `write_property` hook that
//! applies `$parser` / `$reconnect_interval` written after init().

use super::*;
use crate::core::options::{secs_to_duration, MAX_SECONDS};
use crate::php::errors::from_core;

/// The largest `$read_buffer_size`: what one `recv()` may be given room for (1 GiB; the
/// original's `fread()` of more than PHP's memory_limit was a fatal error anyway).
pub(super) const MAX_READ_BUFFER_SIZE: usize = 1 << 30;

/// A property in seconds (`$timeout`, `$reconnect_interval`): null is 0; anything but a number
/// from 0 to [`MAX_SECONDS`] throws, naming the property, its range and the value.
pub(super) fn seconds_property(obj: &ZendObject, name: &str) -> PhpResult<Duration> {
    let v = zend::read_raw(obj, name).unwrap_or_default();
    if v.is_null() {
        return Ok(Duration::ZERO);
    }
    number(&v).and_then(secs_to_duration).ok_or_else(|| {
        invalid_argument(&format!(
            "{}::${name} must be a number of seconds from 0 to {MAX_SECONDS:.0}, got {}",
            class_name(obj),
            shown(&v)
        ))
    })
}

/// A property in bytes (`$read_buffer_size`, `$max_send_buffer_size`): null is 0; anything
/// but a number from `min` to `max` throws, naming the property, its range and the value.
pub(super) fn size_property(
    obj: &ZendObject,
    name: &str,
    min: usize,
    max: usize,
) -> PhpResult<usize> {
    let v = zend::read_raw(obj, name).unwrap_or_default();
    let n = if v.is_null() { Some(0.0) } else { number(&v) };
    match n {
        // `as` saturates; the range check is on the number itself (NAN fails it).
        Some(n) if n >= min as f64 && n <= max as f64 => Ok(n as usize),
        _ => Err(invalid_argument(&format!(
            "{}::${name} must be a number of bytes from {min} to {max}, got {}",
            class_name(obj),
            shown(&v)
        ))),
    }
}

/// A value as an error message shows it: [`describe`], with a large or non-finite float in
/// exponent form (not 300 digits).
pub(super) fn shown(v: &Zval) -> String {
    match v.double() {
        Some(d) if d.is_nan() => "NAN".into(),
        Some(d) if d.is_infinite() => if d > 0.0 { "INF" } else { "-INF" }.into(),
        Some(d) if d.abs() >= 1e15 => format!("{d:e}"),
        _ => describe(v),
    }
}

pub(super) fn read_target(obj: &ZendObject) -> PhpResult<Target> {
    let v = zend::read_raw_cached(obj, "target").unwrap_or_default();
    let Some(s) = v.str() else {
        return Err(invalid_argument(&format!(
            "{}::$target must be a string such as \"tcp://127.0.0.1:6379\", got {}",
            class_name(obj),
            describe(&v)
        )));
    };
    Target::parse(s).map_err(|e| from_core(&format!("{}::$target", class_name(obj)), &e))
}

/// Turns `$parser` (class name or config array) into a parser object, as beyod's `init()`.
pub(super) fn resolve_parser(obj: Obj) -> PhpResult<()> {
    let Some(p) = zend::read_raw_cached(&obj, "parser") else {
        return Ok(());
    };
    if p.is_null() || p.is_object() || p.bool() == Some(false) || p.str() == Some("") {
        return Ok(());
    }
    match yii::create(&p) {
        Ok(Some(parser)) => zend::write_scoped_cached(obj.zo(), "parser", parser),
        Ok(None) => {}
        Err(msg) => {
            return Err(invalid_argument(&format!(
                "{}::$parser: {msg}",
                class_name(&obj)
            )))
        }
    }
    Ok(())
}

/// The native framer for the client's parser, when it is one of the extension's own.
pub(super) fn native_framer(obj: &ZendObject) -> PhpResult<Option<Framer>> {
    let Some(p) = parser_object(obj) else {
        return Ok(None);
    };
    match Framer::for_parser(p.object().unwrap()) {
        None => Ok(None),
        Some(Ok(f)) => Ok(Some(f)),
        Some(Err(why)) => Err(invalid_argument(&format!(
            "{}::$parser: {why}",
            class_name(obj)
        ))),
    }
}

/// `$parser`, read per packet and per send.
static PARSER: zend::InheritedSlot = zend::InheritedSlot::new("parser");

pub(super) fn parser_object(obj: &ZendObject) -> Option<Zval> {
    PARSER
        .peek(obj)
        .filter(|p| p.is_object())
        .map(zend::Peek::into_owned)
}

/// The class's `write_property` handler: the standard one, and for `$parser` and
/// `$reconnect_interval` written after `init()` (Yii's container assigns a non-Configurable
/// class's config after constructing it; `Yii::configure()`; plain assignment) what `init()`
/// does with them: a class name or config array becomes the parser object, an interval > 0
/// attaches `[$this, 'reConnect']`. The original (Configurable) saw them in `init()`.
///
/// # Safety
/// Called (by the class's handler, see `class_setup`) with a live object of this class, a
/// property name and a value.
pub unsafe fn write_property(
    object: *mut ext_php_rs::ffi::zend_object,
    member: *mut ext_php_rs::ffi::zend_string,
    value: *mut ext_php_rs::ffi::zval,
    cache_slot: *mut *mut std::ffi::c_void,
) -> *mut ext_php_rs::ffi::zval {
    // SAFETY: the engine's arguments; a zend_string's bytes are `len` long from `val`.
    unsafe {
        let name = std::slice::from_raw_parts((*member).val.as_ptr() as *const u8, (*member).len);
        let hook = match name {
            b"parser" => Some(true),
            b"reconnect_interval" => Some(false),
            _ => None,
        };
        // Hooked names bypass the engine's property cache, so every write comes here.
        let slot = if hook.is_some() {
            std::ptr::null_mut()
        } else {
            cache_slot
        };
        let r = ext_php_rs::ffi::zend_std_write_property(object, member, value, slot);
        let Some(parser) = hook else { return r };
        let Some(obj) = Obj::from_ptr(object as *mut ZendObject) else {
            return r;
        };
        if zend::exception_pending() || !state(obj).inited {
            return r;
        }
        if parser {
            if let Err(e) = resolve_parser(obj).and_then(|()| reframe(obj)) {
                zend::throw(e);
            }
        } else {
            keepalive(obj);
        }
        r
    }
}

/// A parser set after `connect()` frames the next packet, as the original reads
/// `$this->parser` for each one: the framing is decided again (native for a parser the
/// extension knows, else its PHP `input()`/`decode()`, or none).
fn reframe(obj: Obj) -> PhpResult<()> {
    if matches!(state(obj).framing, Framing::Undecided) || zend::exception_pending() {
        return Ok(());
    }
    decide_framing(obj)
}

/// How packets are framed from now on: natively for a parser the extension knows, else by
/// the parser's PHP (or not at all without one).
pub(super) fn decide_framing(obj: Obj) -> PhpResult<()> {
    state(obj).framing = match native_framer(&obj)? {
        Some(f) => Framing::Native(Box::new(f)),
        None => Framing::Php,
    };
    Ok(())
}
