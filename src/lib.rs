//! beyod_streamclient: a native `beyod\StreamClient` for PHP.
//!
//! `core` is the PHP-free engine; `php` is the binding that registers the classes.

pub mod core;

#[cfg(feature = "php")]
mod php;
