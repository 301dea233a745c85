//! The binding: PHP values in, core calls, PHP events out.

mod behaviors;
mod class_setup;
mod component;
mod errors;
mod event_loop;
mod events;
mod host_loop;
mod module_info;
mod parsers;
mod runtime;
mod stats;
mod stream_client;
mod yii;
mod zend;

use ext_php_rs::prelude::*;

unsafe extern "C" fn minit(_type: i32, module: i32) -> i32 {
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

unsafe extern "C" fn rshutdown(_type: i32, _module: i32) -> i32 {
    event_loop::shutdown();
    zend::reset_caches();
    events::reset();
    host_loop::reset();
    0
}

#[php_module]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    module
        .startup_function(minit)
        .shutdown_function(mshutdown)
        .request_shutdown_function(rshutdown)
        .class::<event_loop::Loop>()
        .info_function(module_info::info)
}

unsafe extern "C" fn mshutdown(_type: i32, module: i32) -> i32 {
    events::uninstall_autoload();
    module_info::unregister_ini(module);
    0
}
