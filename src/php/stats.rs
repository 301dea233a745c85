//! Observability: per-client counters and phase timings (`getStats()`), process-wide totals
//! and a snapshot of connections by state (`Loop::stats()`), rendered as OpenMetrics text
//! (`Loop::metrics()`) for a metrics endpoint, and shown in `phpinfo()`.

use std::cell::RefCell;

use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};

use crate::core::Timings;

use super::runtime::with_rt;
use super::zend;

/// One client's history, across all the connections it made (a view of the client's state,
/// for `getStats()`).
pub struct Stats<'a> {
    pub connects: u64,
    pub reconnects: u64,
    pub connect_failures: u64,
    pub bytes_in: u64,
    pub bytes_out: u64,
    pub messages_in: u64,
    pub messages_out: u64,
    /// Bytes `send()` refused because the queue was full.
    pub bytes_dropped: u64,
    pub high_water: u64,
    pub last_error: Option<&'a (i64, String)>,
    /// Phase timings of the last successful connect.
    pub timings: Option<&'a Timings>,
}

/// Totals of the process (this PHP worker).
#[derive(Debug, Default, Clone)]
pub struct Totals {
    pub connects: u64,
    pub connect_failures: u64,
    pub bytes_in: u64,
    pub bytes_out: u64,
    pub messages_in: u64,
    pub messages_out: u64,
}

impl Totals {
    const ZERO: Totals = Totals {
        connects: 0,
        connect_failures: 0,
        bytes_in: 0,
        bytes_out: 0,
        messages_in: 0,
        messages_out: 0,
    };
}

thread_local! {
    // const-initialised: no lazy-initialisation check on each of the per-message counts
    static TOTALS: RefCell<Totals> = const { RefCell::new(Totals::ZERO) };
}

pub fn count(f: impl FnOnce(&mut Totals)) {
    TOTALS.with(|t| f(&mut t.borrow_mut()));
}

pub fn totals() -> Totals {
    TOTALS.with(|t| t.borrow().clone())
}

fn put(a: &mut ext_php_rs::boxed::ZBox<ZendHashTable>, k: &str, v: Zval) {
    let _ = a.insert(k, v);
}

fn secs(d: Option<std::time::Duration>) -> Zval {
    match d {
        Some(d) => {
            let mut z = Zval::new();
            z.set_double(d.as_secs_f64());
            z
        }
        None => Zval::new(),
    }
}

fn table_zval(a: ext_php_rs::boxed::ZBox<ZendHashTable>) -> Zval {
    let mut z = Zval::new();
    z.set_hashtable(a);
    z
}

pub fn client_array(
    s: &Stats<'_>,
    state: &str,
    queued: usize,
    alpn: Option<&[u8]>,
) -> PhpResult<Zval> {
    let mut a = ZendHashTable::new();
    put(&mut a, "state", zend::str_zval(state));
    for (k, v) in [
        ("connects", s.connects),
        ("reconnects", s.reconnects),
        ("connect_failures", s.connect_failures),
        ("bytes_in", s.bytes_in),
        ("bytes_out", s.bytes_out),
        ("messages_in", s.messages_in),
        ("messages_out", s.messages_out),
        ("bytes_dropped", s.bytes_dropped),
        ("send_queue", queued as u64),
        ("send_queue_high_water", s.high_water),
    ] {
        put(&mut a, k, zend::long_zval(v as i64));
    }
    let mut t = ZendHashTable::new();
    let tm = s.timings;
    put(&mut t, "dns", secs(tm.and_then(Timings::dns)));
    put(&mut t, "tcp", secs(tm.and_then(Timings::tcp)));
    put(&mut t, "tls", secs(tm.and_then(Timings::tls)));
    put(&mut t, "first_byte", secs(tm.and_then(Timings::first_byte)));
    put(&mut a, "timings", table_zval(t));
    let err = match s.last_error {
        Some((code, msg)) => {
            let mut e = ZendHashTable::new();
            put(&mut e, "code", zend::long_zval(*code));
            put(&mut e, "message", zend::str_zval(msg));
            table_zval(e)
        }
        None => Zval::new(),
    };
    put(&mut a, "last_error", err);
    put(
        &mut a,
        "alpn",
        alpn.map(zend::bytes_zval).unwrap_or_default(),
    );
    Ok(table_zval(a))
}

/// Connections by state, then the process totals.
pub fn snapshot() -> PhpResult<Vec<(&'static str, u64)>> {
    let (connecting, established, closing, timers) = with_rt(|rt| {
        let (c, e, l) = rt.reactor.phase_counts();
        (c, e, l, rt.timers.len())
    })?;
    let t = totals();
    Ok(vec![
        ("connecting", connecting as u64),
        ("established", established as u64),
        ("closing", closing as u64),
        ("timers", timers as u64),
        ("connects_total", t.connects),
        ("connect_failures_total", t.connect_failures),
        ("bytes_in_total", t.bytes_in),
        ("bytes_out_total", t.bytes_out),
        ("messages_in_total", t.messages_in),
        ("messages_out_total", t.messages_out),
    ])
}

pub fn snapshot_array() -> PhpResult<Zval> {
    let mut a = ZendHashTable::new();
    for (k, v) in snapshot()? {
        put(&mut a, k, zend::long_zval(v as i64));
    }
    Ok(table_zval(a))
}

/// The snapshot as OpenMetrics text.
pub fn openmetrics() -> PhpResult<String> {
    let mut out = String::new();
    let snap = snapshot()?;
    out.push_str("# TYPE beyod_streamclient_connections gauge\n");
    out.push_str("# HELP beyod_streamclient_connections Connections of this process by state.\n");
    for (k, v) in &snap[..3] {
        out.push_str(&format!(
            "beyod_streamclient_connections{{state=\"{k}\"}} {v}\n"
        ));
    }
    for (k, v) in &snap[4..] {
        let name = k.trim_end_matches("_total");
        out.push_str(&format!("# TYPE beyod_streamclient_{name} counter\n"));
        out.push_str(&format!("beyod_streamclient_{k} {v}\n"));
    }
    out.push_str("# EOF\n");
    Ok(out)
}
