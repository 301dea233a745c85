//! Properties of objects, the three families (see the module's doc): magic, raw, scoped.

use std::ffi::{c_char, c_int};

use ext_php_rs::ffi;
use ext_php_rs::types::{ZendObject, ZendStr, Zval};
use ext_php_rs::zend::ClassEntry;

use super::engine::zend_update_property;
use super::{exception_pending, type_byte, IS_UNDEF};

/// `$obj->$name` is a public property (declared public, or dynamic).
pub fn has_public_property(obj: &ZendObject, name: &str) -> bool {
    const ZEND_ACC_PUBLIC: u32 = 1;
    let ce = obj.get_class_entry();
    // SAFETY: looks a name up in the class's property info table.
    let info = unsafe {
        ffi::zend_hash_str_find_ptr_lc(
            &ce.properties_info,
            name.as_ptr() as *const c_char,
            name.len(),
        ) as *const ffi::zend_property_info
    };
    // SAFETY: null or a live property info of the class.
    match unsafe { info.as_ref() } {
        Some(i) => i.flags & ZEND_ACC_PUBLIC != 0,
        None => read_raw(obj, name).is_some(),
    }
}

/// The object's own `read_property` handler (magic `__get()`/`__isset()` included), in mode
/// `BP_VAR_R` (read) or `BP_VAR_IS` (isset-read: no warning).
fn read_via_handler(obj: &ZendObject, name: &str, mode: c_int) -> Option<Zval> {
    let mut n = ZendStr::new(name, false);
    let mut rv = Zval::new();
    // SAFETY: a live object's handler table.
    let handlers = unsafe { obj.handlers.as_ref()? };
    let read = handlers.read_property?;
    // SAFETY: the object's own read_property handler, with a valid name and return slot.
    let v = unsafe {
        read(
            obj as *const ZendObject as *mut ffi::zend_object,
            &mut *n,
            mode,
            std::ptr::null_mut(),
            &mut rv as *mut Zval as *mut ffi::zval,
        )
        .as_ref()
    }?;
    Some(v.dereference().shallow_clone())
}

/// `$obj->$name` as PHP code outside the class reads it (`__get()` included). `None` if
/// that threw or gave nothing.
pub fn read_magic(obj: &ZendObject, name: &str) -> Option<Zval> {
    const BP_VAR_R: c_int = 0;
    let v = read_via_handler(obj, name, BP_VAR_R)?;
    if exception_pending() {
        return None;
    }
    Some(v)
}

/// `$obj->$name = $value` as PHP code outside the class writes it (`__set()` included).
pub fn write_magic(obj: &mut ZendObject, name: &str, value: Zval) {
    let _ = obj.set_property(name, value);
}

/// `isset($obj->$name) ? $obj->$name : null` with PHP's own semantics: `__isset()` then
/// `__get()` for magic properties (a Yii service locator's components), no warning.
pub fn read_magic_if_set(obj: &ZendObject, name: &str) -> Option<Zval> {
    const BP_VAR_IS: c_int = 3;
    let v = read_via_handler(obj, name, BP_VAR_IS)?;
    if v.is_null() || v.get_type() == ext_php_rs::flags::DataType::Undef {
        return None;
    }
    Some(v)
}

/// Writes a property as code inside `scope` would (so protected/private ones are reachable,
/// and undeclared ones go through `__set`).
pub fn write_scoped(obj: &mut ZendObject, name: &str, value: Zval) {
    write_scoped_with(obj, name, value, |ce| find_prop_info(ce, name))
}

/// Writes a property as code of class `scope` would: `$obj->$name = $value` in a method of
/// `scope` (visibility, `private(set)`/`protected(set)`, hooks and `__set()` as the engine
/// applies them there).
pub fn write_in_scope(obj: &mut ZendObject, scope: &ClassEntry, name: &str, mut value: Zval) {
    // SAFETY: live object and class entry, valid name pointer/length, value is a valid zval
    // (copied by PHP).
    unsafe {
        zend_update_property(
            scope as *const ClassEntry as *mut ffi::zend_class_entry,
            obj as *mut ZendObject as *mut ffi::zend_object,
            name.as_ptr() as *const c_char,
            name.len(),
            &mut value as *mut Zval as *mut ffi::zval,
        )
    };
}

/// [`write_scoped`] for a `'static` name (a literal): the per-message path, cached.
pub fn write_scoped_cached(obj: &mut ZendObject, name: &'static str, value: Zval) {
    write_scoped_with(obj, name, value, |ce| static_prop_info(ce, name))
}

