//! Static properties: read (cached per request on the per-event path) and written in place.

use std::cell::Cell;
use std::ffi::c_char;

use ext_php_rs::ffi;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::ClassEntry;

/// The slot of the static property `$ce::$name` (null when the class has none), looked up
/// silently (no error for a missing one).
fn static_slot(ce: &ClassEntry, name: &str) -> *mut Zval {
    // SAFETY: a silent lookup in a live class's static members: it only reads them.
    unsafe {
        ffi::zend_read_static_property(
            ce as *const ClassEntry as *mut ffi::zend_class_entry,
            name.as_ptr() as *const c_char,
            name.len(),
            true,
        ) as *mut Zval
    }
}

/// `$ce::$name`, or `None` when the class has no such static property.
pub fn read_static_property(ce: &ClassEntry, name: &str) -> Option<Zval> {
    let slot = static_slot(ce, name);
    // SAFETY: null or a live static property slot.
    unsafe {
        (slot as *const Zval)
            .as_ref()
            .map(|z| z.dereference().shallow_clone())
    }
}

/// [`read_static_property`] for a `'static` name, on the per-event path: the slot is found
/// once per request (a class's static members live until the request ends) and read in place.
pub fn read_static_property_cached(ce: &ClassEntry, name: &'static str) -> Option<Zval> {
    peek_static_property_cached(ce, name, |v| v.map(Zval::shallow_clone))
}

/// [`read_static_property_cached`], looked at in place (no reference taken).
pub fn peek_static_property_cached<R>(
    ce: &ClassEntry,
    name: &'static str,
    f: impl FnOnce(Option<&Zval>) -> R,
) -> R {
    let key = (ce as *const ClassEntry as usize, name.as_ptr() as usize);
    let cached = STATIC_SLOTS.with(|c| {
        c.borrow()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, slot)| *slot)
    });
    let slot = match cached {
        Some(slot) => slot,
        None => {
            let slot = static_slot(ce, name) as usize;
            if slot == 0 {
                return f(None);
            }
            STATIC_SLOTS.with(|c| c.borrow_mut().push((key, slot)));
            slot
        }
    };
    // SAFETY: the slot was found in this request (see reset_caches) and static
    // members stay where they are until the request ends.
    f(unsafe { (slot as *const Zval).as_ref() }.map(Zval::dereference))
}

/// Two static properties of one class looked at in place, with one cache lookup (the
/// per-event check of Yii's class-level handler tables): `f` gets both (`None`: undeclared).
pub fn peek_static_pair_cached<R>(
    ce: &ClassEntry,
    names: [&'static str; 2],
    f: impl FnOnce(Option<&Zval>, Option<&Zval>) -> R,
) -> R {
    let key = ce as *const ClassEntry as usize;
    let (k, a, b) = STATIC_PAIR.with(Cell::get);
    let (a, b) = if k == key && a != 0 && b != 0 {
        (a, b)
    } else {
        let [a, b] = names.map(|name| static_slot(ce, name) as usize);
        if a != 0 && b != 0 {
            STATIC_PAIR.with(|c| c.set((key, a, b)));
        }
        (a, b)
    };
    // SAFETY: slots of this request's static members (see reset_caches), or null.
    unsafe {
        f(
            (a as *const Zval).as_ref().map(Zval::dereference),
            (b as *const Zval).as_ref().map(Zval::dereference),
        )
    }
}

/// RSHUTDOWN: the static members go with the request.
pub(super) fn reset_cache() {
    STATIC_SLOTS.with(|c| c.borrow_mut().clear());
    STATIC_PAIR.with(|c| c.set((0, 0, 0)));
}

thread_local! {
    /// (class entry, slot, slot) of the last [`peek_static_pair_cached`], for this request.
    static STATIC_PAIR: Cell<(usize, usize, usize)> = const { Cell::new((0, 0, 0)) };
    /// (class entry, name) → static property slot, for this request.
    static STATIC_SLOTS: std::cell::RefCell<Vec<((usize, usize), usize)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// `$ce::$name[$index] = $value` (or `unset(...)` when `value` is `None`), in place: O(1),
/// separating the array first if PHP code shares it. What the array held there (and a
/// non-array the property held) is let go of last, once the array is no longer being
/// written: its destructor, or the cycle collector, may change this very property.
pub fn static_array_put(ce: &ClassEntry, name: &str, index: i64, value: Option<Zval>) {
    let mut let_go: [Option<Zval>; 2] = [None, None];
    let slot = static_slot(ce, name);
    // SAFETY: the static property slot belongs to a live class and stays where it is for the
    // request; no PHP code runs inside this block (nothing is dropped in it: the values it
    // takes out go to `let_go`). The array is separated before it is written as the
    // engine's SEPARATE_ARRAY does (a shared array: one reference given back, a copy
    // written; an immutable one: copied). The old value at `index` is taken out of its bucket
    // before the bucket is overwritten or deleted, so no destructor runs while the hash is
    // being changed (zend_hash_index_update/del would run it in the middle).
    unsafe {
        if slot.is_null() {
            return;
        }
        let slot = (*slot).dereference_mut() as *mut Zval;
        if !(*slot).is_array() {
            if value.is_none() {
                return;
            }
            let mut arr = Zval::new();
            arr.set_hashtable(ext_php_rs::types::ZendHashTable::new());
            let_go[0] = Some(std::mem::replace(&mut *slot, arr));
        }
        let ht = (*slot).value.arr;
        let ht = if (*ht).gc.refcount > 1 && (*ht).gc.u.type_info & (1 << 6) == 0 {
            let dup = ffi::zend_array_dup(ht);
            (*ht).gc.refcount -= 1;
            (*slot).value.arr = dup;
            dup
        } else if (*ht).gc.u.type_info & (1 << 6) != 0 {
            // Immutable (e.g. the declared `[]` default): copy before the first write.
            let dup = ffi::zend_array_dup(ht);
            (*slot).value.arr = dup;
            (*slot).u1.type_info = ext_php_rs::flags::ZvalTypeFlags::ArrayEx.bits();
            dup
        } else {
            ht
        };
        let existing = ffi::zend_hash_index_find(ht, index as ffi::zend_ulong) as *mut Zval;
        match (value, existing.is_null()) {
            (Some(v), false) => let_go[1] = Some(super::replace_value(&mut *existing, v)),
            (Some(v), true) => {
                let mut v = std::mem::ManuallyDrop::new(v);
                ffi::zend_hash_index_update(
                    ht,
                    index as ffi::zend_ulong,
                    &mut *v as *mut Zval as *mut ffi::zval,
                );
            }
            (None, false) => {
                let mut null = Zval::new();
                null.set_null();
                let_go[1] = Some(super::replace_value(&mut *existing, null));
                ffi::zend_hash_index_del(ht, index as ffi::zend_ulong);
            }
            (None, true) => {}
        }
    }
    drop(let_go);
}
