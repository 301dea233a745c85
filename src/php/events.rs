//! The event objects handed to handlers.
//!
//! When beyod is installed its own `beyod\IOEvent`, `MessageEvent`, `ErrorEvent` and
//! `CloseEvent` are used (applications type-hint them); the extension never registers those
//! names. Otherwise it uses its own classes under `beyod\ext\`, with the same fields,
//! constants and inheritance.
//!
//! Those own classes are PHP classes declared at run time, on first use (through the
//! engine's autoload hook), because their parent depends on the application: when
//! `yii\base\Event` can be loaded they extend it — so Yii's class-level handlers
//! (`yii\base\Event::on(StreamClient::class, …)`) and code type-hinting `yii\base\Event`
//! receive them — and otherwise they stand alone. An extension class registered at MINIT
//! could not extend a PHP class.

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};

use ext_php_rs::ffi;
use ext_php_rs::types::{ZendObject, ZendStr, Zval};
use ext_php_rs::zend::ClassEntry;

use super::panic_guard;
use super::zend;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventClass {
    Base,
    Io,
    Message,
    Error,
    Close,
}

const KINDS: [EventClass; 5] = [
    EventClass::Base,
    EventClass::Io,
    EventClass::Message,
    EventClass::Error,
    EventClass::Close,
];

fn own_name(kind: EventClass) -> &'static str {
    match kind {
        EventClass::Base => "beyod\\ext\\Event",
        EventClass::Io => "beyod\\ext\\IOEvent",
        EventClass::Message => "beyod\\ext\\MessageEvent",
        EventClass::Error => "beyod\\ext\\ErrorEvent",
        EventClass::Close => "beyod\\ext\\CloseEvent",
    }
}

fn beyod_name(kind: EventClass) -> &'static str {
    match kind {
        EventClass::Base => "yii\\base\\Event",
        EventClass::Io => "beyod\\IOEvent",
        EventClass::Message => "beyod\\MessageEvent",
        EventClass::Error => "beyod\\ErrorEvent",
        EventClass::Close => "beyod\\CloseEvent",
    }
}

/// The subclasses, the same with or without Yii (beyod's fields and constants).
const SUBCLASSES: &str = r#"
class IOEvent extends Event
{
    public $context;
}
class MessageEvent extends IOEvent
{
    public $message;
}
class ErrorEvent extends IOEvent
{
    const ERROR_CLOSED = 10;
    const ERROR_TIMEDOUT = 20;
    const ERROR_BAD_PACKET = 30;
    const ERROR_LARGE_PACKET = 100;
    public $code = 0;
    public $errstr = null;
}
class CloseEvent extends IOEvent
{
    const BY_SELF = 0;
    const BY_PEER = 1;
    public $by = self::BY_SELF;
    public function getCloser()
    {
        return $this->by == self::BY_SELF ? 'self' : 'peer';
    }
}
"#;

/// The base class when Yii is there: Yii's constructor (config array, `init()`) is inherited.
const BASE_WITH_YII: &str = "class Event extends \\yii\\base\\Event\n{\n}\n";

/// The base class without Yii: `yii\base\Event`'s fields, and its config-array constructor.
const BASE_ALONE: &str = r#"
class Event
{
    public $name;
    public $sender;
    public $handled = false;
    public $data;
    public function __construct($config = [])
    {
        if (is_array($config)) {
            foreach ($config as $name => $value) {
                $this->$name = $value;
            }
        }
    }
}
"#;

/// Declares `beyod\ext\Event` and its subclasses (once per request).
fn declare_own_classes() {
    if zend::find_loaded_class(own_name(EventClass::Base)).is_some() {
        return;
    }
    let base = if zend::find_class("yii\\base\\Event").is_some() {
        BASE_WITH_YII
    } else {
        BASE_ALONE
    };
    let code = format!("namespace beyod\\ext;\n{base}{SUBCLASSES}");
    zend::eval(&code, false, c"beyod_streamclient (event classes)");
}

type AutoloadFn = unsafe extern "C" fn(
    *mut ffi::zend_string,
    *mut ffi::zend_string,
) -> *mut ffi::zend_class_entry;

unsafe extern "C" {
    /// The engine's class autoloader hook (SPL installs its own at its MINIT).
    static mut zend_autoload: Option<AutoloadFn>;
}

/// The hook that was installed before ours (SPL's), as a usize (0 = none).
static PREVIOUS_AUTOLOAD: AtomicUsize = AtomicUsize::new(0);

