//! The target and the parser `connect()` reads from a client's properties (the parser object
//! resolved from a class name or config array, and the native framer for it); and the
//! `write_property` hook that applies `$parser` / `$reconnect_interval` written after init().

use super::*;
use crate::php::errors::from_core;

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
pub(super) fn resolve_parser(obj: &mut ZendObject) -> PhpResult<()> {
    let Some(p) = zend::read_raw_cached(obj, "parser") else {
        return Ok(());
    };
    if p.is_null() || p.is_object() || p.bool() == Some(false) || p.str() == Some("") {
        return Ok(());
    }
    match yii::create(&p) {
        Ok(Some(parser)) => zend::write_scoped_cached(obj, "parser", parser),
        Ok(None) => {}
        Err(msg) => {
            return Err(invalid_argument(&format!(
                "{}::$parser: {msg}",
                class_name(obj)
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
        .map(Zval::shallow_clone)
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
        let obj = &mut *(object as *mut ZendObject);
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
fn reframe(obj: &mut ZendObject) -> PhpResult<()> {
    if matches!(state(obj).framing, Framing::Undecided) || zend::exception_pending() {
        return Ok(());
    }
    decide_framing(obj)
}

/// How packets are framed from now on: natively for a parser the extension knows, else by
/// the parser's PHP (or not at all without one).
pub(super) fn decide_framing(obj: &mut ZendObject) -> PhpResult<()> {
    state(obj).framing = match native_framer(obj)? {
        Some(f) => Framing::Native(Box::new(f)),
        None => Framing::Php,
    };
    Ok(())
}
