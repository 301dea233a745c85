//! What `connect()` reads from a client's properties: the target, `$options` (socket options
//! and the extension's own), `$ssl` as rustls settings, and the parser object (resolved from a
//! class name or config array, and the native framer for it); and the `write_property` hook
//! that applies `$parser` / `$reconnect_interval` written after init().

use super::*;

/// RFC 8305's recommended connection attempt delay.
const HAPPY_EYEBALLS_DELAY: Duration = Duration::from_millis(250);

/// The extension's own `$options` keys (opt-in; their defaults keep beyod's behaviour).
#[derive(Debug, Clone, Default)]
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
    pub proxy: Option<Proxy>,
}

pub(super) fn parse_options(obj: &ZendObject) -> PhpResult<(SocketOptions, ClientOptions)> {
    let v = zend::read_raw_cached(obj, "options").unwrap_or_default();
    let mut o = SocketOptions::default();
    let mut c = ClientOptions {
        backoff: 1.0,
        attempt_delay: Some(HAPPY_EYEBALLS_DELAY),
        ..ClientOptions::default()
    };
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
                describe(val)
            ))
        };
        let flag = || match val.bool() {
            Some(b) => Some(b),
            None => number(val).map(|n| n != 0.0),
        };
        let size = || number(val).filter(|n| *n >= 0.0).map(|n| n as usize);
        match name.as_str() {
            "backlog" => {}
            "SO_REUSEADDR" => assign(&mut o.reuse_address, flag(), &warn, "expected 0 or 1"),
            "SO_KEEPALIVE" => assign(&mut o.keepalive, flag(), &warn, "expected 0 or 1"),
            "TCP_NODELAY" => assign(&mut o.nodelay, flag(), &warn, "expected 0 or 1"),
            "SO_SNDBUF" => assign(
                &mut o.send_buffer_size,
                size(),
                &warn,
                "expected a size in bytes",
            ),
            "SO_RCVBUF" => assign(
                &mut o.recv_buffer_size,
                size(),
                &warn,
                "expected a size in bytes",
            ),
            "SO_LINGER" => {
                if let Some(a) = val.array() {
                    let on = a.get("l_onoff").map(|z| truthy(Some(z))).unwrap_or(false);
                    let secs = a.get("l_linger").and_then(number).unwrap_or(0.0);
                    o.linger = Some(on.then(|| Duration::from_secs_f64(secs.max(0.0))));
                } else if let Some(n) = number(val).filter(|n| *n >= 0.0) {
                    o.linger = Some(Some(Duration::from_secs_f64(n)));
                } else {
                    warn("expected seconds or ['l_onoff' => .., 'l_linger' => ..]");
                }
            }
            "bindto" => match val.str().and_then(parse_bindto) {
                Some(a) => o.bind_to = Some(a),
                None => warn("expected a local \"ip:port\""),
            },
            "TCP_KEEPIDLE" | "TCP_KEEPINTVL" => match number(val).filter(|n| *n >= 1.0) {
                Some(n) if name == "TCP_KEEPIDLE" => {
                    o.keepalive_idle = Some(Duration::from_secs_f64(n))
                }
                Some(n) => o.keepalive_interval = Some(Duration::from_secs_f64(n)),
                None => warn("expected seconds >= 1"),
            },
            "TCP_KEEPCNT" => match number(val).filter(|n| *n >= 1.0) {
                Some(n) => o.keepalive_count = Some(n as u32),
                None => warn("expected a count >= 1"),
            },
            "idle_timeout" => match number(val).filter(|n| *n >= 0.0) {
                Some(n) if n > 0.0 => c.idle_timeout = Some(Duration::from_secs_f64(n)),
                Some(_) => {}
                None => warn("expected seconds >= 0"),
            },
            "reconnect_backoff" => match number(val).filter(|n| *n >= 1.0) {
                Some(n) => c.backoff = n,
                None => warn("expected a multiplier >= 1"),
            },
            "reconnect_max_interval" => match number(val).filter(|n| *n > 0.0) {
                Some(n) => c.max_interval = Some(n),
                None => warn("expected seconds > 0"),
            },
            "reconnect_jitter" => match number(val).filter(|n| (0.0..=1.0).contains(n)) {
                Some(n) => c.jitter = n,
                None => warn("expected a fraction between 0 and 1"),
            },
            "happy_eyeballs" => match (val.bool(), number(val)) {
                (Some(false), _) => c.attempt_delay = None,
                (Some(true), _) => c.attempt_delay = Some(HAPPY_EYEBALLS_DELAY),
                (None, Some(n)) if n > 0.0 => c.attempt_delay = Some(Duration::from_secs_f64(n)),
                _ => warn("expected true, false or a delay in seconds"),
            },
            "resolve" => match val.array() {
                Some(map) => {
                    for (name, ips) in map.iter() {
                        if host.as_deref() != Some(name.to_string().as_str()) {
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
                                Some(ip) => c.pinned.push(ip),
                                None => warn("expected ['host' => 'ip' or ['ip', ...]]"),
                            }
                        }
                    }
                }
                None => warn("expected ['host' => 'ip' or ['ip', ...]]"),
            },
            "proxy" => match val.str().map(Proxy::parse) {
                Some(Ok(p)) => c.proxy = Some(p),
                Some(Err(why)) => {
                    return Err(invalid_argument(&format!(
                        "{}::$options['proxy']: {why}",
                        class_name(obj)
                    )))
                }
                None => warn("expected \"socks5://[user:pass@]host:port\" or \"http://host:port\""),
            },
            "reconnect_max_attempts" => match number(val).filter(|n| *n >= 0.0) {
                Some(n) => c.max_attempts = n as u32,
                None => warn("expected a count >= 0"),
            },
            _ => zend::warning(&format!(
                "{}::$options: unknown socket option \"{name}\" ignored",
                class_name(obj)
            )),
        }
    }
    Ok((o, c))
}

