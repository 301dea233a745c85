//! Classes: lookups without autoloading surprises, constants, methods, and the Rust half
//! of an object of a class registered with ext-php-rs.

use std::ffi::c_char;

use ext_php_rs::ffi;
use ext_php_rs::types::{ZendObject, ZendStr, Zval};
use ext_php_rs::zend::ClassEntry;

use super::props::find_prop_info;

pub fn find_class(name: &str) -> Option<&'static ClassEntry> {
    // Without this check zend_lookup_class would emit its own error for invalid names.
    if name.is_empty() || name.contains('\0') {
        return None;
    }
    ClassEntry::try_find(name)
}

/// A class already declared (no autoloading): `class_exists($name, false)`.
pub fn find_loaded_class(name: &str) -> Option<&'static ClassEntry> {
    if name.is_empty() || name.contains('\0') {
        return None;
    }
    const ZEND_FETCH_CLASS_NO_AUTOLOAD: u32 = 0x80;
    let mut n = ZendStr::new(name, false);
    // SAFETY: a valid zend_string; with NO_AUTOLOAD the lookup only reads the class table.
    unsafe {
        ffi::zend_lookup_class_ex(&mut *n, std::ptr::null_mut(), ZEND_FETCH_CLASS_NO_AUTOLOAD)
            .as_ref()
    }
}

/// An object as the binding holds it between calls into PHP: the engine's pointer, not a Rust
/// reference. PHP code run by a handler, a destructor or the cycle collector may reach the same
/// object (and call our methods on it) meanwhile, so the binding keeps no reference to the
/// object, nor to its Rust half, across such a call: it makes a short-lived one for each
/// engine call or state access ([`Obj::zo`], [`native`]). Whoever made the `Obj` keeps the
/// object alive (a zval, the call frame's `$this`) for as long as it is used.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Obj(std::ptr::NonNull<ZendObject>);

impl Obj {
    /// The object a zval holds.
    pub fn of_zval(z: &Zval) -> Option<Obj> {
        if super::type_byte(z) != super::IS_OBJECT {
            return None;
        }
        // SAFETY: an object zval's value is the engine's pointer to a live object.
        std::ptr::NonNull::new(unsafe { z.value.obj } as *mut ZendObject).map(Obj)
    }

    /// `$this` of the internal method being executed.
    pub fn this() -> Option<Obj> {
        let ex = ext_php_rs::zend::ExecutorGlobals::get().current_execute_data;
        // SAFETY: null, or the live frame of the running internal call, whose `This` is an
        // object zval for a method called on an object.
        unsafe { Obj::of_zval(&*(&raw const ex.as_ref()?.This as *const Zval)) }
    }

    /// From the engine's pointer (a handler's argument).
    pub fn from_ptr(p: *mut ZendObject) -> Option<Obj> {
        std::ptr::NonNull::new(p).map(Obj)
    }

    /// From a reference the caller holds (the reference is not kept).
    pub fn of(o: &mut ZendObject) -> Obj {
        Obj(std::ptr::NonNull::from(o))
    }

    /// The object, for one engine call (or a few reads between calls into PHP): never keep
    /// it across a call into PHP.
    #[allow(clippy::mut_from_ref, clippy::wrong_self_convention)]
    pub fn zo<'a>(self) -> &'a mut ZendObject {
        // SAFETY: a live object (see the type's doc), reached through the engine's own
        // pointer; the binding makes these references one engine call at a time.
        unsafe { &mut *self.0.as_ptr() }
    }

    pub fn as_ptr(self) -> *mut ZendObject {
        self.0.as_ptr()
    }
}

impl std::ops::Deref for Obj {
    type Target = ZendObject;

    fn deref(&self) -> &ZendObject {
        // SAFETY: as in Obj::zo (a live object, one engine call at a time).
        unsafe { self.0.as_ref() }
    }
}

