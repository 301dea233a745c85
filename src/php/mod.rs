//! The binding: PHP values in, core calls, PHP events out.

mod behaviors;
mod class_setup;
mod component;
mod errors;
mod event_loop;
mod events;
mod host_loop;
mod module_info;
mod panic_guard;
mod parsers;
mod runtime;
mod stats;
mod stream_client;
mod yii;
mod zend;

use ext_php_rs::prelude::*;

use panic_guard::Report;

// The module's entries: a panic in one is reported as a warning and PHP goes on (see
// panic_guard). MINIT then succeeds without what it did not get to register: a failed MINIT
// ends PHP's startup with exit(-2), taking down every script, not only those using the
// extension. A panic in RSHUTDOWN skips the rest of the request's reset.
extern "C" fn minit_entry(ty: i32, module: i32) -> i32 {
    panic_guard::install_hook();
    panic_guard::reported("MINIT", Report::Warning, || minit(ty, module)).unwrap_or(0)
}

extern "C" fn rshutdown_entry(ty: i32, module: i32) -> i32 {
    panic_guard::reported("RSHUTDOWN", Report::Warning, || rshutdown(ty, module)).unwrap_or(0)
}

extern "C" fn mshutdown_entry(ty: i32, module: i32) -> i32 {
    panic_guard::reported("MSHUTDOWN", Report::Warning, || mshutdown(ty, module)).unwrap_or(0)
}

fn minit(_type: i32, module: i32) -> i32 {
    // The settings first: the declared `$ssl` default depends on one of them.
    module_info::register_ini(module);
    events::install_autoload();
    runtime::watch_forks();
    let r = parsers::register().and_then(|()| {
        class_setup::register_extendable::<stream_client::StreamClient>(
            stream_client::declared_properties(),
        )
    });
    match r {
        Ok(()) => {
            let installed = stream_client::install_fast_paths();
            debug_assert!(installed, "send()'s entry not installed");
            0
        }
        Err(e) => {
            eprintln!("beyod_streamclient: cannot register classes: {e}");
            -1
        }
    }
}

fn rshutdown(_type: i32, _module: i32) -> i32 {
    // The loop's flags first (plain cells: a step a fatal error interrupted left them set).
    event_loop::reset();
    // Then what lets PHP values go (destructors may run): on its own, so that a panic in it
    // skips none of the resets after it.
    let _ = panic_guard::reported("RSHUTDOWN (runtime)", Report::Warning, runtime::shutdown);
    events::reset();
    host_loop::reset();
    // Last: PHP code run above may have filled the caches with this request's classes.
    zend::reset_caches();
    0
}

#[php_module]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    let module = module
        .startup_function(minit_entry)
        .shutdown_function(mshutdown_entry)
        .request_shutdown_function(rshutdown_entry)
        .class::<event_loop::Loop>()
        .info_function(module_info::info);
    #[cfg(feature = "panic-inject")]
    let module = panic_guard::with_panic_at(module);
    module
}

fn mshutdown(_type: i32, module: i32) -> i32 {
    events::uninstall_autoload();
    module_info::unregister_ini(module);
    0
}
