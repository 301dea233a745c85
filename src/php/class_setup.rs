//! Registering `beyod\StreamClient` so that it behaves like an ordinary PHP base class.
//!
//! ext-php-rs 0.16.4 gets four things wrong for classes meant to be extended (upstream
//! issue extphprs/ext-php-rs#138 and its neighbours); each is patched here, at MINIT, on the
//! class entry we register ourselves:
//! 1. its `create_object` builds the *base* class even for `new Subclass()`: ours honours the
//!    real class entry and always leaves the Rust state initialised;
//! 2. its macros give every method a return type, so an untyped override in a subclass
//!    (`public function init()`) is a fatal LSP error: we strip them;
//! 3. its `get_gc` does not see PHP values kept in Rust (handlers, attributes): ours reports
//!    them, so cycles such as `$c->on('x', fn() => $c)` are collected;
//! 4. its `clone_obj` refuses to clone: ours clones as `yii\base\Component` does.
//!
//! A class may also bring its own `write_property` handler ([`HoldsPhpValues::write_property`]),
//! installed in the same handler table.
//!
//! Each handler is an entry from the engine: a panic in one is caught (see `panic_guard`).
//!
//! Declared properties are plain engine properties with defaults (never `#[php(prop)]`), so a
//! subclass can redeclare a default and `var_dump()`/reflection see them.

use std::cell::RefCell;
use std::ffi::c_int;
use std::mem::ManuallyDrop;

use ext_php_rs::builders::{ClassBuilder, ClassProperty};
use ext_php_rs::class::RegisteredClass;
use ext_php_rs::ffi;
use ext_php_rs::flags::{PropertyFlags, ZvalTypeFlags};
use ext_php_rs::types::{ZendClassObject, ZendHashTable, ZendStr, Zval};

use super::panic_guard::{self, Report};

unsafe extern "C" {
    fn _zend_hash_init(
        ht: *mut ffi::HashTable,
        n: u32,
        d: Option<unsafe extern "C" fn(*mut ffi::zval)>,
        persistent: bool,
    );
}

/// A default value of a declared property.
pub enum Initial {
    Null,
    Long(i64),
    Bool(bool),
    /// An interned (immutable) string.
    Str(&'static str),
    /// A persistent, immutable array of `(key, value)`.
    Array(&'static [(&'static str, Scalar)]),
}

/// A scalar inside an array default.
#[derive(Clone, Copy)]
pub enum Scalar {
    Null,
    Long(i64),
    Bool(bool),
}

fn initial_zval(d: &Initial) -> Zval {
    let mut z = Zval::new();
    match d {
        Initial::Null => z.set_null(),
        Initial::Long(v) => z.set_long(*v),
        Initial::Bool(v) => z.set_bool(*v),
        Initial::Str(s) => z.set_zend_string(ZendStr::new_interned(s, true)),
        Initial::Array(items) => return persistent_array(items),
    }
    z
}

/// An array usable as an internal class's property default. Internal defaults must not be
/// refcounted, so it is allocated persistently and marked immutable (as opcache does); the
/// engine copies it for each object on first write. Keys must be interned.
fn persistent_array(items: &[(&str, Scalar)]) -> Zval {
    // SAFETY: builds a fresh persistent HashTable with interned keys and scalar values; it is
    // never freed (it lives as long as the class).
    unsafe {
        let ht =
            std::alloc::alloc(std::alloc::Layout::new::<ffi::HashTable>()) as *mut ffi::HashTable;
        _zend_hash_init(ht, 8, None, true);
        for (k, v) in items {
            let mut z = Zval::new();
            match v {
                Scalar::Null => z.set_null(),
                Scalar::Long(v) => z.set_long(*v),
                Scalar::Bool(v) => z.set_bool(*v),
            }
            let key = ZendStr::new_interned(k, true).into_raw();
            ffi::zend_hash_update(
                ht,
                key as *mut ZendStr as *mut _,
                &mut z as *mut Zval as *mut ffi::zval,
            );
            std::mem::forget(z);
        }
        const GC_NOT_COLLECTABLE: u32 = 1 << 4;
        const GC_IMMUTABLE: u32 = 1 << 6;
        (*ht).gc.u.type_info |= GC_IMMUTABLE | GC_NOT_COLLECTABLE;
        (*ht).gc.refcount = 2;
        let mut zv = Zval::new();
        zv.value.arr = ht;
        zv.u1.type_info = ZvalTypeFlags::Array.bits();
        zv
    }
}

