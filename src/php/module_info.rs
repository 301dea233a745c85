//! What the extension tells about itself and what an administrator can set globally: the
//! `php.ini` settings, the `phpinfo()` / `php --ri beyod_streamclient` section, and the
//! process-wide counters it shows.

use ext_php_rs::ffi;
use ext_php_rs::flags::IniEntryPermission;
use ext_php_rs::zend::{IniEntryDef, IniEntryDefs, ModuleEntry};
use ext_php_rs::{info_table_end, info_table_row, info_table_start};

use super::panic_guard::{self, Report};
use super::runtime::if_rt;

/// `beyod_streamclient.verify_peer_default`: whether TLS clients verify the server's
/// certificate and name when `$ssl` does not say. Off, as beyod's default. Read at startup
/// (it is also the default of the declared `$ssl` property), hence system-wide only.
pub const VERIFY_PEER_DEFAULT: &str = "beyod_streamclient.verify_peer_default";

/// `beyod_streamclient.join_event_looper`: whether `connect()` registers the reactor with
/// `Yii::$app->eventLooper` when there is one.
pub const JOIN_EVENT_LOOPER: &str = "beyod_streamclient.join_event_looper";

/// `beyod_streamclient.batch_writes`: whether what handlers `send()` during one loop step is
/// written with one call per connection when the step's handlers return (On), or at once as
/// each `send()` is made (Off: for handlers that send, then block for long before returning).
pub const BATCH_WRITES: &str = "beyod_streamclient.batch_writes";

static INI: IniEntryDefs<4> = IniEntryDefs::new([
    IniEntryDef::new(
        c"beyod_streamclient.verify_peer_default",
        c"0",
        IniEntryPermission::System,
    ),
    IniEntryDef::new(
        c"beyod_streamclient.join_event_looper",
        c"1",
        IniEntryPermission::All,
    ),
    IniEntryDef::new(
        c"beyod_streamclient.batch_writes",
        c"1",
        IniEntryPermission::All,
    ),
    IniEntryDef::end(),
]);

unsafe extern "C" {
    fn zend_ini_long(name: *const std::ffi::c_char, len: usize, orig: std::ffi::c_int) -> i64;
    fn zend_unregister_ini_entries(module_number: std::ffi::c_int);
    fn display_ini_entries(module: *mut ffi::zend_module_entry);
}

/// MINIT.
pub fn register_ini(module_number: i32) {
    IniEntryDef::register(INI.as_slice(), module_number);
}

/// MSHUTDOWN.
pub fn unregister_ini(module_number: i32) {
    // SAFETY: the entries this module registered at MINIT.
    unsafe { zend_unregister_ini_entries(module_number) };
}

/// The current value of one of our boolean settings (`"1"`, `"On"`… as PHP parses them).
pub fn ini_flag(name: &str) -> bool {
    // SAFETY: a registered setting's name; zend_ini_long reads the current value.
    unsafe { zend_ini_long(name.as_ptr() as *const _, name.len(), 0) != 0 }
}

thread_local! {
    /// The registered entry of `batch_writes` (it lives as long as the module).
    static BATCH_ENTRY: std::cell::Cell<*const ffi::zend_ini_entry> =
        const { std::cell::Cell::new(std::ptr::null()) };
}

/// `beyod_streamclient.batch_writes`, read once per loop step: the entry is looked up once,
/// then its current value read in place (`ini_set()` replaces that value).
pub fn batch_writes() -> bool {
    let mut entry = BATCH_ENTRY.with(|e| e.get());
    if entry.is_null() {
        let eg = ext_php_rs::zend::ExecutorGlobals::get();
        // SAFETY: EG(ini_directives) maps names to zend_ini_entry pointers.
        entry = unsafe {
            let zv = ffi::zend_hash_str_find(
                eg.ini_directives,
                BATCH_WRITES.as_ptr() as *const _,
                BATCH_WRITES.len(),
            );
            if zv.is_null() {
                return true;
            }
            (*zv).value.ptr as *const ffi::zend_ini_entry
        };
        BATCH_ENTRY.with(|e| e.set(entry));
    }
    // SAFETY: a registered entry; its value is null or a live string.
    let value = unsafe { (*entry).value.as_ref() };
    value.is_none_or(|v| {
        // SAFETY: a zend_string's bytes.
        let bytes = unsafe { std::slice::from_raw_parts(v.val.as_ptr() as *const u8, v.len) };
        parse_bool(bytes)
    })
}

/// PHP's reading of a boolean setting (zend_ini_parse_bool): on/yes/true, else a number.
fn parse_bool(v: &[u8]) -> bool {
    let v = v.trim_ascii();
    if [&b"on"[..], b"yes", b"true"]
        .iter()
        .any(|w| v.eq_ignore_ascii_case(w))
    {
        return true;
    }
    v.iter()
        .take_while(|c| c.is_ascii_digit())
        .any(|&c| c != b'0')
}

/// The `phpinfo()` section. A panic is a warning (the section is left unfinished).
pub extern "C" fn info(module: *mut ModuleEntry) {
    panic_guard::reported("phpinfo()", Report::Warning, || info_section(module));
}

fn info_section(module: *mut ModuleEntry) {
    let live = if_rt(|rt| rt.clients.len()).unwrap_or(0);
    info_table_start!();
    info_table_row!("beyod\\StreamClient (native)", "enabled");
    info_table_row!("version", env!("CARGO_PKG_VERSION"));
    info_table_row!("transports", "tcp, unix, udp, udg, ssl, tls");
    info_table_row!("TLS provider", "rustls (ring)");
    info_table_row!("reactor", "mio (epoll), timers on a timerfd");
    info_table_row!("live connections (this request)", live.to_string());
    // Connections by state and the process totals, as Loop::stats() gives them.
    if let Ok(snap) = super::stats::snapshot() {
        for (k, v) in snap {
            info_table_row!(k, v.to_string());
        }
    }
    info_table_end!();
    // SAFETY: the module entry PHP passed to this info function.
    unsafe { display_ini_entries(module as *mut ffi::zend_module_entry) };
}
