//! The PHP version the binding is built for, as the cfg flags ext-php-rs itself uses (`php82`,
//! `php84`, …: every API version up to the one found), detected as ext-php-rs detects it ($PHP,
//! else `php` on PATH). Only the binding (feature `php`) needs them: the PHP-free core
//! (`cargo test --no-default-features`) builds without PHP.
fn main() {
    ext_php_rs_build::emit_check_cfg();
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_PHP").is_none() {
        return;
    }
    ext_php_rs_build::emit_rerun_if_env_changed();
    let version = ext_php_rs_build::find_php()
        .and_then(|php| ext_php_rs_build::PHPInfo::get(&php))
        .and_then(|info| info.zend_version())
        .and_then(ext_php_rs_build::ApiVersion::try_from);
    match version {
        Ok(v) => ext_php_rs_build::emit_php_cfg_flags(v),
        // ext-php-rs's own build script fails on this too, saying why.
        Err(e) => println!("cargo:warning=the PHP version could not be found: {e}"),
    }
}