pub fn declared(name: &'static str, flags: PropertyFlags, d: Initial) -> ClassProperty {
    let d = std::sync::Arc::new(d);
    ClassProperty {
        name: name.into(),
        flags,
        default: Some(Box::new(move || Ok(initial_zval(&d)))),
        docs: &[],
        ty: None,
        nullable: true,
        readonly: false,
        default_stub: None,
    }
}

/// What a Rust-backed class must provide so its PHP values are visible to the cycle collector.
pub trait HoldsPhpValues {
    fn php_values(&self, out: &mut Vec<ManuallyDrop<Zval>>);
    /// A `write_property` handler replacing the standard one (it must call it). It runs
    /// under the panic guard of [`write_property`].
    fn write_property() -> Option<WriteProperty> {
        None
    }
}

pub type WriteProperty = unsafe fn(
    *mut ffi::zend_object,
    *mut ffi::zend_string,
    *mut ffi::zval,
    *mut *mut std::ffi::c_void,
) -> *mut ffi::zval;

type WritePropertyEntry = unsafe extern "C" fn(
    *mut ffi::zend_object,
    *mut ffi::zend_string,
    *mut ffi::zval,
    *mut *mut std::ffi::c_void,
) -> *mut ffi::zval;

thread_local! {
    static GC_SCRATCH: RefCell<Vec<ManuallyDrop<Zval>>> = const { RefCell::new(Vec::new()) };
}

/// The class's `write_property` handler: [`HoldsPhpValues::write_property`], where a panic is
/// an `Error` (the write returns `EG(error_zval)`, as the engine's own failed writes do).
unsafe extern "C" fn write_property<T: HoldsPhpValues>(
    object: *mut ffi::zend_object,
    member: *mut ffi::zend_string,
    value: *mut ffi::zval,
    cache_slot: *mut *mut std::ffi::c_void,
) -> *mut ffi::zval {
    // SAFETY: the engine's arguments, passed on unchanged (installed only when T has one).
    let written = panic_guard::throwing("write_property", || unsafe {
        match T::write_property() {
            Some(own) => own(object, member, value, cache_slot),
            None => ffi::zend_std_write_property(object, member, value, cache_slot),
        }
    });
    match written {
        Some(r) => r,
        // SAFETY: the executor globals of this (only) thread; `error_zval` is the engine's own
        // "the write failed" result, never written through.
        None => unsafe { &raw mut ffi::executor_globals.error_zval },
    }
}

/// Reports the declared properties and the PHP values the Rust state keeps. A panic (no
/// exception may be thrown inside a collection, nor PHP output made) is a stderr line and the
/// properties alone are reported, as zend_std_get_gc() does: under-reporting only keeps a
/// cycle through the Rust-held values from being collected, it never frees a live value.
unsafe extern "C" fn get_gc<T: RegisteredClass + HoldsPhpValues>(
    object: *mut ffi::zend_object,
    table: *mut *mut ffi::zval,
    n: *mut c_int,
) -> *mut ffi::HashTable {
    // SAFETY: the engine's arguments: a live object, valid out-pointers (see gc_table); the
    // scratch table's borrow is released when a panic unwinds out of gc_table.
    let reported = panic_guard::reported("get_gc", Report::Stderr, || unsafe {
        gc_table::<T>(object, table, n)
    });
    if let Some(props) = reported {
        return props;
    }
    // SAFETY: as above; the slots are the object's own.
    unsafe {
        let props = (*object).properties;
        if props.is_null() {
            *table = (*object).properties_table.as_mut_ptr();
            *n = (*(*object).ce).default_properties_count;
        } else {
            *table = std::ptr::null_mut();
            *n = 0;
        }
        props
    }
}

