//! Declared property slots found once per class and used for every object of it.

use ext_php_rs::ffi;
use ext_php_rs::types::{ZendObject, Zval};
use ext_php_rs::zend::ClassEntry;

use super::props::{find_prop_info, is_hooked, peek_raw_cached, write_scoped_cached, Peek};
use super::{bits_refcounted, type_byte, value_bits, IS_NULL, IS_UNDEF};

/// Where a class keeps some declared properties: byte offsets into its objects, found once
/// and used for every event object of that class (the per-message path). Only plain slots
/// qualify: a declared, untyped, non-static, non-readonly property without hooks, on objects
/// with the standard write handler.
#[derive(Debug, Clone, Copy)]
pub struct Slots<const N: usize> {
    ce: usize,
    offsets: [u32; N],
}

impl<const N: usize> Slots<N> {
    /// The slots of `names` in `obj`'s class; `None` if one of them is not a plain slot or
    /// the object does not have the standard write handler.
    pub fn of(obj: &ZendObject, names: &[&'static str; N]) -> Option<Self> {
        let std_write: unsafe extern "C" fn(_, _, _, _) -> _ = ffi::zend_std_write_property;
        // SAFETY: the object's handlers and class are live.
        unsafe {
            match (*obj.handlers).write_property {
                Some(w) if std::ptr::fn_addr_eq(w, std_write) => {}
                _ => return None,
            }
            Self::of_class(&*(obj.ce as *const ClassEntry), names)
        }
    }

    /// The slots of `names` in `ce`'s objects, for objects made with the standard handlers
    /// (a PHP class's own); `None` if one of them is not a plain slot. [`Slots::get`] checks
    /// each object's class.
    pub fn of_class(ce: &ClassEntry, names: &[&'static str; N]) -> Option<Self> {
        const ZEND_ACC_STATIC: u32 = 1 << 4;
        const ZEND_ACC_READONLY: u32 = 1 << 7;
        let ce = ce as *const ClassEntry as *const ffi::zend_class_entry;
        let mut offsets = [0u32; N];
        for (i, name) in names.iter().enumerate() {
            let info = find_prop_info(ce, name);
            // SAFETY: null or this class's property info.
            unsafe {
                if info.is_null()
                    || is_hooked(info)
                    || (*info).flags & (ZEND_ACC_STATIC | ZEND_ACC_READONLY) != 0
                    || (*info).type_.type_mask != 0
                {
                    return None;
                }
                offsets[i] = (*info).offset;
            }
        }
        Some(Slots {
            ce: ce as usize,
            offsets,
        })
    }

    /// Property `i` of `obj` (an object of this class), when it holds a plain value: not
    /// unset, not a reference. `None` otherwise (use the by-name path then).
    #[inline]
    pub fn get<'a>(&self, obj: &'a ZendObject, i: usize) -> Option<&'a Zval> {
        self.slot(obj as *const ZendObject as *mut ZendObject, i)
            // SAFETY: a slot inside `obj`, borrowed as `obj` is.
            .map(|p| unsafe { &*p })
    }

