//! The event objects handed to handlers.
//!
//! When beyod is installed its own `beyod\IOEvent`, `MessageEvent`, `ErrorEvent` and
//! `CloseEvent` are used (applications type-hint them); the extension never registers those
//! names. Otherwise it uses its own classes under `beyod\ext\`, with the same fields,
//! constants and inheritance.

use std::cell::RefCell;
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::args::Arg;
use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
use ext_php_rs::flags::{ConstantFlags, DataType};
use ext_php_rs::flags::{MethodFlags, PropertyFlags};
use ext_php_rs::types::{ZendObject, Zval};
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::class_setup::{declared, Default};
use super::zend;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Base,
    Io,
    Message,
    Error,
    Close,
}

const KINDS: [Kind; 5] = [
    Kind::Base,
    Kind::Io,
    Kind::Message,
    Kind::Error,
    Kind::Close,
];

static OWN: [AtomicPtr<ClassEntry>; 5] = [
    AtomicPtr::new(std::ptr::null_mut()),
    AtomicPtr::new(std::ptr::null_mut()),
    AtomicPtr::new(std::ptr::null_mut()),
    AtomicPtr::new(std::ptr::null_mut()),
    AtomicPtr::new(std::ptr::null_mut()),
];

fn own(kind: Kind) -> &'static ClassEntry {
    let p = OWN[kind as usize].load(Ordering::Relaxed);
    // SAFETY: set once at MINIT to a class entry that lives until MSHUTDOWN.
    unsafe { &*p }
}

fn own_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Base => "beyod\\ext\\Event",
        Kind::Io => "beyod\\ext\\IOEvent",
        Kind::Message => "beyod\\ext\\MessageEvent",
        Kind::Error => "beyod\\ext\\ErrorEvent",
        Kind::Close => "beyod\\ext\\CloseEvent",
    }
}

fn beyod_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Base => "yii\\base\\Event",
        Kind::Io => "beyod\\IOEvent",
        Kind::Message => "beyod\\MessageEvent",
        Kind::Error => "beyod\\ErrorEvent",
        Kind::Close => "beyod\\CloseEvent",
    }
}

pub(super) extern "C" fn event_construct(ex: &mut ExecuteData, _ret: &mut Zval) {
    let mut config = Arg::new("config", DataType::Mixed);
    if ex.parser().not_required().arg(&mut config).parse().is_err() {
        return;
    }
    let Some(cfg) = config.zval().and_then(|z| z.array()).map(|a| a.to_owned()) else {
        return;
    };
    let Some(this) = ex.get_self() else { return };
    for (k, v) in cfg.iter() {
        zend::write_property(this, &k.to_string(), v.shallow_clone());
    }
}

extern "C" fn get_closer(ex: &mut ExecuteData, ret: &mut Zval) {
    let Some(this) = ex.get_self() else { return };
    let by = zend::read_property(this, "by")
        .and_then(|z| z.long())
        .unwrap_or(0);
    let _ = ret.set_string(if by == 0 { "self" } else { "peer" }, false);
}

fn own_base() -> &'static ClassEntry {
    own(Kind::Base)
}

fn own_io() -> &'static ClassEntry {
    own(Kind::Io)
}

fn set_ce(kind: Kind, ce: &'static mut ClassEntry) {
    OWN[kind as usize].store(ce, Ordering::Relaxed);
}