fn write_scoped_with(
    obj: &mut ZendObject,
    name: &str,
    value: Zval,
    info: impl FnOnce(*const ffi::zend_class_entry) -> *const ffi::zend_property_info,
) {
    if let Some(slot) = plain_slot(obj, info) {
        // The per-event path: replace the value in place (the old one released after).
        let old = std::mem::replace(slot, value);
        drop(old);
        return;
    }
    let scope = obj.get_class_entry();
    write_in_scope(obj, scope, name, value);
}

/// Slots of the property-info cache (direct-mapped).
const PROP_CACHE: usize = 64;

thread_local! {
    /// (class, address of a `'static` name) → a declared property's info, for the
    /// per-message property reads and writes (a few string literals on a few classes). Only
    /// `'static` names are cached: their address identifies their content for good. Emptied
    /// at the end of each request (classes go away).
    static PROP_INFO: std::cell::Cell<[(usize, usize, usize); PROP_CACHE]> =
        const { std::cell::Cell::new([(0, 0, 0); PROP_CACHE]) };
}

/// RSHUTDOWN: classes go with the request.
pub(super) fn reset_cache() {
    PROP_INFO.with(|c| c.set([(0, 0, 0); PROP_CACHE]));
}

/// The property info of `$name` in `ce`, or null if not declared.
pub(super) fn find_prop_info(
    ce: *const ffi::zend_class_entry,
    name: &str,
) -> *const ffi::zend_property_info {
    // SAFETY: properties_info maps names to property infos of this class.
    unsafe {
        let found = ffi::zend_hash_str_find(
            &(*ce).properties_info,
            name.as_ptr() as *const c_char,
            name.len(),
        );
        if found.is_null() {
            return std::ptr::null();
        }
        (*found).value.ptr as *const ffi::zend_property_info
    }
}

/// [`find_prop_info`] for a `'static` name, cached.
fn static_prop_info(
    ce: *const ffi::zend_class_entry,
    name: &'static str,
) -> *const ffi::zend_property_info {
    let addr = name.as_ptr() as usize;
    let slot = ((ce as usize >> 5) ^ (addr >> 3) ^ name.len()) % PROP_CACHE;
    // SAFETY: a Cell of plain integers, accessed in place (no reference outlives a statement).
    let e = PROP_INFO.with(|c| unsafe { (*c.as_ptr())[slot] });
    if e.0 == ce as usize && e.1 == addr && e.2 != 0 {
        return e.2 as *const ffi::zend_property_info;
    }
    let info = find_prop_info(ce, name);
    if !info.is_null() {
        // SAFETY: as above.
        PROP_INFO.with(|c| unsafe { (*c.as_ptr())[slot] = (ce as usize, addr, info as usize) });
    }
    info
}

/// PHP 8.4: a declared property the engine must read and write itself, never the extension in
/// its slot: one with hooks (`get`/`set`: reading or writing its slot would skip them), or a
/// virtual one (no slot at all; its `offset` is not one). Always `false` before PHP 8.4.
pub(super) fn is_hooked(info: *const ffi::zend_property_info) -> bool {
    #[cfg(php84)]
    {
        const ZEND_ACC_VIRTUAL: u32 = 1 << 9;
        // SAFETY: null or a live property info (8.4's has `hooks`: null, or the hook table).
        unsafe { info.as_ref() }
            .is_some_and(|i| !i.hooks.is_null() || i.flags & ZEND_ACC_VIRTUAL != 0)
    }
    #[cfg(not(php84))]
    {
        let _ = info;
        false
    }
}

/// PHP 8.4: `ce` has a property with hooks, declared or inherited (the engine counts both in
/// `num_hooked_props`). Always `false` before PHP 8.4.
pub(super) fn class_has_hooks(ce: *const ffi::zend_class_entry) -> bool {
    #[cfg(php84)]
    {
        // SAFETY: a live class entry.
        unsafe { (*ce).num_hooked_props != 0 }
    }
    #[cfg(not(php84))]
    {
        let _ = ce;
        false
    }
}

/// PHP 8.4: `obj` is a lazy object — an uninitialized ghost, or a proxy (initialized or not,
/// it forwards to its real instance) — whose unset slots are not the property's value: the
/// engine's read initializes the ghost, or reads the proxy's instance. Always `false` before 8.4.
pub fn is_lazy(obj: &ZendObject) -> bool {
    #[cfg(php84)]
    {
        const IS_OBJ_LAZY_UNINITIALIZED: u32 = 1 << 31;
        const IS_OBJ_LAZY_PROXY: u32 = 1 << 30;
        obj.extra_flags & (IS_OBJ_LAZY_UNINITIALIZED | IS_OBJ_LAZY_PROXY) != 0
    }
    #[cfg(not(php84))]
    {
        let _ = obj;
        false
    }
}

