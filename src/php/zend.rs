//! The few Zend engine calls ext-php-rs does not wrap, each in one small safe function.
//! The binding's other `unsafe` blocks are engine hooks, each in the module that installs
//! it: class handlers (class_setup.rs, stream_client/config.rs), the autoloader (events.rs),
//! ini entries (module_info.rs), the fork hook (runtime.rs), MINIT/RSHUTDOWN (mod.rs),
//! and the parser class-entry table (parsers.rs).
//!
//! Properties are reached in three ways, named for it:
//! - `read_magic`, `read_magic_if_set`, `write_magic`: as PHP code outside the class does
//!   (`__get()`/`__isset()`/`__set()` included, visibility checked);
//! - `read_raw`, `read_raw_cached`, `peek_raw_cached`: the value itself, never `__get()`, never
//!   a warning (a declared property's slot, else the dynamic table);
//! - `write_scoped`, `write_scoped_cached`: as code inside the object's class writes it
//!   (private/protected reachable; undeclared names go through `__set()`).
//!
//! `_cached` takes a `'static` name (a literal) and keeps its property info: the per-message
//! path.

use std::cell::Cell;
use std::ffi::{c_char, c_int, CString};

use ext_php_rs::ffi;
use ext_php_rs::types::{ZendHashTable, ZendObject, ZendStr, Zval};
use ext_php_rs::zend::{ClassEntry, ExecutorGlobals};

unsafe extern "C" {
    static zend_ce_closure: *mut ffi::zend_class_entry;
    /// The engine's interned one-byte strings (`ZSTR_CHAR()`).
    static zend_one_char_string: [*mut ffi::zend_string; 256];
    fn zend_call_function(
        fci: *mut ffi::zend_fcall_info,
        fci_cache: *mut ffi::zend_fcall_info_cache,
    ) -> ffi::zend_result;
    fn object_init_ex(arg: *mut ffi::zval, ce: *mut ffi::zend_class_entry) -> ffi::zend_result;
    fn zend_clear_exception();
    fn zval_get_string_func(op: *mut ffi::zval) -> *mut ffi::zend_string;
    fn zend_eval_stringl(
        code: *const c_char,
        len: usize,
        retval: *mut ffi::zval,
        name: *const c_char,
    ) -> ffi::zend_result;
    fn zend_update_property(
        scope: *mut ffi::zend_class_entry,
        object: *mut ffi::zend_object,
        name: *const c_char,
        name_length: usize,
        value: *mut ffi::zval,
    );
}

/// How many arguments the internal method being executed was called with.
pub fn num_args() -> u32 {
    let ex = ExecutorGlobals::get().current_execute_data;
    // SAFETY: null, or the frame of the internal call being executed.
    unsafe { ex.as_ref().map_or(0, |ex| ex.This.u2.num_args) }
}

/// The called class of the static method being executed (late static binding).
pub fn called_class_name() -> Option<String> {
    let ex = ExecutorGlobals::get().current_execute_data;
    // SAFETY: null, or the frame of the static call being executed, whose This.value.ce is
    // the called scope.
    unsafe {
        ex.as_ref()
            .and_then(|ex| (ex.This.value.ce as *const ClassEntry).as_ref())
            .and_then(|c| c.name())
            .map(str::to_string)
    }
}

/// `$this` of the internal method being executed.
pub fn this_object() -> Option<&'static mut ZendObject> {
    let eg = ExecutorGlobals::get();
    // SAFETY: current_execute_data is either null or the live frame of the running call.
    let ex = unsafe { eg.current_execute_data.as_mut()? };
    ex.get_self()
}

/// Is an exception pending (thrown by PHP code we called)?
/// Checked after every call into PHP, so read directly (`ExecutorGlobals::get()` takes a lock).
pub fn exception_pending() -> bool {
    // SAFETY: NTS PHP: the executor globals are a plain static of the engine, read on the
    // thread that runs PHP.
    unsafe {
        !(*std::ptr::addr_of!(ffi::executor_globals))
            .exception
            .is_null()
    }
}

