//! `$options` → socket options (PHP's socket context names, as beyod) and the extension's own
//! (reconnect backoff, idle timeout, happy eyeballs, pinned addresses, proxy); a value of
//! the wrong type is a warning naming it, never silence.

use super::*;
use crate::core::options::secs_to_duration;

/// RFC 8305's recommended connection attempt delay.
const HAPPY_EYEBALLS_DELAY: Duration = Duration::from_millis(250);

/// The extension's own `$options` keys (opt-in; their defaults, [`ClientOptions::DEFAULT`],
/// keep beyod's behaviour).
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// Close a connection that received nothing for this long (reported as broken).
    pub idle_timeout: Option<Duration>,
    /// Reconnect delay = reconnect_interval × backoff^(attempt-1), capped, with ± jitter.
    pub backoff: f64,
    pub max_interval: Option<f64>,
    pub jitter: f64,
    /// Give up after this many failed attempts in a row (0 = never).
    pub max_attempts: u32,
    /// Happy eyeballs delay (`happy_eyeballs`: true = 250 ms, a number of seconds, false).
    pub attempt_delay: Option<Duration>,
    /// `resolve` => ['host' => 'ip' | ['ip', ...]]: addresses used instead of DNS.
    pub pinned: Vec<std::net::IpAddr>,
    pub proxy: Option<Box<Proxy>>,
}

/// [`ClientOptions::DEFAULT`], to borrow.
pub static DEFAULT_CLIENT_OPTIONS: ClientOptions = ClientOptions::DEFAULT;

impl ClientOptions {
    /// What a client without these keys in `$options` uses.
    pub const DEFAULT: ClientOptions = ClientOptions {
        idle_timeout: None,
        backoff: 1.0,
        max_interval: None,
        jitter: 0.0,
        max_attempts: 0,
        attempt_delay: Some(HAPPY_EYEBALLS_DELAY),
        pinned: Vec::new(),
        proxy: None,
    };

    /// Whether reconnecting follows [`ClientOptions::DEFAULT`] (backoff ≤ 1 is none).
    pub fn reconnects_by_default(&self) -> bool {
        self.backoff <= 1.0
            && self.max_interval.is_none()
            && self.jitter <= 0.0
            && self.max_attempts == 0
    }
}

pub(super) fn parse_options(obj: &ZendObject) -> PhpResult<(SocketOptions, ClientOptions)> {
    let v = zend::read_raw_cached(obj, "options").unwrap_or_default();
    let mut o = SocketOptions::default();
    let mut c = ClientOptions::DEFAULT;
    let host = read_target(obj).ok().and_then(|t| match t.endpoint {
        crate::core::Endpoint::Inet { host, .. } => Some(host),
        crate::core::Endpoint::Path(_) => None,
    });
    if v.is_null() {
        return Ok((o, c));
    }
    let Some(arr) = v.array() else {
        return Err(invalid_argument(&format!(
            "{}::$options must be an array of socket option names, got {}",
            class_name(obj),
            describe(&v)
        )));
    };
    for (k, val) in arr.iter() {
        let name = k.to_string();
        if val.is_null() {
            continue;
        }
        let warn = |what: &str| {
            zend::warning(&format!(
                "{}::$options['{name}']: {what}, got {}; ignored",
                class_name(obj),
                shown(val)
            ))
        };
        let known = socket_option(&mut o, &name, val, &warn)
            || client_option(&mut c, &name, val, &warn, host.as_deref()).map_err(|why| {
                invalid_argument(&format!("{}::$options['{name}']: {why}", class_name(obj)))
            })?;
        if !known {
            zend::warning(&format!(
                "{}::$options: unknown socket option \"{name}\" ignored",
                class_name(obj)
            ));
        }
    }
    Ok((o, c))
}

/// One of beyod's `$options` (PHP's socket context names). `false`: not one of them.
fn socket_option(o: &mut SocketOptions, name: &str, val: &Zval, warn: &dyn Fn(&str)) -> bool {
    let flag = || match val.bool() {
        Some(b) => Some(b),
        None => number(val).map(|n| n != 0.0),
    };
    // The kernel takes an int.
    let size = || {
        number(val)
            .filter(|n| (0.0..=i32::MAX as f64).contains(n))
            .map(|n| n as usize)
    };
    match name {
        "backlog" => {}
        "SO_REUSEADDR" => assign(&mut o.reuse_address, flag(), warn, "expected 0 or 1"),
        "SO_KEEPALIVE" => assign(&mut o.keepalive, flag(), warn, "expected 0 or 1"),
        "TCP_NODELAY" => assign(&mut o.nodelay, flag(), warn, "expected 0 or 1"),
        "SO_SNDBUF" => assign(
            &mut o.send_buffer_size,
            size(),
            warn,
            "expected a size in bytes from 0 to 2147483647",
        ),
        "SO_RCVBUF" => assign(
            &mut o.recv_buffer_size,
            size(),
            warn,
            "expected a size in bytes from 0 to 2147483647",
        ),
        "SO_LINGER" => {
            // A negative l_linger is 0, as before; NAN, INF or more than MAX_SECONDS: a warning.
            let linger = match val.array() {
                Some(a) => {
                    let on = a.get("l_onoff").map(|z| truthy(Some(z))).unwrap_or(false);
                    let secs = a.get("l_linger").and_then(number).unwrap_or(0.0);
                    let secs = if secs < 0.0 { 0.0 } else { secs };
                    secs_to_duration(secs).map(|d| on.then_some(d))
                }
                None => number(val).and_then(secs_to_duration).map(Some),
            };
            assign(
                &mut o.linger,
                linger,
                warn,
                "expected seconds from 0 to 1000000000 or ['l_onoff' => .., 'l_linger' => ..]",
            );
        }
        "bindto" => match val.str().and_then(parse_bindto) {
            Some(a) => o.bind_to = Some(a),
            None => warn("expected a local \"ip:port\""),
        },
        "TCP_KEEPIDLE" | "TCP_KEEPINTVL" => {
            let secs = number(val).filter(|n| *n >= 1.0).and_then(secs_to_duration);
            let slot = if name == "TCP_KEEPIDLE" {
                &mut o.keepalive_idle
            } else {
                &mut o.keepalive_interval
            };
            assign(slot, secs, warn, "expected seconds from 1 to 1000000000");
        }
        "TCP_KEEPCNT" => assign(
            &mut o.keepalive_count,
            number(val)
                .filter(|n| (1.0..=i32::MAX as f64).contains(n))
                .map(|n| n as u32),
            warn,
            "expected a count from 1 to 2147483647",
        ),
        _ => return false,
    }
    true
}

