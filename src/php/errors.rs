//! PHP exceptions made in one place. When Yii is loaded its own exception classes are used
//! for the errors Yii itself would raise (unknown property/method, read-only property).

use ext_php_rs::exception::PhpException;
use ext_php_rs::zend::{ce, ClassEntry};

use super::zend;

fn by_name(name: &str) -> Option<&'static ClassEntry> {
    zend::find_class(name)
}

fn make(
    msg: &str,
    class: Option<&'static ClassEntry>,
    fallback: &'static ClassEntry,
) -> PhpException {
    PhpException::new(msg.to_string(), 0, class.unwrap_or(fallback))
}

/// A setting the core refused (`$target`, `$options['proxy']`): `InvalidArgumentException`
/// naming the setting, then the core's sentence.
pub fn from_core(setting: &str, e: &crate::core::Error) -> PhpException {
    invalid_argument(&format!("{setting}: {e}"))
}

/// Bad input: `InvalidArgumentException`.
pub fn invalid_argument(msg: &str) -> PhpException {
    make(msg, by_name("InvalidArgumentException"), ce::exception())
}

/// A call that is not allowed here: `LogicException`.
pub fn logic_error(msg: &str) -> PhpException {
    make(msg, by_name("LogicException"), ce::exception())
}

/// The system refused something (fds exhausted...): `RuntimeException`.
pub fn runtime_error(msg: &str) -> PhpException {
    make(msg, by_name("RuntimeException"), ce::exception())
}

pub fn unknown_property(msg: &str) -> PhpException {
    make(
        msg,
        by_name("yii\\base\\UnknownPropertyException"),
        ce::error(),
    )
}

pub fn invalid_call(msg: &str) -> PhpException {
    make(msg, by_name("yii\\base\\InvalidCallException"), ce::error())
}

pub fn unknown_method(msg: &str) -> PhpException {
    let fallback = by_name("BadMethodCallException").unwrap_or(ce::exception());
    make(msg, by_name("yii\\base\\UnknownMethodException"), fallback)
}

/// A configuration that cannot be used: `yii\base\InvalidConfigException` with Yii,
/// `InvalidArgumentException` without.
pub fn invalid_config(msg: &str) -> PhpException {
    let fallback = by_name("InvalidArgumentException").unwrap_or(ce::exception());
    make(msg, by_name("yii\\base\\InvalidConfigException"), fallback)
}

/// A bug of the extension caught at one of its entries (a Rust panic): `Error`, as PHP's own
/// internal errors.
pub fn internal_error(msg: &str) -> PhpException {
    PhpException::new(msg.to_string(), 0, ce::error())
}