/// A property read by the engine, as code inside the object's class reads it: a hooked one (its
/// `get` hook runs: PHP code), or an unset slot of a lazy object (its initializer runs). `None`
/// when that threw or gave nothing (a virtual property without a `get` hook throws
/// "write-only").
fn read_by_engine(obj: &ZendObject, name: &str) -> Option<Zval> {
    let mut rv = Zval::new();
    // SAFETY: a live object and its own class as the scope, a valid name pointer/length and a
    // return slot; the engine hands back `rv` or a zval it keeps (copied before `rv` goes).
    let v = unsafe {
        ffi::zend_read_property(
            obj.ce,
            obj as *const ZendObject as *mut ffi::zend_object,
            name.as_ptr() as *const c_char,
            name.len(),
            true,
            &mut rv as *mut Zval as *mut ffi::zval,
        )
        .as_ref()
    }?;
    if exception_pending() {
        return None;
    }
    let v = v.dereference();
    (type_byte(v) != IS_UNDEF).then(|| v.shallow_clone())
}

/// A property's value as [`peek_raw_cached`] and friends give it: in its slot (borrowed), or
/// as a hook returned it (PHP 8.4, a hooked property: owned).
pub enum Peek<'a> {
    Slot(&'a Zval),
    Value(Zval),
}

impl std::ops::Deref for Peek<'_> {
    type Target = Zval;
    fn deref(&self) -> &Zval {
        match self {
            Peek::Slot(z) => z,
            Peek::Value(z) => z,
        }
    }
}

impl Peek<'_> {
    /// The value, owned (a new reference for one in its slot).
    pub fn into_owned(self) -> Zval {
        match self {
            Peek::Slot(z) => z.shallow_clone(),
            Peek::Value(z) => z,
        }
    }
}

/// The address of the extension's own `write_property` handler (see [`plain_slot`]).
pub static OWN_WRITE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The slot of a declared, untyped, non-static, non-readonly property without hooks holding a
/// plain value, on an object with the standard handlers: writing it directly is what the engine
/// would do.
fn plain_slot(
    obj: &mut ZendObject,
    info: impl FnOnce(*const ffi::zend_class_entry) -> *const ffi::zend_property_info,
) -> Option<&mut Zval> {
    const ZEND_ACC_STATIC: u32 = 1 << 4;
    const ZEND_ACC_READONLY: u32 = 1 << 7;
    // SAFETY: as in read_property; the slot belongs to this object and is only handed out
    // when it holds an initialised non-reference value.
    unsafe {
        let std_write: unsafe extern "C" fn(_, _, _, _) -> _ = ffi::zend_std_write_property;
        match (*obj.handlers).write_property {
            Some(w) if std::ptr::fn_addr_eq(w, std_write) => {}
            // beyod\StreamClient's: the standard one, plus what init() does for two names
            // (their slots are written directly only by the extension itself).
            Some(w) if w as usize == OWN_WRITE.load(std::sync::atomic::Ordering::Relaxed) => {}
            _ => return None,
        }
        let info = info(obj.ce);
        if info.is_null() || is_hooked(info) {
            return None;
        }
        if (*info).flags & (ZEND_ACC_STATIC | ZEND_ACC_READONLY) != 0
            || (*info).type_.type_mask != 0
        {
            return None;
        }
        let slot = (obj as *mut ZendObject as *mut u8).add((*info).offset as usize) as *mut Zval;
        if type_byte(&*slot) == IS_UNDEF || (*slot).is_reference() {
            return None;
        }
        Some(&mut *slot)
    }
}

/// Reads a property (declared or dynamic); `None` when unset or undefined. Never warns and
/// never calls `__get`. Declared properties are read from their slot (no hash table of
/// properties is built); dynamic ones from the object's own table if it has one.
pub fn read_raw(obj: &ZendObject, name: &str) -> Option<Zval> {
    read_raw_with(obj, name, find_prop_info(obj.ce, name))
}

/// `$obj->$name` has a value (a declared property that is set, or a dynamic one), found without
/// reading it: a hooked property (PHP 8.4) counts, as `property_exists()` counts it, and its
/// `get` hook does not run.
pub fn has_property_value(obj: &ZendObject, name: &str) -> bool {
    let info = find_prop_info(obj.ce, name);
    is_hooked(info) || peek_property(obj, name, info).is_some()
}