unsafe fn gc_table<T: RegisteredClass + HoldsPhpValues>(
    object: *mut ffi::zend_object,
    table: *mut *mut ffi::zval,
    n: *mut c_int,
) -> *mut ffi::HashTable {
    // SAFETY: called by the engine with a live object of class T (or a subclass) and valid
    // out-pointers. The reported zvals are bitwise copies (ManuallyDrop: no refcount change)
    // that the collector reads before the next get_gc call replaces them.
    unsafe {
        // The declared properties in their slots, as zend_std_get_gc() reports them: asking
        // for the properties table (zend_std_get_properties) would build one per object, a
        // kilobyte each, kept until the object goes.
        let props = (*object).properties;
        *table = std::ptr::null_mut();
        *n = 0;
        GC_SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            s.clear();
            if props.is_null() {
                let slots = (*object).properties_table.as_ptr() as *const Zval;
                let count = (*(*object).ce).default_properties_count.max(0) as usize;
                s.extend((0..count).map(|i| gc_ref(&*slots.add(i))));
            }
            if let Some(co) = ZendClassObject::<T>::from_zend_obj_mut(&mut *(object as *mut _)) {
                co.php_values(&mut s);
            }
            if !s.is_empty() {
                *table = s.as_mut_ptr() as *mut ffi::zval;
                *n = s.len() as c_int;
            }
        });
        props
    }
}

/// A bitwise copy of a zval for the GC table (no refcount change).
pub fn gc_ref(z: &Zval) -> ManuallyDrop<Zval> {
    // SAFETY: the copy is never dropped (ManuallyDrop) and only read while `z` is alive.
    ManuallyDrop::new(unsafe { std::ptr::read(z) })
}

/// A new object of class `ce` (T or a PHP subclass) with T's default state. A panic making
/// the state (no exception may be thrown here: `new` would go on to the constructor) is a
/// warning, and the object has no Rust state: its methods refuse it with an `Error`, and
/// freeing it frees only the PHP part.
unsafe extern "C" fn create_object<T: RegisteredClass + Default>(
    ce: *mut ffi::zend_class_entry,
) -> *mut ffi::zend_object {
    let state = panic_guard::reported("create_object", Report::Warning, T::default);
    // SAFETY: ce is the class being instantiated (T or a PHP subclass of T).
    unsafe { new_object(ce, state) }
}

/// An object of class `ce` with `state`; without one (a panic made none), its `__destruct()`
/// is never called (as for an object whose constructor failed): it has nothing to destroy,
/// and it would only throw.
///
/// # Safety
/// `ce` is T's class entry or a PHP subclass's.
unsafe fn new_object<T: RegisteredClass>(
    ce: *mut ffi::zend_class_entry,
    state: Option<T>,
) -> *mut ffi::zend_object {
    const IS_OBJ_DESTRUCTOR_CALLED: u32 = 1 << 8;
    // SAFETY: see the function's contract; the flag is in the object's own GC header.
    unsafe {
        let mut obj = ZendClassObject::<T>::new_uninit(ce.as_ref());
        let stateless = state.is_none();
        if let Some(state) = state {
            obj.initialize(state);
        }
        let raw = (*obj.into_raw()).get_mut_zend_obj();
        if stateless {
            raw.gc.u.type_info |= IS_OBJ_DESTRUCTOR_CALLED;
        }
        raw
    }
}

/// `clone $client`: the same class and properties, with fresh Rust state — no connection, no
/// handlers, no behaviors, no attributes (Yii's `Component::__clone()` resets events and
/// behaviors too); a subclass's `__clone()` runs. A panic making the state is an `Error`; the
/// engine then releases the object returned (fresh, without state or copied properties).
unsafe extern "C" fn clone_obj<T: RegisteredClass + Default>(
    old: *mut ffi::zend_object,
) -> *mut ffi::zend_object {
    let state = panic_guard::throwing("clone_obj", T::default);
    let made = state.is_some();
    // SAFETY: old is a live object of class T or a subclass; the new one is of its class.
    unsafe {
        let new = new_object((*old).ce, state);
        if made {
            // The properties, then __clone() (PHP code: outside the guard).
            ffi::zend_objects_clone_members(new, old);
        }
        new
    }
}

