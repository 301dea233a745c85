//! Calling into PHP: callables, methods, constructors, `eval`; the running frame; the
//! pending exception; warnings.

use std::ffi::{c_char, c_int, CString};

use ext_php_rs::ffi;
use ext_php_rs::types::{ZendObject, Zval};
use ext_php_rs::zend::{ClassEntry, ExecutorGlobals};

use super::engine::{
    object_init_ex, zend_call_function, zend_ce_closure, zend_clear_exception, zend_eval_stringl,
};
use super::object_zval;

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

/// Makes `e` the pending exception.
pub fn throw(e: ext_php_rs::exception::PhpException) {
    e.throw();
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

/// A closure's code, to recognise its frames by ([`called_by`]). Valid while the closure is
/// alive: keep its zval next to it (a freed closure's code could be another's later).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct CodeId(usize);

/// The code of `callable` if it is a `Closure` object of PHP code.
pub fn closure_code(callable: &Zval) -> Option<CodeId> {
    let p = prepare_closure(callable)?;
    // SAFETY: a prepared closure's function handler is its live zend_function; `type_` is
    // the first member of every variant of the union.
    unsafe {
        let f = &*p.0.function_handler;
        // (`op_array` only once `type_` says it is one: an internal function is smaller)
        if f.type_ == ffi::ZEND_USER_FUNCTION as u8 {
            Some(CodeId(f.op_array.opcodes as usize))
        } else {
            None
        }
    }
}

/// Whether the internal function being executed was called directly by the code `id`.
pub fn called_by(id: CodeId) -> bool {
    let ex = ExecutorGlobals::get().current_execute_data;
    // SAFETY: null, or the frame of the internal call being executed; its prev_execute_data
    // is null or the caller's frame, live below it, whose func is null or a live function
    // (`op_array` read only once `type_` says it is PHP code).
    unsafe {
        let Some(caller) = ex.as_ref().and_then(|ex| ex.prev_execute_data.as_ref()) else {
            return false;
        };
        let Some(f) = caller.func.as_ref() else {
            return false;
        };
        f.type_ == ffi::ZEND_USER_FUNCTION as u8 && f.op_array.opcodes as usize == id.0
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

const E_WARNING: c_int = 2;

/// A PHP warning, as `trigger_error($msg, E_WARNING)` shows it.
pub fn warning(msg: &str) {
    let c = CString::new(msg.replace('\0', "\\0")).unwrap_or_default();
    let fmt = c"%s";
    // SAFETY: printf-style call with a literal "%s" format and a valid C string.
    unsafe { ffi::php_error_docref(std::ptr::null(), E_WARNING, fmt.as_ptr(), c.as_ptr()) };
}