/// One of the extension's own `$options`. `Ok(false)`: not one of them; `Err`: a value
/// that cannot be used at all (a malformed proxy URL).
fn client_option(
    c: &mut ClientOptions,
    name: &str,
    val: &Zval,
    warn: &dyn Fn(&str),
    host: Option<&str>,
) -> Result<bool, String> {
    match name {
        "idle_timeout" => match number(val).and_then(secs_to_duration) {
            Some(d) if !d.is_zero() => c.idle_timeout = Some(d),
            Some(_) => {}
            None => warn("expected seconds from 0 to 1000000000"),
        },
        "reconnect_backoff" => match number(val).filter(|n| (1.0..=1e6).contains(n)) {
            Some(n) => c.backoff = n,
            None => warn("expected a multiplier from 1 to 1000000"),
        },
        "reconnect_max_interval" => match number(val).filter(|n| *n > 0.0).map(secs_to_duration) {
            Some(Some(d)) => c.max_interval = Some(d.as_secs_f64()),
            _ => warn("expected seconds > 0, at most 1000000000"),
        },
        "reconnect_jitter" => match number(val).filter(|n| (0.0..=1.0).contains(n)) {
            Some(n) => c.jitter = n,
            None => warn("expected a fraction between 0 and 1"),
        },
        "reconnect_max_attempts" => {
            match number(val).filter(|n| (0.0..=u32::MAX as f64).contains(n)) {
                Some(n) => c.max_attempts = n as u32,
                None => warn("expected a count from 0 to 4294967295"),
            }
        }
        "happy_eyeballs" => match (val.bool(), number(val).and_then(secs_to_duration)) {
            (Some(false), _) => c.attempt_delay = None,
            (Some(true), _) => c.attempt_delay = Some(HAPPY_EYEBALLS_DELAY),
            (None, Some(d)) if !d.is_zero() => c.attempt_delay = Some(d),
            _ => warn("expected true, false or a delay in seconds (at most 1000000000)"),
        },
        "resolve" => match val.array() {
            Some(map) => pin_addresses(&mut c.pinned, map, host, warn),
            None => warn("expected ['host' => 'ip' or ['ip', ...]]"),
        },
        "proxy" => match val.str().map(Proxy::parse) {
            Some(Ok(p)) => c.proxy = Some(Box::new(p)),
            Some(Err(why)) => return Err(why.to_string()),
            None => warn("expected \"socks5://[user:pass@]host:port\" or \"http://host:port\""),
        },
        _ => return Ok(false),
    }
    Ok(true)
}

/// `'resolve' => ['host' => 'ip' | ['ip', ...]]`: the addresses given for the target's host.
fn pin_addresses(
    pinned: &mut Vec<std::net::IpAddr>,
    map: &ZendHashTable,
    host: Option<&str>,
    warn: &dyn Fn(&str),
) {
    for (name, ips) in map.iter() {
        if host != Some(name.to_string().as_str()) {
            continue;
        }
        let list: Vec<Zval> = match ips.array() {
            Some(a) => a.values().map(Zval::shallow_clone).collect(),
            None => vec![ips.shallow_clone()],
        };
        for ip in list {
            match ip
                .str()
                .and_then(|s| s.trim_matches(['[', ']']).parse().ok())
            {
                Some(ip) => pinned.push(ip),
                None => warn("expected ['host' => 'ip' or ['ip', ...]]"),
            }
        }
    }
}

/// `*slot = Some(v)`, or the warning `what` when the value had the wrong type.
fn assign<T>(slot: &mut Option<T>, v: Option<T>, warn: &dyn Fn(&str), what: &str) {
    match v {
        Some(v) => *slot = Some(v),
        None => warn(what),
    }
}

fn parse_bindto(s: &str) -> Option<std::net::SocketAddr> {
    if let Ok(a) = s.parse() {
        return Some(a);
    }
    // PHP accepts "ip:0" and "[v6]:0"; also a bare IP.
    s.parse::<std::net::IpAddr>()
        .ok()
        .map(|ip| std::net::SocketAddr::new(ip, 0))
}
