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

/// `yii\base\Behavior`, when Yii is loaded.
pub fn behavior_class() -> Option<&'static ClassEntry> {
    yii_with_create_object()?;
    zend::find_class("yii\\base\\Behavior")
}

/// An object from a class name or a `['class' => …, 'prop' => value]` config array: through
/// `Yii::createObject()` when Yii is loaded, else `new $class()` then the properties.
/// `Ok(None)` when a constructor or Yii threw (the exception stays pending); `Err` names
/// what is wrong with the configuration.
pub fn create(config: &Zval) -> Result<Option<Zval>, String> {
    let Some(class) = zend::class_name_of_config(config) else {
        return Err(format!(
            "expected a class name or a config array with a 'class' key, got {}",
            super::event_loop::describe(config)
        ));
    };
    let Some(ce) = zend::find_class(&class) else {
        if zend::exception_pending() {
            return Ok(None);
        }
        return Err(format!("class \"{class}\" does not exist"));
    };
    if let Some(made) = create_object(config) {
        return Ok(made);
    }
    let Some(mut made) = zend::instantiate(ce, &[]) else {
        return Ok(None);
    };
    if let (Some(o), Some(cfg)) = (made.object_mut(), config.array()) {
        for (k, v) in cfg.iter() {
            let k = k.to_string();
            if k != "class" && k != "__class" {
                zend::write_property(o, &k, v.shallow_clone());
                if zend::exception_pending() {
                    return Ok(None);
                }
            }
        }
    }
    Ok(Some(made))
}
