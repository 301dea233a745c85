//! zvals: made, read by their type byte, compared bit for bit, described for messages.

use ext_php_rs::ffi;
use ext_php_rs::types::{ZendHashTable, ZendObject, ZendStr, Zval};

use super::engine::{zend_one_char_string, zval_get_string_func};
use super::exception_pending;

/// `(string)$value`, as PHP casts it (objects through `__toString`). `None` if that threw.
pub fn to_bytes(value: &Zval) -> Option<Vec<u8>> {
    if let Some(s) = value.zend_str() {
        return Some(s.as_bytes().to_vec());
    }
    // SAFETY: zval_get_string_func returns a new reference to a zend_string we release.
    unsafe {
        let s = zval_get_string_func(value as *const Zval as *mut ffi::zval);
        if exception_pending() {
            if !s.is_null() {
                ext_php_rs::boxed::ZBox::<ZendStr>::from_raw(s as *mut ZendStr);
            }
            return None;
        }
        let boxed = ext_php_rs::boxed::ZBox::<ZendStr>::from_raw(s as *mut ZendStr);
        Some(boxed.as_bytes().to_vec())
    }
}

/// Whether `z` is a string holding exactly `bytes` (no UTF-8 check: the per-message and
/// per-handler comparisons).
pub fn is_string_of(z: &Zval, bytes: &[u8]) -> bool {
    string_bytes(z).is_some_and(|s| s == bytes)
}

/// A string's bytes, `None` for any other type; read by the type byte directly (the
/// per-command path: ext-php-rs's `zend_str()` converts the whole type word first).
#[inline]
pub fn string_bytes(z: &Zval) -> Option<&[u8]> {
    if type_byte(z) != IS_STRING {
        return None;
    }
    // SAFETY: a string zval points at a live zend_string whose `len` bytes follow `val`.
    unsafe {
        let s = z.value.str_;
        Some(std::slice::from_raw_parts(
            (*s).val.as_ptr() as *const u8,
            (*s).len,
        ))
    }
}

/// An array, `None` for any other type (as [`string_bytes`]).
#[inline]
pub fn array_of(z: &Zval) -> Option<&ZendHashTable> {
    // SAFETY: an array zval points at a live zend_array.
    (type_byte(z) == IS_ARRAY).then(|| unsafe { &*(z.value.arr as *const ZendHashTable) })
}

/// An int, `None` for any other type (as [`string_bytes`]).
#[inline]
pub fn long_of(z: &Zval) -> Option<i64> {
    if type_byte(z) != IS_LONG {
        return None;
    }
    // SAFETY: an int zval's value is its `lval`.
    Some(unsafe { z.value.lval })
}

pub fn bytes_zval(bytes: &[u8]) -> Zval {
    let mut z = Zval::new();
    z.set_zend_string(ZendStr::new(bytes, false));
    z
}

/// A one-byte string: the engine's interned one (`ZSTR_CHAR()`), nothing allocated.
pub fn char_zval(c: u8) -> Zval {
    // SAFETY: the engine fills the table at startup with interned (never freed) strings.
    let s = unsafe { zend_one_char_string[c as usize] };
    if s.is_null() {
        return bytes_zval(&[c]);
    }
    let mut z = Zval::new();
    // IS_INTERNED_STRING_EX: a string, not refcounted.
    z.u1.type_info = 6;
    z.value.str_ = s;
    z
}

/// Whether an array has no elements, read in place (ext-php-rs's `is_empty()` calls the
/// engine's `zend_array_count()`; Yii's handler tables are checked per event).
pub fn array_is_empty(a: &ZendHashTable) -> bool {
    a.nNumOfElements == 0
}

/// The values of an array in order, read in place from the engine's layout (a packed array's
/// zvals, or a hash's buckets; holes skipped). ext-php-rs's iterator makes a key zval and
/// calls the engine three times per element: this is for the per-command path.
pub fn values(a: &ZendHashTable) -> impl Iterator<Item = &Zval> + '_ {
    const HASH_FLAG_PACKED: u32 = 1 << 2;
    // SAFETY: a live array: nNumUsed slots of its data are initialised (holes are UNDEF).
    let (base, stride) = unsafe {
        if a.u.flags & HASH_FLAG_PACKED != 0 {
            (
                a.__bindgen_anon_1.arPacked as *const u8,
                std::mem::size_of::<ffi::zval>(),
            )
        } else {
            (
                a.__bindgen_anon_1.arData as *const u8,
                std::mem::size_of::<ffi::Bucket>(),
            )
        }
    };
    (0..a.nNumUsed as usize).filter_map(move |i| {
        // SAFETY: slot i < nNumUsed; a bucket starts with its value.
        let z = unsafe { &*(base.add(i * stride) as *const Zval) };
        (type_byte(z) != IS_UNDEF).then_some(z)
    })
}

pub fn str_zval(s: &str) -> Zval {
    bytes_zval(s.as_bytes())
}

pub fn long_zval(v: i64) -> Zval {
    let mut z = Zval::new();
    z.set_long(v);
    z
}

pub fn bool_zval(v: bool) -> Zval {
    let mut z = Zval::new();
    z.set_bool(v);
    z
}

pub fn object_zval(obj: &mut ZendObject) -> Zval {
    let mut z = Zval::new();
    z.set_object(obj);
    z
}