/// MINIT: registers `beyod\ext\Event` and its subclasses.
pub fn register() -> ext_php_rs::error::Result<()> {
    let ctor = FunctionBuilder::new("__construct", event_construct)
        .not_required()
        .arg(Arg::new("config", DataType::Mixed).default("[]"));
    ClassBuilder::new(own_name(Kind::Base))
        .method(ctor, MethodFlags::Public)
        .property(declared("name", PropertyFlags::Public, Default::Null))
        .property(declared("sender", PropertyFlags::Public, Default::Null))
        .property(declared(
            "handled",
            PropertyFlags::Public,
            Default::Bool(false),
        ))
        .property(declared("data", PropertyFlags::Public, Default::Null))
        .registration(|ce, _| set_ce(Kind::Base, ce))
        .register()?;
    let base: ext_php_rs::class::ClassEntryInfo = (own_base, "beyod\\ext\\Event");
    ClassBuilder::new(own_name(Kind::Io))
        .extends(base)
        .property(declared("context", PropertyFlags::Public, Default::Null))
        .registration(|ce, _| set_ce(Kind::Io, ce))
        .register()?;
    let io: ext_php_rs::class::ClassEntryInfo = (own_io, "beyod\\ext\\IOEvent");
    ClassBuilder::new(own_name(Kind::Message))
        .extends(io)
        .property(declared("message", PropertyFlags::Public, Default::Null))
        .registration(|ce, _| set_ce(Kind::Message, ce))
        .register()?;
    ClassBuilder::new(own_name(Kind::Error))
        .extends(io)
        .constant("ERROR_CLOSED", 10i64, &[], ConstantFlags::Public)?
        .constant("ERROR_TIMEDOUT", 20i64, &[], ConstantFlags::Public)?
        .constant("ERROR_BAD_PACKET", 30i64, &[], ConstantFlags::Public)?
        .constant("ERROR_LARGE_PACKET", 100i64, &[], ConstantFlags::Public)?
        .property(declared("code", PropertyFlags::Public, Default::Long(0)))
        .property(declared("errstr", PropertyFlags::Public, Default::Null))
        .registration(|ce, _| set_ce(Kind::Error, ce))
        .register()?;
    ClassBuilder::new(own_name(Kind::Close))
        .extends(io)
        .method(
            FunctionBuilder::new("getCloser", get_closer),
            MethodFlags::Public,
        )
        .constant("BY_SELF", 0i64, &[], ConstantFlags::Public)?
        .constant("BY_PEER", 1i64, &[], ConstantFlags::Public)?
        .property(declared("by", PropertyFlags::Public, Default::Long(0)))
        .registration(|ce, _| set_ce(Kind::Close, ce))
        .register()?;
    Ok(())
}

thread_local! {
    /// Per request: the classes events are made of (beyod's when autoloadable, else ours).
    static CHOSEN: RefCell<Option<[&'static ClassEntry; 5]>> = const { RefCell::new(None) };
}

fn choose() -> [&'static ClassEntry; 5] {
    if let Some(c) = CHOSEN.with(|c| *c.borrow()) {
        return c;
    }
    let beyod: Option<Vec<&'static ClassEntry>> = KINDS[1..]
        .iter()
        .map(|k| zend::find_class(beyod_name(*k)))
        .collect();
    let mut chosen = match beyod {
        Some(v) => [own(Kind::Base), v[0], v[1], v[2], v[3]],
        None => KINDS.map(own),
    };
    // `trigger($name)` without an event makes a plain yii\base\Event when Yii is loaded.
    if let Some(yii) = yii_event_class() {
        chosen[Kind::Base as usize] = yii;
    }
    CHOSEN.with(|c| *c.borrow_mut() = Some(chosen));
    chosen
}

thread_local! {
    /// Per request: `yii\base\Event` if Yii is loaded (looked up once: a miss would run the
    /// autoloader on every event).
    static YII_EVENT: RefCell<Option<Option<&'static ClassEntry>>> = const { RefCell::new(None) };
}

/// `yii\base\Event`, when Yii is loaded: its class-level handlers run after instance ones.
pub fn yii_event_class() -> Option<&'static ClassEntry> {
    if let Some(c) = YII_EVENT.with(|c| *c.borrow()) {
        return c;
    }
    // Both static methods are needed (a partial stand-in without them is not Yii).
    let c = zend::find_class("yii\\base\\Event").filter(|ce| {
        zend::class_has_method(ce, "trigger") && zend::class_has_method(ce, "hasHandlers")
    });
    YII_EVENT.with(|slot| *slot.borrow_mut() = Some(c));
    c
}

/// Forgets the per-request choices (RSHUTDOWN).
pub fn reset() {
    CHOSEN.with(|c| *c.borrow_mut() = None);
    YII_EVENT.with(|c| *c.borrow_mut() = None);
}

/// The class of a generic event (`trigger($name)` without an event object).
pub fn base_class() -> &'static ClassEntry {
    choose()[Kind::Base as usize]
}

/// A new event object of `kind`, with `fields` set. `None` if a constructor threw.
pub fn make(kind: Kind, fields: &[(&str, Zval)]) -> Option<Zval> {
    let ce = choose()[kind as usize];
    let mut ev = if std::ptr::eq(ce, own(kind)) {
        let mut z = Zval::new();
        let mut obj = ZendObject::new(ce);
        z.set_object(&mut obj);
        z
    } else {
        zend::instantiate(ce, &[])?
    };
    let obj = ev.object_mut()?;
    for (name, value) in fields {
        zend::write_property(obj, name, value.shallow_clone());
    }
    Some(ev)
}