/// A property a class and all its subclasses keep in one slot (declared by the class,
/// non-static: PHP gives a redeclaring subclass the parent's slot), found once per process.
pub struct InheritedSlot {
    name: &'static str,
    offset: std::sync::atomic::AtomicU32,
}

impl InheritedSlot {
    pub const fn new(name: &'static str) -> Self {
        InheritedSlot {
            name,
            offset: std::sync::atomic::AtomicU32::new(0),
        }
    }

    /// The property of `obj` (an instance of the declaring class or a subclass) in place:
    /// `None` when unset or undefined. A reference is looked through. A class with hooked
    /// properties (PHP 8.4: a subclass may redeclare this one with hooks) is asked by name.
    pub fn peek<'a>(&self, obj: &'a ZendObject) -> Option<Peek<'a>> {
        use std::sync::atomic::Ordering::Relaxed;
        if class_has_hooks(obj.ce) {
            return peek_property(obj, self.name, find_prop_info(obj.ce, self.name));
        }
        let mut offset = self.offset.load(Relaxed);
        if offset == 0 {
            const ZEND_ACC_STATIC: u32 = 1 << 4;
            let info = find_prop_info(obj.ce, self.name);
            // SAFETY: null or this class's property info.
            if info.is_null() || unsafe { (*info).flags } & ZEND_ACC_STATIC != 0 {
                return peek_property(obj, self.name, info);
            }
            // SAFETY: checked non-null above: this class's property info.
            offset = unsafe { (*info).offset };
            self.offset.store(offset, Relaxed);
        }
        // SAFETY: the offset of a slot every object of this class hierarchy has.
        let v = unsafe {
            (*((obj as *const ZendObject as *const u8).add(offset as usize) as *const Zval))
                .dereference()
        };
        in_slot(obj, self.name, v)
    }
}

/// A property in place, for a `'static` name: declared properties in their slot, others in
/// the object's table (`None` when unset or undefined); a hooked one (PHP 8.4) as its `get`
/// hook gives it.
pub fn peek_raw_cached<'a>(obj: &'a ZendObject, name: &'static str) -> Option<Peek<'a>> {
    peek_property(obj, name, static_prop_info(obj.ce, name))
}

/// [`read_raw`] for a `'static` name (a literal): the per-message path, cached.
pub fn read_raw_cached(obj: &ZendObject, name: &'static str) -> Option<Zval> {
    read_raw_with(obj, name, static_prop_info(obj.ce, name))
}

fn read_raw_with(
    obj: &ZendObject,
    name: &str,
    info: *const ffi::zend_property_info,
) -> Option<Zval> {
    peek_property(obj, name, info).map(Peek::into_owned)
}

/// The value of `$name` in place (`info`: its property info, or null if not declared): a
/// declared property's slot, else the object's table of dynamic properties. `None` when
/// unset or undefined. A hooked property (PHP 8.4) is read by the engine: its `get` hook runs;
/// so is an unset one of a lazy object (its initializer runs, or its proxy forwards).
fn peek_property<'a>(
    obj: &'a ZendObject,
    name: &str,
    info: *const ffi::zend_property_info,
) -> Option<Peek<'a>> {
    const ZEND_ACC_STATIC: u32 = 1 << 4;
    if is_hooked(info) {
        return read_by_engine(obj, name).map(Peek::Value);
    }
    // SAFETY: info is null or this class's property info; a non-static property's offset
    // points into this object's property slots; the dynamic table belongs to the object.
    let v = unsafe {
        if !info.is_null() && (*info).flags & ZEND_ACC_STATIC == 0 {
            let slot =
                (obj as *const ZendObject as *const u8).add((*info).offset as usize) as *const Zval;
            (*slot).dereference()
        } else {
            let props = obj.properties.as_ref()?;
            let props: &ext_php_rs::types::ZendHashTable =
                &*(props as *const ffi::HashTable as *const _);
            let v = props.get(name)?;
            let v = if v.is_indirect() { v.indirect()? } else { v };
            v.dereference()
        }
    };
    in_slot(obj, name, v)
}

/// `$name`'s value `v` as found in `obj` (its slot, or its table): itself, unless unset —
/// then nothing, or for a lazy object (PHP 8.4) what the engine reads (the ghost initialized,
/// the proxy's instance asked).
fn in_slot<'a>(obj: &'a ZendObject, name: &str, v: &'a Zval) -> Option<Peek<'a>> {
    if type_byte(v) != IS_UNDEF {
        return Some(Peek::Slot(v));
    }
    is_lazy(obj)
        .then(|| read_by_engine(obj, name).map(Peek::Value))
        .flatten()
}
