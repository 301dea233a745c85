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

/// The Rust half of an object of a class registered with ext-php-rs: what
/// `ZendClassObject::<T>::from_zend_obj_mut()` gives, on the per-message path (several
/// times per message). Only the check that makes the cast sound is kept — the object was
/// made by `T`'s own `create_object` (its handlers) — not the class-hierarchy walk, which
/// those handlers already imply. `None` also when the Rust half is not initialized.
pub fn native_mut<T: ext_php_rs::class::RegisteredClass>(obj: &mut ZendObject) -> Option<&mut T> {
    let handlers: *const ffi::zend_object_handlers = T::get_metadata().handlers();
    if !std::ptr::eq(obj.handlers, handlers) {
        return None;
    }
    let offset = std::mem::offset_of!(ext_php_rs::types::ZendClassObject<T>, std);
    // SAFETY: an object with T's handlers was allocated by T's create_object as the `std`
    // field of a ZendClassObject<T> (repr(C)); the &mut ZendObject is the only borrow.
    unsafe {
        let whole = (obj as *mut ZendObject)
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
