//! The magic methods' own entries. The engine refuses a static `__get`/`__set`/`__isset`/
//! `__unset`/`__call`/`__toString`/`__destruct`, so these cannot be written without a
//! receiver as the other methods are (see [`this`]); and ext-php-rs's handler for a method
//! with one holds a `&mut` to the whole object (its Rust half included) for the call, across
//! the PHP code a behavior's getter or a subclass's `__toString` runs. At MINIT their
//! handlers are replaced by these, which read `$this` and the arguments from the call frame
//! as pointers and run the same code as the generated ones (under ext-php-rs's own
//! `run_handler`: a panic is an `Error`, a fatal error's bailout goes on past our frames).

use std::panic::AssertUnwindSafe;

use ext_php_rs::ffi;

use super::*;

type Handler = unsafe extern "C" fn(*mut ffi::zend_execute_data, *mut ffi::zval);

/// MINIT: the magic methods' handlers replaced. `false` if one is missing.
pub(super) fn install(ce: &ext_php_rs::zend::ClassEntry) -> bool {
    let entries: [(&str, Handler); 7] = [
        ("__get", get_entry),
        ("__set", set_entry),
        ("__isset", isset_entry),
        ("__unset", unset_entry),
        ("__call", call_entry),
        ("__tostring", to_string_entry),
        ("__destruct", destruct_entry),
    ];
    let mut all = true;
    for (name, entry) in entries {
        match super::super::class_setup::internal_method(ce, name) {
            // SAFETY: MINIT, single-threaded; an internal method of this class whose handler
            // is replaced by one with the same signature, doing what the generated one did.
            Some(f) => unsafe { (*f).internal_function.handler = Some(entry) },
            None => all = false,
        }
    }
    all
}

/// `$this` and the arguments of the internal call being executed.
///
/// # Safety
/// `ex` is the engine's frame of a method call of this class.
unsafe fn frame<'a>(ex: *mut ffi::zend_execute_data) -> (Option<Obj>, &'a [Zval]) {
    // SAFETY: (the caller's) a live frame: `This` is the object for a method called on one,
    // and its `num_args` arguments follow the frame, one zval each (ZEND_CALL_ARG).
    unsafe {
        let this = &*(&raw const (*ex).This as *const Zval);
        let n = (*ex).This.u2.num_args as usize;
        let first =
            std::mem::size_of::<ffi::zend_execute_data>().div_ceil(std::mem::size_of::<Zval>());
        let args = std::slice::from_raw_parts((ex as *const Zval).add(first), n);
        (Obj::of_zval(this), args)
    }
}

/// Argument `i` as a string, as a `string` parameter takes it (`TypeError` otherwise).
fn string_arg(method: &str, args: &[Zval], i: usize, name: &str) -> PhpResult<String> {
    let v = arg(method, args, i)?;
    if v.is_string() || v.is_long() || v.is_double() {
        if let Some(b) = zend::to_bytes(v) {
            return Ok(String::from_utf8_lossy(&b).into_owned());
        }
    }
    Err(PhpException::new(
        format!(
            "beyod\\StreamClient::{method}(): Argument #{} (${name}) must be of type string, {} given",
            i + 1,
            match v.object() {
                Some(o) => o.get_class_name().unwrap_or_default(),
                None => v.get_type().to_string().to_lowercase(),
            }
        ),
        0,
        ce::type_error(),
    ))
}

/// Argument `i`, or an `ArgumentCountError`.
fn arg<'a>(method: &str, args: &'a [Zval], i: usize) -> PhpResult<&'a Zval> {
    args.get(i).map(Zval::dereference).ok_or_else(|| {
        // (PHP's own wording: these methods take exactly their parameters)
        let want = if matches!(method, "__set" | "__call") {
            2
        } else {
            1
        };
        PhpException::new(
            format!(
                "beyod\\StreamClient::{method}() expects exactly {want} argument{}, {} given",
                if want == 1 { "" } else { "s" },
                args.len()
            ),
            0,
            ce::argument_count_error(),
        )
    })
}

/// Runs `body` on the frame's object and arguments; its result is the call's return value
/// (or the exception thrown).
///
/// # Safety
/// `ex` and `ret` are the engine's frame and return slot of a method call of this class.
unsafe fn entry(
    ex: *mut ffi::zend_execute_data,
    ret: *mut ffi::zval,
    body: impl FnOnce(Obj, &[Zval]) -> PhpResult<Zval>,
) {
    ext_php_rs::zend::run_handler(AssertUnwindSafe(|| {
        // SAFETY: (the caller's) the frame of this call.
        let (this, args) = unsafe { frame(ex) };
        let Some(obj) = this else {
            invalid_call("a beyod\\StreamClient magic method called without an object").throw();
            return;
        };
        match body(obj, args) {
            // SAFETY: the engine's return slot (UNDEF/null before an internal call).
            Ok(v) => unsafe { std::ptr::write(ret as *mut Zval, v) },
            Err(e) => e.throw(),
        }
    }));
}

unsafe extern "C" fn get_entry(ex: *mut ffi::zend_execute_data, ret: *mut ffi::zval) {
    // SAFETY: the engine's frame and return slot of __get.
    unsafe {
        entry(ex, ret, |obj, args| {
            let name = string_arg("__get", args, 0, "name")?;
            magic_methods::get(obj, &name)
        })
    }
}

unsafe extern "C" fn set_entry(ex: *mut ffi::zend_execute_data, ret: *mut ffi::zval) {
    // SAFETY: the engine's frame and return slot of __set.
    unsafe {
        entry(ex, ret, |obj, args| {
            let name = string_arg("__set", args, 0, "name")?;
            let value = arg("__set", args, 1)?;
            magic_methods::set(obj, &name, value).map(|()| Zval::new())
        })
    }
}

unsafe extern "C" fn isset_entry(ex: *mut ffi::zend_execute_data, ret: *mut ffi::zval) {
    // SAFETY: the engine's frame and return slot of __isset.
    unsafe {
        entry(ex, ret, |obj, args| {
            let name = string_arg("__isset", args, 0, "name")?;
            Ok(zend::bool_zval(magic_methods::isset(obj, &name)))
        })
    }
}

unsafe extern "C" fn unset_entry(ex: *mut ffi::zend_execute_data, ret: *mut ffi::zval) {
    // SAFETY: the engine's frame and return slot of __unset.
    unsafe {
        entry(ex, ret, |obj, args| {
            let name = string_arg("__unset", args, 0, "name")?;
            magic_methods::unset(obj, &name).map(|()| Zval::new())
        })
    }
}

unsafe extern "C" fn call_entry(ex: *mut ffi::zend_execute_data, ret: *mut ffi::zval) {
    // SAFETY: the engine's frame and return slot of __call.
    unsafe {
        entry(ex, ret, |obj, args| {
            let name = string_arg("__call", args, 0, "name")?;
            let params = arg("__call", args, 1)?;
            magic_methods::call(obj, &name, params)
        })
    }
}

unsafe extern "C" fn to_string_entry(ex: *mut ffi::zend_execute_data, ret: *mut ffi::zval) {
    // SAFETY: the engine's frame and return slot of __toString.
    unsafe { entry(ex, ret, |obj, _| Ok(zend::str_zval(&to_string(obj)))) }
}

unsafe extern "C" fn destruct_entry(ex: *mut ffi::zend_execute_data, ret: *mut ffi::zval) {
    // SAFETY: the engine's frame and return slot of __destruct.
    unsafe {
        entry(ex, ret, |obj, _| {
            forget_id(obj);
            Ok(Zval::new())
        })
    }
}