/// `$ssl` → TLS options, with PHP's key names and the original's misspellings as aliases.
/// Unknown keys and values that cannot be honoured are warnings, never silence.
pub(super) fn parse_ssl(obj: &ZendObject, scheme: &str) -> PhpResult<TlsOptions> {
    let cls = class_name(obj);
    if scheme == "sslv2" || scheme == "sslv3" {
        zend::warning(&format!(
            "{cls}::$target: {scheme}:// protocol versions no longer exist; TLS 1.2/1.3 is used"
        ));
    }
    let mut o = TlsOptions::default();
    if module_info::ini_flag(module_info::VERIFY_PEER_DEFAULT) {
        // What `$ssl` does not say follows the system-wide setting.
        o.verify_peer = true;
        o.verify_peer_name = true;
        o.allow_self_signed = false;
    }
    let v = zend::read_raw_cached(obj, "ssl").unwrap_or_default();
    if v.is_null() {
        return Ok(o);
    }
    let Some(arr) = v.array() else {
        return Err(invalid_argument(&format!(
            "{cls}::$ssl must be an array of TLS options, got {}",
            describe(&v)
        )));
    };
    let path = |z: &Zval| {
        z.str()
            .filter(|s| !s.is_empty())
            .map(std::path::PathBuf::from)
    };
    for (k, val) in arr.iter() {
        let key = k.to_string();
        if val.is_null() {
            continue;
        }
        let on = truthy(Some(val));
        match key.as_str() {
            "enabled" | "disable_compression" | "capture_peer_cert" | "capture_peer_cert_chain"
            | "passphrase" | "crypto_method" | "security_level" => {}
            "verify_peer" | "verify_perr" => o.verify_peer = on,
            "verify_peer_name" | "verify_perr_name" => o.verify_peer_name = on,
            "allow_self_signed" | "allow_self_signaed" => o.allow_self_signed = on,
            "cafile" => o.cafile = path(val),
            "capath" => o.capath = path(val),
            "peer_name" | "CN_match" => o.peer_name = val.str().map(str::to_string),
            "SNI_enabled" => o.sni_enabled = on,
            "SNI_server_name" => o.sni_server_name = val.str().map(str::to_string),
            "local_cert" => o.local_cert = path(val),
            "local_pk" => o.local_pk = path(val),
            "verify_depth" => o.verify_depth = number(val).map(|n| n.max(0.0) as usize),
            "alpn_protocols" => {
                o.alpn = match val.array() {
                    Some(a) => a.values().filter_map(zend::to_bytes).collect(),
                    None => val
                        .str()
                        .unwrap_or_default()
                        .split(',')
                        .map(|p| p.trim().as_bytes().to_vec())
                        .filter(|p| !p.is_empty())
                        .collect(),
                };
            }
            "peer_fingerprint" => {
                let mut add = |algo: &str, hexed: &str| match (algo, parse_fingerprint(hexed)) {
                    ("sha1", Some(b)) if b.len() == 20 => o.peer_fingerprint.push((Digest::Sha1, b)),
                    ("sha256", Some(b)) if b.len() == 32 => o.peer_fingerprint.push((Digest::Sha256, b)),
                    ("md5", _) => zend::warning(&format!(
                        "{cls}::$ssl['peer_fingerprint']: md5 fingerprints are not supported, use sha1 or sha256; ignored"
                    )),
                    _ => zend::warning(&format!(
                        "{cls}::$ssl['peer_fingerprint']: \"{hexed}\" is not a {algo} fingerprint; ignored"
                    )),
                };
                if let Some(a) = val.array() {
                    for (algo, h) in a.iter() {
                        add(&algo.to_string().to_ascii_lowercase(), h.str().unwrap_or_default());
                    }
                } else if let Some(h) = val.str() {
                    // As PHP: the digest is told by the length (32 hex md5, 40 sha1).
                    let algo = match h.len() { 32 => "md5", 40 => "sha1", _ => "sha256" };
                    add(algo, h);
                }
            }
            "ciphers" => zend::warning(&format!(
                "{cls}::$ssl['ciphers']: rustls offers only its modern cipher suites; the OpenSSL cipher list is not applied"
            )),
            _ => zend::warning(&format!("{cls}::$ssl: unknown TLS option \"{key}\" ignored")),
        }
    }
    Ok(o)
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

pub(super) fn read_target(obj: &ZendObject) -> PhpResult<Target> {
    let v = zend::read_raw_cached(obj, "target").unwrap_or_default();
    let Some(s) = v.str() else {
        return Err(invalid_argument(&format!(
            "{}::$target must be a string such as \"tcp://127.0.0.1:6379\", got {}",
            class_name(obj),
            describe(&v)
        )));
    };
    Target::parse(s).map_err(|e| invalid_argument(&format!("{}::$target: {e}", class_name(obj))))
}

/// Turns `$parser` (class name or config array) into a parser object, as beyod's `init()`.
pub(super) fn resolve_parser(obj: &mut ZendObject) -> PhpResult<()> {
    let Some(p) = zend::read_raw_cached(obj, "parser") else {
        return Ok(());
    };
    if p.is_null() || p.is_object() || p.bool() == Some(false) || p.str() == Some("") {
        return Ok(());
    }
    match yii::create(&p) {
        Ok(Some(parser)) => zend::write_scoped_cached(obj, "parser", parser),
        Ok(None) => {}
        Err(msg) => {
            return Err(invalid_argument(&format!(
                "{}::$parser: {msg}",
                class_name(obj)
            )))
        }
    }
    Ok(())
}

/// The native framer for the client's parser, when it is one of the extension's own.
pub(super) fn native_framer(obj: &ZendObject) -> PhpResult<Option<Framer>> {
    let Some(p) = parser_object(obj) else {
        return Ok(None);
    };
    match Framer::for_parser(p.object().unwrap()) {
        None => Ok(None),
        Some(Ok(f)) => Ok(Some(f)),
        Some(Err(why)) => Err(invalid_argument(&format!(
            "{}::$parser: {why}",
            class_name(obj)
        ))),
    }
}

pub(super) fn parser_object(obj: &ZendObject) -> Option<Zval> {
    zend::read_raw_cached(obj, "parser").filter(|p| p.is_object())
}

/// The TLS settings for `target`, or `None` for plaintext: a TLS scheme (which, as the
/// original's beforeConnect(), turns `$ssl['enabled']` on), or a stream with
/// `$ssl['enabled']` — the manual's meaning of `enabled`, which the original only showed in
/// isSSL() (over unix://, name the server with peer_name).
pub(super) fn tls_settings(
    obj: &mut ZendObject,
    target: &Target,
) -> PhpResult<Option<Box<TlsOptions>>> {
    if target.is_tls() {
        set_ssl_enabled(obj);
    } else if !(ssl_enabled(obj) && matches!(target.scheme, Scheme::Tcp | Scheme::Unix)) {
        return Ok(None);
    }
    Ok(Some(Box::new(parse_ssl(obj, &target.scheme_name)?)))
}

/// `$ssl['enabled']` is truthy.
pub(super) fn ssl_enabled(obj: &ZendObject) -> bool {
    let ssl = zend::read_raw_cached(obj, "ssl").unwrap_or_default();
    truthy(ssl.array().and_then(|a| a.get("enabled")))
}

/// `$ssl['enabled'] = true`, where `$ssl` is an array that does not say so yet.
fn set_ssl_enabled(obj: &mut ZendObject) {
    let ssl = zend::read_raw_cached(obj, "ssl").unwrap_or_default();
    let Some(arr) = ssl.array().filter(|a| !truthy(a.get("enabled"))) else {
        return;
    };
    let mut copy = arr.to_owned();
    if copy.insert("enabled", true).is_ok() {
        let mut z = Zval::new();
        z.set_hashtable(copy);
        zend::write_scoped_cached(obj, "ssl", z);
    }
}

/// The class's `write_property` handler: the standard one, and for `$parser` and
/// `$reconnect_interval` written after `init()` (Yii's container assigns a non-Configurable
/// class's config after constructing it; `Yii::configure()`; plain assignment) what `init()`
/// does with them: a class name or config array becomes the parser object, an interval > 0
/// attaches `[$this, 'reConnect']`. The original (Configurable) saw them in `init()`.
///
/// # Safety
/// Called by the engine with a live object of this class, a property name and a value.
pub unsafe extern "C" fn write_property(
    object: *mut ext_php_rs::ffi::zend_object,
    member: *mut ext_php_rs::ffi::zend_string,
    value: *mut ext_php_rs::ffi::zval,
    cache_slot: *mut *mut std::ffi::c_void,
) -> *mut ext_php_rs::ffi::zval {
    // SAFETY: the engine's arguments; a zend_string's bytes are `len` long from `val`.
    unsafe {
        let name = std::slice::from_raw_parts((*member).val.as_ptr() as *const u8, (*member).len);
        let hook = match name {
            b"parser" => Some(true),
            b"reconnect_interval" => Some(false),
            _ => None,
        };
        // Hooked names bypass the engine's property cache, so every write comes here.
        let slot = if hook.is_some() {
            std::ptr::null_mut()
        } else {
            cache_slot
        };
        let r = ext_php_rs::ffi::zend_std_write_property(object, member, value, slot);
        let Some(parser) = hook else { return r };
        let obj = &mut *(object as *mut ZendObject);
        if zend::exception_pending() || !state(obj).inited {
            return r;
        }
        if parser {
            if let Err(e) = resolve_parser(obj) {
                zend::throw(e);
            }
        } else {
            keepalive(obj);
        }
        r
    }
}
