//! `$ssl` → rustls settings: whether TLS is used at all, PHP's key names with the original's
//! misspellings as aliases, and warnings for what cannot be honoured.

use super::*;

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
    Ok(Some(Box::new(parse_ssl(obj, target.scheme_name())?)))
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
            // OpenSSL takes an int; PHP casts, so a negative depth is 0 as before.
            "verify_depth" => match number(val).filter(|n| *n <= i32::MAX as f64) {
                Some(n) => o.verify_depth = Some(if n > 0.0 { n as usize } else { 0 }),
                None => zend::warning(&format!(
                    "{cls}::$ssl['verify_depth']: expected a depth from 0 to 2147483647, got {}; ignored",
                    shown(val)
                )),
            },
            "alpn_protocols" => o.alpn = alpn_list(val, &cls),
            "peer_fingerprint" => add_fingerprints(&mut o, val, &cls),
            "ciphers" => zend::warning(&format!(
                "{cls}::$ssl['ciphers']: rustls offers only its modern cipher suites; the OpenSSL cipher list is not applied"
            )),
            _ => zend::warning(&format!("{cls}::$ssl: unknown TLS option \"{key}\" ignored")),
        }
    }
    Ok(o)
}

/// `alpn_protocols`: an array of names, or a comma-separated string (as PHP's). A name is 1
/// to 255 bytes and the list at most 4 KiB (a ClientHello's length fields); others are
/// warned about and left out.
fn alpn_list(val: &Zval, cls: &str) -> Vec<Vec<u8>> {
    let mut total = 0;
    let mut names = all_alpn_names(val);
    names.retain(|n| {
        total += n.len() + 1;
        let fits = (1..=255).contains(&n.len()) && total <= 4096;
        if !fits {
            zend::warning(&format!(
                "{cls}::$ssl['alpn_protocols']: a protocol name of {} bytes (1 to 255, 4 KiB in all); ignored",
                n.len()
            ));
        }
        fits
    });
    names
}

fn all_alpn_names(val: &Zval) -> Vec<Vec<u8>> {
    match val.array() {
        Some(a) => a.values().filter_map(zend::to_bytes).collect(),
        None => val
            .str()
            .unwrap_or_default()
            .split(',')
            .map(|p| p.trim().as_bytes().to_vec())
            .filter(|p| !p.is_empty())
            .collect(),
    }
}

/// `peer_fingerprint`: `['sha256' => hex, ...]`, or one hex string whose length tells the
/// digest (as PHP: 32 hex md5, 40 sha1).
fn add_fingerprints(o: &mut TlsOptions, val: &Zval, cls: &str) {
    let mut add = |algo: &str, hexed: &str| {
        match (algo, parse_fingerprint(hexed)) {
        ("sha1", Some(b)) if b.len() == 20 => o.peer_fingerprint.push((Digest::Sha1, b)),
        ("sha256", Some(b)) if b.len() == 32 => o.peer_fingerprint.push((Digest::Sha256, b)),
        ("md5", _) => zend::warning(&format!(
            "{cls}::$ssl['peer_fingerprint']: md5 fingerprints are not supported, use sha1 or sha256; ignored"
        )),
        _ => zend::warning(&format!(
            "{cls}::$ssl['peer_fingerprint']: \"{hexed}\" is not a {algo} fingerprint; ignored"
        )),
    }
    };
    if let Some(a) = val.array() {
        for (algo, h) in a.iter() {
            add(
                &algo.to_string().to_ascii_lowercase(),
                h.str().unwrap_or_default(),
            );
        }
    } else if let Some(h) = val.str() {
        let algo = match h.len() {
            32 => "md5",
            40 => "sha1",
            _ => "sha256",
        };
        add(algo, h);
    } else {
        zend::warning(&format!(
            "{cls}::$ssl['peer_fingerprint']: expected a hex string or ['sha256' => hex], got {}; ignored",
            shown(val)
        ));
    }
}