    /// Property `i` of `names` in place: in its slot when `slots` has it, else by name
    /// ([`peek_raw_cached`]).
    #[inline]
    pub fn peek_in<'a>(
        slots: Option<&Self>,
        obj: &'a ZendObject,
        names: &[&'static str; N],
        i: usize,
    ) -> Option<Peek<'a>> {
        match slots.and_then(|s| s.get(obj, i)) {
            Some(v) => Some(Peek::Slot(v)),
            None => peek_raw_cached(obj, names[i]),
        }
    }

    /// Writes property `i` of `names`: in its slot when `slots` has it, else by name
    /// ([`write_scoped_cached`]).
    #[inline]
    pub fn write_in(
        slots: Option<&Self>,
        obj: &mut ZendObject,
        names: &[&'static str; N],
        i: usize,
        v: Zval,
    ) {
        drop(Self::replace_in(slots, obj, names, i, v));
    }

    /// [`Slots::get`], for writing.
    #[inline]
    pub fn get_mut<'a>(&self, obj: &'a mut ZendObject, i: usize) -> Option<&'a mut Zval> {
        self.slot(obj, i)
            // SAFETY: a slot inside `obj`, borrowed mutably as `obj` is.
            .map(|p| unsafe { &mut *p })
    }

    /// Replaces property `i` of `names` and gives back what it held, when `slots` has it in a
    /// plain slot; otherwise writes it by name ([`write_scoped_cached`]) and gives back `None`.
    #[inline]
    pub fn replace_in(
        slots: Option<&Self>,
        obj: &mut ZendObject,
        names: &[&'static str; N],
        i: usize,
        v: Zval,
    ) -> Option<Zval> {
        match slots.and_then(|s| s.get_mut(obj, i)) {
            Some(z) => Some(std::mem::replace(z, v)),
            None => {
                write_scoped_cached(obj, names[i], v);
                None
            }
        }
    }

    /// Puts `v` in property `i`'s slot of `obj` (an object of this class, checked), whatever
    /// the slot held (unset, a reference: let go, as freeing the object would); unless the
    /// slot already holds that very value (same type, same bits: the same string, say): then
    /// `v`'s own reference is given back in place (the slot keeps one, so it is never the
    /// last) and nothing is written. `false`: not an object of this class.
    #[inline]
    pub fn put(&self, obj: &mut ZendObject, i: usize, v: Zval) -> bool {
        if obj.ce as usize != self.ce {
            return false;
        }
        // SAFETY: a declared property slot of this class, inside `obj` (its class checked);
        // both zvals are initialised, so their type and 8 value bytes can be read.
        unsafe {
            let slot = &mut *((obj as *mut ZendObject as *mut u8).add(self.offsets[i] as usize)
                as *mut Zval);
            if value_bits(slot) == value_bits(&v) {
                if bits_refcounted(value_bits(&v)) {
                    (*v.value.counted).gc.refcount -= 1;
                }
                std::mem::forget(v);
                return true;
            }
            drop(std::mem::replace(slot, v));
        }
        true
    }

    /// Property `i`'s slot in `obj` as its type word and value bits (see [`value_bits`]);
    /// `None` if `obj` is not of this class.
    #[inline]
    pub fn bits(&self, obj: &ZendObject, i: usize) -> Option<(u32, i64)> {
        if obj.ce as usize != self.ce {
            return None;
        }
        // SAFETY: a declared property slot of this class, inside `obj` (its class checked).
        let slot = unsafe {
            &*((obj as *const ZendObject as *const u8).add(self.offsets[i] as usize) as *const Zval)
        };
        Some(value_bits(slot))
    }

    /// Whether an object of the class may be refilled in place of being freed and made again
    /// (`new` without its constructor): the class has no destructor (freeing runs none), all
    /// its properties are these slots and each slot's default is a plain scalar, so that an
    /// object whose slots are all written again (unwritten ones with
    /// [`Slots::default_scalar`]) is what `new` would have made.
    pub fn refillable(&self) -> bool {
        let ce = self.ce as *const ffi::zend_class_entry;
        // SAFETY: a registered class entry.
        let (count, destructor) = unsafe { ((*ce).default_properties_count, (*ce).destructor) };
        destructor.is_null()
            && count as usize == N
            && (0..N).all(|i| self.default_scalar(i).is_some())
    }

    /// The class's default value of property `i` (what `new` puts in its slot), when it is
    /// null, a bool, an int or a float.
    pub fn default_scalar(&self, i: usize) -> Option<Zval> {
        let ce = self.ce as *const ffi::zend_class_entry;
        let first = std::mem::offset_of!(ffi::zend_object, properties_table);
        let index = (self.offsets[i] as usize).checked_sub(first)? / std::mem::size_of::<Zval>();
        // SAFETY: a registered class entry; `index` is checked against its table's length.
        unsafe {
            if index >= (*ce).default_properties_count.max(0) as usize {
                return None;
            }
            let d = &*((*ce).default_properties_table.add(index) as *const Zval);
            // IS_NULL 1 … IS_DOUBLE 5: not refcounted, copied bit for bit.
            (IS_NULL..=5).contains(&type_byte(d)).then(|| {
                let mut z = Zval::new();
                std::ptr::copy_nonoverlapping(d, &mut z, 1);
                z
            })
        }
    }

    fn slot(&self, obj: *mut ZendObject, i: usize) -> Option<*mut Zval> {
        const IS_REFERENCE: u8 = 10;
        // SAFETY: obj is a live object; the offset is a declared property slot of this class
        // (checked first), inside the object.
        unsafe {
            if (*obj).ce as usize != self.ce {
                return None;
            }
            let slot = (obj as *mut u8).add(self.offsets[i] as usize) as *mut Zval;
            let t = type_byte(&*slot);
            (t != IS_UNDEF && t != IS_REFERENCE).then_some(slot)
        }
    }
}