/// Takes the pending exception out of the engine, if it is an instance of `ce`:
/// returns its code and message.
pub fn catch_exception_of(ce: &ClassEntry) -> Option<(i64, String)> {
    if !exception_pending() {
        return None;
    }
    let eg = ExecutorGlobals::get();
    // SAFETY: EG(exception) is null or a live object.
    let ex = unsafe { eg.exception.as_mut()? };
    if !ex.instance_of(ce) {
        return None;
    }
    // Keep the object alive, then release the engine's hold on it (as a catch block does):
    // methods cannot be called while an exception is pending.
    let held = object_zval(ex);
    // SAFETY: an exception is pending.
    unsafe { zend_clear_exception() };
    let ex = held.object()?;
    let code = call_method(ex, "getCode", &[])
        .and_then(|c| c.long())
        .unwrap_or(0);
    let message = call_method(ex, "getMessage", &[])
        .and_then(|m| m.string())
        .unwrap_or_default();
    Some((code, message))
}

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

/// `$ce::$name`, or `None` when the class has no such static property.
pub fn read_static_property(ce: &ClassEntry, name: &str) -> Option<Zval> {
    // SAFETY: silent lookup of a static property slot of a live class.
    unsafe {
        let slot = ffi::zend_read_static_property(
            ce as *const ClassEntry as *mut ffi::zend_class_entry,
            name.as_ptr() as *const c_char,
            name.len(),
            true,
        );
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
            // SAFETY: silent lookup of a static property slot of a live class.
            let slot = unsafe {
                ffi::zend_read_static_property(
                    ce as *const ClassEntry as *mut ffi::zend_class_entry,
                    name.as_ptr() as *const c_char,
                    name.len(),
                    true,
                )
            } as usize;
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
        // SAFETY: as in peek_static_property_cached (silent lookups of live static slots).
        let [a, b] = names.map(|name| unsafe {
            ffi::zend_read_static_property(
                ce as *const ClassEntry as *mut ffi::zend_class_entry,
                name.as_ptr() as *const c_char,
                name.len(),
                true,
            ) as usize
        });
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

thread_local! {
    /// (class entry, slot, slot) of the last [`peek_static_pair_cached`], for this request.
    static STATIC_PAIR: Cell<(usize, usize, usize)> = const { Cell::new((0, 0, 0)) };
    /// (class entry, name) → static property slot, for this request.
    static STATIC_SLOTS: std::cell::RefCell<Vec<((usize, usize), usize)>> =
        const { std::cell::RefCell::new(Vec::new()) };
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

/// Makes `e` the pending exception.
pub fn throw(e: ext_php_rs::exception::PhpException) {
    e.throw();
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

/// Compiles and runs `code` as the expression of a `return` (as `eval("return $code;")`),
/// or as statements when `expression` is false. `None` if it failed or threw.
pub fn eval(code: &str, expression: bool, origin: &std::ffi::CStr) -> Option<Zval> {
    let mut rv = Zval::new();
    let retval = if expression {
        &mut rv as *mut Zval as *mut ffi::zval
    } else {
        std::ptr::null_mut()
    };
    // SAFETY: code is a valid (ptr, len); retval is null or a valid out-zval.
    let r = unsafe {
        zend_eval_stringl(
            code.as_ptr() as *const c_char,
            code.len(),
            retval,
            origin.as_ptr(),
        )
    };
    (r == 0 && !exception_pending()).then_some(rv)
}

/// An object of `ce` with its declared defaults, its constructor not run (what
/// `ReflectionClass::newInstanceWithoutConstructor()` gives).
pub fn instantiate_bare(ce: &ClassEntry) -> Option<Zval> {
    let mut zv = Zval::new();
    // SAFETY: zv is a valid out-zval; ce is a registered class entry.
    let ok = unsafe {
        object_init_ex(
            &mut zv as *mut Zval as *mut ffi::zval,
            ce as *const _ as *mut _,
        )
    };
    (ok == 0 && !exception_pending()).then_some(zv)
}

/// `new $ce(...$args)`: runs the constructor. `None` if it threw.
pub fn instantiate(ce: &ClassEntry, args: &[&Zval]) -> Option<Zval> {
    let mut zv = instantiate_bare(ce)?;
    // SAFETY: constructor is null or a valid function of ce.
    let ctor = unsafe { (*(ce as *const ClassEntry as *const ffi::zend_class_entry)).constructor };
    if !ctor.is_null() {
        let mut params: Vec<Zval> = args.iter().map(|a| a.shallow_clone()).collect();
        let mut ret = Zval::new();
        let obj = zv.object_mut()?;
        // SAFETY: calling a known method of a live object with owned, initialised params.
        unsafe {
            ffi::zend_call_known_function(
                ctor,
                obj as *mut ZendObject as *mut ffi::zend_object,
                ce as *const _ as *mut _,
                &mut ret as *mut Zval as *mut ffi::zval,
                params.len() as u32,
                params.as_mut_ptr() as *mut ffi::zval,
                std::ptr::null_mut(),
            )
        };
    }
    if exception_pending() {
        return None;
    }
    Some(zv)
}

/// Calls `$obj->$name(...$args)` with PHP's own dispatch (a subclass override wins).
/// `None` when the method does not exist; an exception stays pending for the caller.
pub fn call_method(obj: &ZendObject, name: &str, args: &[&Zval]) -> Option<Zval> {
    let params: Vec<&dyn ext_php_rs::convert::IntoZvalDyn> = args
        .iter()
        .map(|a| *a as &dyn ext_php_rs::convert::IntoZvalDyn)
        .collect();
    obj.try_call_method(name, params).ok()
}

/// A method of `obj`'s class looked up once, for many calls (see [`call_found`]).
#[derive(Clone, Copy)]
pub struct Method(*mut ffi::zend_function);

/// The arguments of a call as an array of zvals, without touching refcounts: the engine
/// copies (and references) arguments into the call frame, so the caller's values only have
/// to outlive the call. At most 4 arguments.
fn bitwise_args(args: &[&Zval]) -> [std::mem::ManuallyDrop<Zval>; 4] {
    assert!(args.len() <= 4, "at most 4 arguments");
    // SAFETY: bitwise copies, never dropped (ManuallyDrop); unused slots are UNDEF zvals,
    // which the engine does not read (param_count says how many are used).
    std::array::from_fn(|i| {
        std::mem::ManuallyDrop::new(match args.get(i) {
            Some(a) => unsafe { std::ptr::read(*a) },
            None => Zval::new(),
        })
    })
}

/// Looks `$name` up in the object's class (case-insensitive), as `call_method` does.
pub fn find_method(obj: &ZendObject, name: &str) -> Option<Method> {
    // SAFETY: looking a name up in the class's function table.
    let f = unsafe {
        ffi::zend_hash_str_find_ptr_lc(
            &(*obj.ce).function_table,
            name.as_ptr() as *const c_char,
            name.len(),
        )
    } as *mut ffi::zend_function;
    (!f.is_null()).then_some(Method(f))
}

/// Calls a method found by [`find_method`] on an object of that class. The exception, if
/// any, stays pending.
pub fn call_found(obj: &ZendObject, method: Method, args: &[&Zval]) -> Zval {
    let mut params = bitwise_args(args);
    let mut ret = Zval::new();
    // SAFETY: method belongs to obj's class (a class's methods live as long as the class);
    // params are bitwise copies of the caller's arguments, alive for the call (the engine
    // takes its own references to what it keeps).
    unsafe {
        ffi::zend_call_known_function(
            method.0,
            obj as *const ZendObject as *mut ffi::zend_object,
            obj.ce,
            &mut ret as *mut Zval as *mut ffi::zval,
            args.len() as u32,
            params.as_mut_ptr() as *mut ffi::zval,
            std::ptr::null_mut(),
        );
    }
    ret
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

/// Calls a PHP callable with arguments. Returns `None` if it threw (the exception stays
/// pending). An invalid callable throws PHP's own "Invalid callback" `Error`.
pub fn call(callable: &Zval, args: &[&Zval]) -> Option<Zval> {
    let mut owned: Vec<Zval>;
    let mut small;
    let params: *mut Zval = if args.len() <= 4 {
        small = bitwise_args(args);
        small.as_mut_ptr() as *mut Zval
    } else {
        owned = args.iter().map(|a| a.shallow_clone()).collect();
        owned.as_mut_ptr()
    };
    let mut ret = Zval::new();
    // SAFETY: the fcall info points at live zvals for the duration of the call; the callable
    // and (up to 4) arguments are copied bitwise (the engine does not release function_name
    // and takes its own references to the arguments it keeps).
    unsafe {
        // ManuallyDrop: `zval` has a Drop impl, and the bitwise copy must not release the
        // callable when the fcall info goes away.
        let mut fci = std::mem::ManuallyDrop::new(ffi::zend_fcall_info {
            size: std::mem::size_of::<ffi::zend_fcall_info>(),
            function_name: std::ptr::read(callable as *const Zval as *const ffi::zval),
            retval: &mut ret as *mut Zval as *mut ffi::zval,
            params: params as *mut ffi::zval,
            object: std::ptr::null_mut(),
            param_count: args.len() as u32,
            named_params: std::ptr::null_mut(),
        });
        zend_call_function(&mut *fci, std::ptr::null_mut());
    }
    if exception_pending() {
        return None;
    }
    Some(ret)
}

/// A `Closure`'s function, resolved once for many calls (the engine's callable check is
/// skipped on each). Valid while the closure is alive: keep its zval next to it.
#[derive(Clone, Copy)]
pub struct Prepared(ffi::zend_fcall_info_cache);

/// [`Prepared`] for `callable` if it is a `Closure` object (the common handler); `None` for
/// every other callable, which [`call`] resolves on each call as before.
pub fn prepare_closure(callable: &Zval) -> Option<Prepared> {
    const ZEND_ACC_CALL_VIA_TRAMPOLINE: u32 = 1 << 18;
    let obj = callable.object()?;
    // SAFETY: reading the engine's Closure class entry (set at startup).
    if obj.ce != unsafe { zend_ce_closure } {
        return None;
    }
    // SAFETY: a live closure zval; fcc is an out-parameter the engine fills. For a Closure
    // object the function is the closure's own (never a trampoline to free), checked anyway.
    unsafe {
        let mut fcc: ffi::zend_fcall_info_cache = std::mem::zeroed();
        let ok = ffi::zend_is_callable_ex(
            callable as *const Zval as *mut ffi::zval,
            std::ptr::null_mut(),
            0,
            std::ptr::null_mut(),
            &mut fcc,
            std::ptr::null_mut(),
        );
        if !ok
            || fcc.function_handler.is_null()
            || (*fcc.function_handler).common.fn_flags & ZEND_ACC_CALL_VIA_TRAMPOLINE != 0
        {
            return None;
        }
        Some(Prepared(fcc))
    }
}

/// Calls a prepared closure; as [`call`] (`None` if it threw, the exception stays pending).
pub fn call_prepared(p: &Prepared, args: &[&Zval]) -> Option<Zval> {
    let mut params = bitwise_args(args);
    let mut ret = Zval::new();
    // SAFETY: the closure (and so its function and bound object) is kept alive by the caller;
    // the arguments are bitwise copies alive for the call, as in call_found.
    unsafe {
        ffi::zend_call_known_function(
            p.0.function_handler,
            p.0.object,
            p.0.called_scope,
            &mut ret as *mut Zval as *mut ffi::zval,
            args.len() as u32,
            params.as_mut_ptr() as *mut ffi::zval,
            std::ptr::null_mut(),
        );
    }
    if exception_pending() {
        return None;
    }
    Some(ret)
}

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

/// Writes a property as code inside `scope` would (so protected/private ones are reachable,
/// and undeclared ones go through `__set`).
pub fn write_scoped(obj: &mut ZendObject, name: &str, value: Zval) {
    write_scoped_with(obj, name, value, |ce| find_prop_info(ce, name))
}

/// [`write_scoped`] for a `'static` name (a literal): the per-message path, cached.
pub fn write_scoped_cached(obj: &mut ZendObject, name: &'static str, value: Zval) {
    write_scoped_with(obj, name, value, |ce| static_prop_info(ce, name))
}

fn write_scoped_with(
    obj: &mut ZendObject,
    name: &str,
    mut value: Zval,
    info: impl FnOnce(*const ffi::zend_class_entry) -> *const ffi::zend_property_info,
) {
    if let Some(slot) = plain_slot(obj, info) {
        // The per-event path: replace the value in place (the old one released after).
        let old = std::mem::replace(slot, value);
        drop(old);
        return;
    }
    let scope = obj.get_class_entry() as *const ClassEntry as *mut ffi::zend_class_entry;
    // SAFETY: live object, valid name pointer/length, value is a valid zval (copied by PHP).
    unsafe {
        zend_update_property(
            scope,
            obj as *mut ZendObject as *mut ffi::zend_object,
            name.as_ptr() as *const c_char,
            name.len(),
            &mut value as *mut Zval as *mut ffi::zval,
        )
    };
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

/// RSHUTDOWN.
pub fn reset_caches() {
    PROP_INFO.with(|c| c.set([(0, 0, 0); PROP_CACHE]));
    // the static members go with the request
    STATIC_SLOTS.with(|c| c.borrow_mut().clear());
    STATIC_PAIR.with(|c| c.set((0, 0, 0)));
}

/// The property info of `$name` in `ce`, or null if not declared.
fn find_prop_info(ce: *const ffi::zend_class_entry, name: &str) -> *const ffi::zend_property_info {
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

/// The address of the extension's own `write_property` handler (see [`plain_slot`]).
pub static OWN_WRITE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The slot of a declared, untyped, non-static, non-readonly property holding a plain value,
/// on an object with the standard handlers: writing it directly is what the engine would do.
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
        if info.is_null() {
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

/// Where a class keeps some declared properties: byte offsets into its objects, found once
/// and used for every event object of that class (the per-message path). Only plain slots
/// qualify: a declared, untyped, non-static, non-readonly property, on objects with the
/// standard write handler.
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
    ) -> Option<&'a Zval> {
        slots
            .and_then(|s| s.get(obj, i))
            .or_else(|| peek_raw_cached(obj, names[i]))
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
    /// `None` when unset or undefined. A reference is looked through.
    pub fn peek<'a>(&self, obj: &'a ZendObject) -> Option<&'a Zval> {
        use std::sync::atomic::Ordering::Relaxed;
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
        (type_byte(v) != IS_UNDEF).then_some(v)
    }
}

/// A property in place, for a `'static` name: declared properties in their slot, others in
/// the object's table (`None` when unset or undefined).
pub fn peek_raw_cached<'a>(obj: &'a ZendObject, name: &'static str) -> Option<&'a Zval> {
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
    peek_property(obj, name, info).map(Zval::shallow_clone)
}

/// The value of `$name` in place (`info`: its property info, or null if not declared): a
/// declared property's slot, else the object's table of dynamic properties. `None` when
/// unset or undefined.
fn peek_property<'a>(
    obj: &'a ZendObject,
    name: &str,
    info: *const ffi::zend_property_info,
) -> Option<&'a Zval> {
    const ZEND_ACC_STATIC: u32 = 1 << 4;
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
    (type_byte(v) != IS_UNDEF).then_some(v)
}

const E_WARNING: c_int = 2;

/// A PHP warning, as `trigger_error($msg, E_WARNING)` shows it.
pub fn warning(msg: &str) {
    let c = CString::new(msg.replace('\0', "\\0")).unwrap_or_default();
    let fmt = c"%s";
    // SAFETY: printf-style call with a literal "%s" format and a valid C string.
    unsafe { ffi::php_error_docref(std::ptr::null(), E_WARNING, fmt.as_ptr(), c.as_ptr()) };
}

/// `$ce::$name[$index] = $value` (or `unset(...)` when `value` is `None`), in place: O(1),
/// separating the array first if PHP code shares it.
pub fn static_array_put(ce: &ClassEntry, name: &str, index: i64, value: Option<Zval>) {
    // SAFETY: the static property slot belongs to a live class; the array is separated before
    // it is written, exactly as the engine does for `$a[$i] = $v`.
    unsafe {
        let slot = ffi::zend_read_static_property(
            ce as *const ClassEntry as *mut ffi::zend_class_entry,
            name.as_ptr() as *const c_char,
            name.len(),
            true,
        );
        if slot.is_null() {
            return;
        }
        let slot = (*(slot as *mut Zval)).dereference_mut() as *mut Zval;
        if !(*slot).is_array() {
            if value.is_none() {
                return;
            }
            let arr = ext_php_rs::types::ZendHashTable::new();
            let old = std::mem::replace(&mut *slot, Zval::new());
            (*slot).set_hashtable(arr);
            drop(old);
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
        match value {
            Some(v) => {
                let mut v = std::mem::ManuallyDrop::new(v);
                ffi::zend_hash_index_update(
                    ht,
                    index as ffi::zend_ulong,
                    &mut *v as *mut Zval as *mut ffi::zval,
                );
            }
            None => {
                ffi::zend_hash_index_del(ht, index as ffi::zend_ulong);
            }
        }
    }
}

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
