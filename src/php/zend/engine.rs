//! Engine functions ext-php-rs's bindings do not declare.

use std::ffi::c_char;

use ext_php_rs::ffi;

unsafe extern "C" {
    pub(super) static zend_ce_closure: *mut ffi::zend_class_entry;
    /// The engine's interned one-byte strings (`ZSTR_CHAR()`).
    pub(super) static zend_one_char_string: [*mut ffi::zend_string; 256];
    pub(super) fn zend_call_function(
        fci: *mut ffi::zend_fcall_info,
        fci_cache: *mut ffi::zend_fcall_info_cache,
    ) -> ffi::zend_result;
    pub(super) fn object_init_ex(
        arg: *mut ffi::zval,
        ce: *mut ffi::zend_class_entry,
    ) -> ffi::zend_result;
    pub(super) fn zend_clear_exception();
    pub(super) fn zval_get_string_func(op: *mut ffi::zval) -> *mut ffi::zend_string;
    pub(super) fn zend_eval_stringl(
        code: *const c_char,
        len: usize,
        retval: *mut ffi::zval,
        name: *const c_char,
    ) -> ffi::zend_result;
    pub(super) fn zend_update_property(
        scope: *mut ffi::zend_class_entry,
        object: *mut ffi::zend_object,
        name: *const c_char,
        name_length: usize,
        value: *mut ffi::zval,
    );
}