/// Removes the return types the macros put on every method, so PHP subclasses may override
/// them without declaring one.
unsafe fn strip_return_types(ce: *mut ffi::zend_class_entry) {
    const ZEND_ACC_HAS_RETURN_TYPE: u32 = 1 << 13;
    // SAFETY: ce is our freshly registered class; its internal functions' arg_info arrays are
    // owned by the module and writable at MINIT.
    unsafe {
        let ft: &ZendHashTable = &*(&raw const (*ce).function_table as *const ZendHashTable);
        for (_k, v) in ft.iter() {
            let f = v.value.ptr as *mut ffi::zend_function;
            let int = &mut (*f).internal_function;
            if int.fn_flags & ZEND_ACC_HAS_RETURN_TYPE != 0 && !int.arg_info.is_null() {
                int.fn_flags &= !ZEND_ACC_HAS_RETURN_TYPE;
                let ret = int.arg_info.offset(-1) as *mut ffi::zend_internal_arg_info;
                (*ret).type_.ptr = std::ptr::null_mut();
                (*ret).type_.type_mask = 0;
            }
        }
    }
}

/// Registers a `#[php_class]` as an extendable base class (see the module doc).
pub fn register_extendable<T>(props: Vec<ClassProperty>) -> ext_php_rs::error::Result<()>
where
    T: RegisteredClass + HoldsPhpValues + Default,
{
    let mut b = ClassBuilder::new(T::CLASS_NAME);
    for (m, f) in T::method_builders() {
        b = b.method(m, f);
    }
    for (name, value, docs, flags) in T::constants() {
        b = b.dyn_constant(*name, *value, docs, *flags)?;
    }
    for p in props {
        b = b.property(p);
    }
    b.flags(T::FLAGS)
        .object_override::<T>()
        .registration(|ce, arg_info| {
            let raw = ce as *mut ext_php_rs::zend::ClassEntry as *mut ffi::zend_class_entry;
            // SAFETY: MINIT, single-threaded; the class entry and handler table are ours.
            unsafe {
                (*raw).__bindgen_anon_2.create_object = Some(create_object::<T>);
                strip_return_types(raw);
                let h = T::get_metadata().handlers() as *const ffi::zend_object_handlers
                    as *mut ffi::zend_object_handlers;
                (*h).get_gc = Some(get_gc::<T>);
                (*h).clone_obj = Some(clone_obj::<T>);
                if T::write_property().is_some() {
                    let w: WritePropertyEntry = write_property::<T>;
                    (*h).write_property = Some(w);
                    super::zend::OWN_WRITE.store(w as usize, std::sync::atomic::Ordering::Relaxed);
                }
            }
            T::get_metadata().set_ce(ce);
            T::get_metadata().set_arg_info(arg_info);
        })
        .register()
}

/// Makes the named methods of `ce` (PHP names, any case) instance methods: ext-php-rs registers
/// a method written without a receiver as static, and its generated handler never reads
/// `$this` (the method reads it from the call frame itself, as a pointer). With the flag
/// cleared the engine calls it on an object only, as any instance method (a static call is
/// its "Non-static method cannot be called statically" error). `false` if one is missing.
pub fn make_instance_methods(ce: &ext_php_rs::zend::ClassEntry, names: &[&str]) -> bool {
    const ZEND_ACC_STATIC: u32 = 1 << 4;
    let mut all = true;
    for name in names {
        match internal_method(ce, name) {
            // SAFETY: MINIT, after the class's registration (see internal_method): nothing
            // else reads the function's flags yet.
            Some(f) => unsafe { (*f).common.fn_flags &= !ZEND_ACC_STATIC },
            None => all = false,
        }
    }
    all
}

/// The internal (ext-php-rs registered) method `$name` of `ce` (any case), for MINIT to
/// adjust its flags or replace its handler; `None` if it has no such internal method.
pub fn internal_method(
    ce: &ext_php_rs::zend::ClassEntry,
    name: &str,
) -> Option<*mut ffi::zend_function> {
    // SAFETY: MINIT, after the class's registration: its function table holds the internal
    // functions ext-php-rs registered, not yet called or shared with a thread; the lookup
    // lowercases the name itself.
    unsafe {
        let f = ffi::zend_hash_str_find_ptr_lc(
            &ce.function_table,
            name.as_ptr() as *const std::ffi::c_char,
            name.len(),
        ) as *mut ffi::zend_function;
        (!f.is_null() && (*f).type_ == ffi::ZEND_INTERNAL_FUNCTION as u8).then_some(f)
    }
}