/// The zval's type byte (IS_UNDEF 0, IS_NULL 1, IS_FALSE 2, IS_TRUE 3, …), read directly:
/// the per-message checks cannot afford `Zval::get_type()`'s conversion.
#[inline]
pub fn type_byte(z: &Zval) -> u8 {
    // SAFETY: every zval has an initialised type_info.
    unsafe { (z.u1.type_info & 0xff) as u8 }
}

/// A zval as its type word and its 8 value bytes: equal for two zvals holding the same
/// scalar, or the very same string, array or object. (Undef, null, false and true have no
/// value: 0, whatever their value bytes hold.)
#[inline]
pub fn value_bits(z: &Zval) -> (u32, i64) {
    // SAFETY: every zval has an initialised type word; from IS_LONG on, its 8 value bytes
    // are written too.
    unsafe {
        let value = if type_byte(z) >= IS_LONG {
            z.value.lval
        } else {
            0
        };
        (z.u1.type_info, value)
    }
}

/// Whether [`value_bits`] are those of a reference-counted value (not a scalar, not an
/// interned string).
#[inline]
pub fn bits_refcounted(bits: (u32, i64)) -> bool {
    // IS_TYPE_REFCOUNTED << Z_TYPE_FLAGS_SHIFT
    bits.0 & (1 << 8) != 0
}

/// `IS_OBJ_WEAKLY_REFERENCED` (`GC_PERSISTENT` reused on objects): a `WeakReference` or a
/// `WeakMap` key points at the object.
const IS_OBJ_WEAKLY_REFERENCED: u32 = 1 << 7;

/// Only the caller's own reference holds `o`: no other zval, no `WeakReference` or `WeakMap`
/// entry (either would see the object live on, or change, if the caller kept or reused it).
#[inline]
pub fn sole_reference(o: &ZendObject) -> bool {
    // SAFETY: every live object has an initialised refcount header.
    o.gc.refcount == 1 && unsafe { o.gc.u.type_info } & IS_OBJ_WEAKLY_REFERENCED == 0
}

pub const IS_UNDEF: u8 = 0;
pub const IS_NULL: u8 = 1;
pub const IS_FALSE: u8 = 2;
pub const IS_LONG: u8 = 4;
pub const IS_STRING: u8 = 6;
pub const IS_ARRAY: u8 = 7;
pub const IS_OBJECT: u8 = 8;

/// `fopen("php://fd/$fd", $mode)`: a PHP stream over a duplicate of `fd`.
pub fn stream_over_fd(fd: i32, mode: &str) -> Option<Zval> {
    let fopen = ext_php_rs::types::ZendCallable::try_from_name("fopen").ok()?;
    let path = format!("php://fd/{fd}");
    fopen
        .try_call(vec![&path, &mode])
        .ok()
        .filter(|z| !z.is_false())
}

/// A short description of a PHP value for error messages.
pub fn describe(v: &Zval) -> String {
    if let Some(s) = v.str() {
        return format!("\"{s}\"");
    }
    if let Some(l) = v.long() {
        return l.to_string();
    }
    if let Some(d) = v.double() {
        return d.to_string();
    }
    if v.is_null() {
        return "null".into();
    }
    if v.is_bool() {
        return if v.bool() == Some(true) {
            "true".into()
        } else {
            "false".into()
        };
    }
    if let Some(o) = v.object() {
        return format!(
            "an object of class {}",
            o.get_class_name().unwrap_or_default()
        );
    }
    if v.is_array() {
        return "an array".into();
    }
    format!("a value of type {}", v.get_type())
}

/// `$ht[$key] = $v` as the engine assigns it: the new value stored first, the old one handed
/// back for the caller to let go of (`zend_hash_update` destroys the old value in place, in
/// the bucket, and a destructor that changes the same array meanwhile makes it write into
/// freed memory). The caller drops it once no borrow of the array's owner is alive.
#[must_use = "the old value: dropped by the caller once nothing is borrowed"]
pub fn hash_replace(ht: &mut ZendHashTable, key: &str, v: Zval) -> Option<Zval> {
    match ht.get_mut(key) {
        Some(slot) => Some(replace_value(slot, v)),
        None => {
            let _ = ht.insert(key, v);
            None
        }
    }
}

/// Puts `v` in `slot` and gives back what it held, as the engine's `ZVAL_COPY_VALUE` writes a
/// zval in place: the value and its type word only. The slot's third word (`u2`) is not the
/// value's: in a hash bucket it links the bucket's collision chain, so it stays as it is.
#[must_use = "the old value: dropped by the caller once nothing is borrowed"]
pub fn replace_value(slot: &mut Zval, v: Zval) -> Zval {
    let v = std::mem::ManuallyDrop::new(v);
    let mut old = Zval::new();
    old.value = slot.value;
    old.u1 = slot.u1;
    slot.value = v.value;
    slot.u1 = v.u1;
    old
}

/// A setting's number as PHP code gives it: an int, a float, or a numeric string (surrounding
/// blanks allowed); `None` for anything else.
pub fn number(v: &Zval) -> Option<f64> {
    v.double()
        .or_else(|| v.long().map(|l| l as f64))
        .or_else(|| v.str().and_then(|s| s.trim().parse::<f64>().ok()))
}