fn previous_autoload() -> Option<AutoloadFn> {
    let p = PREVIOUS_AUTOLOAD.load(Ordering::Relaxed);
    // SAFETY: 0 or a function pointer of this exact type, stored by install_autoload().
    (p != 0).then(|| unsafe { std::mem::transmute::<usize, AutoloadFn>(p) })
}

/// The engine's autoload hook: the extension's own event classes, else the hook before ours
/// (SPL's: the script's autoloaders). A panic is an `Error` (the class is then not found).
unsafe extern "C" fn autoload(
    name: *mut ffi::zend_string,
    lc_name: *mut ffi::zend_string,
) -> *mut ffi::zend_class_entry {
    // SAFETY: the engine passes two live strings.
    let lc = unsafe { (lc_name as *const ZendStr).as_ref() }.map(|s| s.as_bytes());
    match panic_guard::throwing("autoload", || lc.and_then(own_class)) {
        Some(Some(ce)) => ce,
        None => std::ptr::null_mut(),
        Some(None) => match previous_autoload() {
            // SAFETY: chaining to the hook installed before ours, with the engine's arguments
            // (outside the guard: the script's autoloaders may bail out).
            Some(prev) => unsafe { prev(name, lc_name) },
            None => std::ptr::null_mut(),
        },
    }
}

/// One of the extension's own event classes, by lowercase name (declared on first use);
/// `None`: not one of ours.
fn own_class(lc: &[u8]) -> Option<*mut ffi::zend_class_entry> {
    let kind = KINDS
        .iter()
        .find(|k| own_name(**k).to_ascii_lowercase().as_bytes() == lc)?;
    declare_own_classes();
    Some(
        zend::find_loaded_class(own_name(*kind)).map_or(std::ptr::null_mut(), |ce| {
            ce as *const ClassEntry as *mut ffi::zend_class_entry
        }),
    )
}

/// MINIT: the `beyod\ext\*` event classes become autoloadable.
pub fn install_autoload() {
    // SAFETY: MINIT is single-threaded; the hook is a plain global function pointer.
    unsafe {
        let prev = zend_autoload;
        PREVIOUS_AUTOLOAD.store(prev.map_or(0, |f| f as usize), Ordering::Relaxed);
        zend_autoload = Some(autoload);
    }
}

/// MSHUTDOWN: gives the hook back before the module's code goes away.
pub fn uninstall_autoload() {
    // SAFETY: MSHUTDOWN is single-threaded; restores what install_autoload() found.
    unsafe {
        zend_autoload = previous_autoload();
    }
}

thread_local! {
    /// Per request: the classes events are made of (beyod's when autoloadable, else ours).
    static CHOSEN: RefCell<Option<[&'static ClassEntry; 5]>> = const { RefCell::new(None) };
}

fn choose() -> Option<[&'static ClassEntry; 5]> {
    if let Some(c) = CHOSEN.with(|c| *c.borrow()) {
        return Some(c);
    }
    let find_all = |name: fn(EventClass) -> &'static str| -> Option<Vec<&'static ClassEntry>> {
        KINDS.iter().map(|k| zend::find_class(name(*k))).collect()
    };
    // beyod's subclasses (their base is yii\base\Event), else ours (declared on first use).
    let v = find_all(beyod_name).or_else(|| find_all(own_name))?;
    let mut chosen = [v[0], v[1], v[2], v[3], v[4]];
    // `trigger($name)` without an event makes a plain yii\base\Event when Yii is loaded.
    if let Some(yii) = yii_event_class() {
        chosen[EventClass::Base as usize] = yii;
    }
    CHOSEN.with(|c| *c.borrow_mut() = Some(chosen));
    Some(chosen)
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

fn is_own(ce: &ClassEntry) -> bool {
    ce.name()
        .is_some_and(|n| n.len() > 10 && n[..10].eq_ignore_ascii_case("beyod\\ext\\"))
}

/// A new event object of `kind`, with `fields` set. `None` if a constructor threw or the
/// classes could not be declared.
pub fn make(kind: EventClass, fields: &[(&str, Zval)]) -> Option<Zval> {
    let ce = choose()?[kind as usize];
    let mut ev = if is_own(ce) {
        // Our classes' constructors only copy a config array: skip the call.
        let mut z = Zval::new();
        let mut obj = ZendObject::new(ce);
        z.set_object(&mut obj);
        z
    } else {
        zend::instantiate(ce, &[])?
    };
    let obj = ev.object_mut()?;
    for (name, value) in fields {
        zend::write_scoped(obj, name, value.shallow_clone());
    }
    Some(ev)
}
