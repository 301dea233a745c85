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
//!
//! One concern a file: `calls` (calling PHP, the running frame, exceptions, warnings),
//! `classes` (lookups, constants, the Rust half of our objects), `props` (the three families
//! of property access), `slots` (declared property slots found once per class), `statics`
//! (static properties), `values` (zval helpers), `engine` (undeclared engine functions).

mod calls;
mod classes;
mod engine;
mod props;
mod slots;
mod statics;
mod values;

pub use calls::*;
pub use classes::*;
pub use props::*;
pub use slots::*;
pub use statics::*;
pub use values::*;

/// RSHUTDOWN: the per-request caches of property infos and static slots.
pub fn reset_caches() {
    props::reset_cache();
    statics::reset_cache();
}
