//! What the binding takes from Yii when the application has loaded it: `Yii::createObject()`
//! (the DI container builds parsers and behaviors) and `yii\base\Event` (class-level
//! handlers). Everything here is looked up without autoloading: a Yii application loads
//! `Yii.php` itself before anything else, and a miss must not run autoloaders on every call.

use ext_php_rs::types::Zval;
use ext_php_rs::zend::ClassEntry;

use super::zend;

/// `Yii`, when loaded and able to build objects.
fn yii_with_create_object() -> Option<&'static ClassEntry> {
    zend::find_loaded_class("Yii").filter(|ce| zend::class_has_method(ce, "createObject"))
}

/// `Yii::createObject($type)`: `None` when Yii is not loaded; `Some(None)` when it threw
/// (the exception stays pending).
pub fn create_object(ty: &Zval) -> Option<Option<Zval>> {
    yii_with_create_object()?;
    let f = zend::str_zval("Yii::createObject");
    Some(zend::call(&f, &[ty]).filter(|_| !zend::exception_pending()))
}