/// The Rust half of an object of a class registered with ext-php-rs: what
/// `ZendClassObject::<T>::from_zend_obj_mut()` gives, on the per-message path (several
/// times per message). Only the check that makes the cast sound is kept — the object was
/// made by `T`'s own `create_object` (its handlers) — not the class-hierarchy walk, which
/// those handlers already imply. `None` also when the Rust half is not initialized.
///
/// The reference is the caller's for the statements up to its next call into PHP (or drop of
/// a PHP value): PHP code may call a method of this object, which takes its own. Every caller
/// fetches it afresh after each such call (the binding's `state()`).
pub fn native<'a, T: ext_php_rs::class::RegisteredClass>(obj: Obj) -> Option<&'a mut T> {
    let handlers: *const ffi::zend_object_handlers = T::get_metadata().handlers();
    // SAFETY: a live object's handler table pointer (see Obj).
    if !std::ptr::eq(unsafe { (*obj.as_ptr()).handlers }, handlers) {
        return None;
    }
    let offset = std::mem::offset_of!(ext_php_rs::types::ZendClassObject<T>, std);
    // SAFETY: an object with T's handlers was allocated by T's create_object as the `std`
    // field of a ZendClassObject<T> (repr(C)), so the allocation starts `offset` bytes before
    // it; the pointer is the engine's (the whole allocation's), not derived from a reference
    // to the `std` field. No other reference to the Rust half is alive: the binding takes one
    // only between calls into PHP (see above), and no method of ours holds one across PHP
    // code: those that may run any take no receiver and read `$this` from the call frame
    // (stream_client.rs `this()`, the magic methods' own entries in magic_entries.rs); the
    // few that keep ext-php-rs's `&self`/`&mut self` run no PHP code.
    unsafe {
        let whole = obj
            .as_ptr()
            .cast::<u8>()
            .sub(offset)
            .cast::<ext_php_rs::types::ZendClassObject<T>>();
        (*whole).obj.as_mut()
    }
}

/// The value of `$ce::NAME` when it is a literal (`const EV_READ = 1;`), else `None`.
pub fn class_constant(ce: &ClassEntry, name: &str) -> Option<Zval> {
    // SAFETY: looks a name up in the class's constant table; the entry is a
    // zend_class_constant whose first member is its value.
    unsafe {
        let c = ffi::zend_hash_str_find_ptr_lc(
            &ce.constants_table,
            name.as_ptr() as *const c_char,
            name.len(),
        ) as *const ffi::zend_class_constant;
        let v = &*(&raw const c.as_ref()?.value as *const Zval);
        (v.is_long() || v.is_string() || v.is_double()).then(|| v.shallow_clone())
    }
}

/// The class a configuration names: the string itself, or an array's `'class'`
/// (or Yii's `'__class'`) entry.
pub fn class_name_of_config(config: &Zval) -> Option<String> {
    if let Some(s) = config.str() {
        return Some(s.to_string());
    }
    let a = config.array()?;
    a.get("__class")
        .or_else(|| a.get("class"))
        .and_then(|c| c.str())
        .map(str::to_string)
}

/// Does the object's class (or a parent) have a method `$name` (case-insensitive)?
pub fn has_method(obj: &ZendObject, name: &str) -> bool {
    class_has_method(obj.get_class_entry(), name)
}

/// Does the class (or a parent) declare the property `$name` (any visibility)?
pub fn class_declares(ce: &ClassEntry, name: &str) -> bool {
    !find_prop_info(
        ce as *const ClassEntry as *const ffi::zend_class_entry,
        name,
    )
    .is_null()
}

/// Does the class (or a parent) have a method `$name` (case-insensitive)?
pub fn class_has_method(ce: &ClassEntry, name: &str) -> bool {
    // SAFETY: looking a name up in the class's function table.
    unsafe {
        !ffi::zend_hash_str_find_ptr_lc(
            &ce.function_table,
            name.as_ptr() as *const c_char,
            name.len(),
        )
        .is_null()
    }
}
