//! TLS client sessions with rustls (ring provider): the `$ssl` options a client asks for,
//! turned into a `ClientConfig` whose certificate checks follow PHP's stream-context meaning
//! (`verify_peer`, `verify_peer_name`, `allow_self_signed`, `peer_fingerprint`,
//! `verify_depth`), and errors a person can act on.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};

use super::error::Error;

/// A digest a `peer_fingerprint` is given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Digest {
    Sha1,
    Sha256,
}

/// `$ssl`, parsed. Defaults are beyod's: no verification.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TlsOptions {
    pub verify_peer: bool,
    pub verify_peer_name: bool,
    pub allow_self_signed: bool,
    pub cafile: Option<PathBuf>,
    pub capath: Option<PathBuf>,
    /// Name the certificate must be valid for (and SNI), instead of the target's host.
    pub peer_name: Option<String>,
    pub sni_enabled: bool,
    pub sni_server_name: Option<String>,
    pub local_cert: Option<PathBuf>,
    pub local_pk: Option<PathBuf>,
    pub peer_fingerprint: Vec<(Digest, Vec<u8>)>,
    pub verify_depth: Option<usize>,
    /// ALPN protocols to offer, in preference order.
    pub alpn: Vec<Vec<u8>>,
}

impl Default for TlsOptions {
    fn default() -> Self {
        TlsOptions {
            verify_peer: false,
            verify_peer_name: false,
            allow_self_signed: true,
            cafile: None,
            capath: None,
            peer_name: None,
            sni_enabled: true,
            sni_server_name: None,
            local_cert: None,
            local_pk: None,
            peer_fingerprint: Vec::new(),
            verify_depth: None,
            alpn: Vec::new(),
        }
    }
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn read_certs(path: &Path, what: &str) -> Result<Vec<CertificateDer<'static>>, Error> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::TlsSetup(format!("{what} {}: {e}", path.display())))?;
    let certs: Vec<_> = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<_, _>>()
        .map_err(|e| {
            Error::TlsSetup(format!(
                "{what} {}: not PEM certificates: {e}",
                path.display()
            ))
        })?;
    if certs.is_empty() {
        return Err(Error::TlsSetup(format!(
            "{what} {}: no certificate in it",
            path.display()
        )));
    }
    Ok(certs)
}

fn roots(opts: &TlsOptions) -> Result<RootCertStore, Error> {
    let mut store = RootCertStore::empty();
    if let Some(f) = &opts.cafile {
        for c in read_certs(f, "cafile")? {
            store
                .add(c)
                .map_err(|e| Error::TlsSetup(format!("cafile {}: {e}", f.display())))?;
        }
    }
    if let Some(dir) = &opts.capath {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| Error::TlsSetup(format!("capath {}: {e}", dir.display())))?;
        for entry in entries.flatten() {
            if let Ok(certs) = read_certs(&entry.path(), "capath") {
                for c in certs {
                    let _ = store.add(c);
                }
            }
        }
    }
    if opts.cafile.is_none() && opts.capath.is_none() {
        let found = rustls_native_certs::load_native_certs();
        for c in found.certs {
            let _ = store.add(c);
        }
    }
    Ok(store)
}

/// Builds the client configuration for one connection.
pub fn client_config(opts: &TlsOptions) -> Result<Arc<ClientConfig>, Error> {
    let provider = provider();
    let verifier = Arc::new(PhpVerifier::new(opts, provider.clone())?);
    let builder = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::TlsSetup(format!("TLS setup: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    let mut config = match (&opts.local_cert, &opts.local_pk) {
        (None, None) => builder.with_no_client_auth(),
        (Some(cert), key) => {
            let chain = read_certs(cert, "local_cert")?;
            // PHP allows the key inside the local_cert file.
            let key_path = key.as_deref().unwrap_or(cert);
            let bytes = std::fs::read(key_path)
                .map_err(|e| Error::TlsSetup(format!("local_pk {}: {e}", key_path.display())))?;
            if String::from_utf8_lossy(&bytes).contains("ENCRYPTED") {
                return Err(Error::TlsSetup(format!(
                    "local_pk {}: encrypted private keys are not supported; decrypt it once with `openssl pkey -in KEY -out PLAIN`",
                    key_path.display()
                )));
            }
            let key = PrivateKeyDer::from_pem_slice(&bytes).map_err(|e| {
                Error::TlsSetup(format!(
                    "local_pk {}: no usable private key: {e}",
                    key_path.display()
                ))
            })?;
            builder
                .with_client_auth_cert(chain, key)
                .map_err(|e| Error::TlsSetup(format!("local_cert/local_pk: {e}")))?
        }
        (None, Some(k)) => {
            return Err(Error::TlsSetup(format!(
                "local_pk {} given without local_cert",
                k.display()
            )))
        }
    };
    config.client_auth_cert_resolver = Arc::new(RequestWatch {
        inner: config.client_auth_cert_resolver.clone(),
    });
    config.enable_sni = opts.sni_enabled;
    config.alpn_protocols = opts.alpn.clone();
    Ok(Arc::new(config))
}

thread_local! {
    static CERT_REQUESTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` (which processes handshake records) and tells whether the server asked for a
/// client certificate meanwhile. In TLS 1.3 the server judges that certificate only after our
/// half of the handshake is done, so a refusal arrives as an alert after "connected".
pub fn watch_cert_request<R>(f: impl FnOnce() -> R) -> (R, bool) {
    CERT_REQUESTED.with(|c| c.set(false));
    let r = f();
    (r, CERT_REQUESTED.with(|c| c.replace(false)))
}

/// Wraps the client-certificate resolver to notice the server's CertificateRequest.
#[derive(Debug)]
struct RequestWatch {
    inner: Arc<dyn rustls::client::ResolvesClientCert>,
}

impl rustls::client::ResolvesClientCert for RequestWatch {
    fn resolve(
        &self,
        root_hint_subjects: &[&[u8]],
        sigschemes: &[SignatureScheme],
    ) -> Option<Arc<rustls::sign::CertifiedKey>> {
        CERT_REQUESTED.with(|c| c.set(true));
        self.inner.resolve(root_hint_subjects, sigschemes)
    }

    fn only_raw_public_keys(&self) -> bool {
        self.inner.only_raw_public_keys()
    }

    fn has_certs(&self) -> bool {
        self.inner.has_certs()
    }
}

/// The name to send as SNI and to check the certificate against.
pub fn server_name(opts: &TlsOptions, host: &str) -> Result<ServerName<'static>, Error> {
    let name = opts
        .sni_server_name
        .as_deref()
        .or(opts.peer_name.as_deref())
        .unwrap_or(host);
    ServerName::try_from(name.to_string())
        .map_err(|_| Error::TlsSetup(format!("\"{name}\" is not a valid TLS server name")))
}

/// Certificate checks with PHP's meaning of the `$ssl` keys.
#[derive(Debug)]
struct PhpVerifier {
    opts: TlsOptions,
    webpki: Option<Arc<WebPkiServerVerifier>>,
    provider: Arc<CryptoProvider>,
}

impl PhpVerifier {
    fn new(opts: &TlsOptions, provider: Arc<CryptoProvider>) -> Result<Self, Error> {
        let webpki = if opts.verify_peer {
            let roots = roots(opts)?;
            if roots.is_empty() {
                // With allow_self_signed a self-signed certificate needs no CA (as with PHP's
                // OpenSSL): only such a one can pass then (verify_server_cert).
                if opts.allow_self_signed {
                    return Ok(PhpVerifier {
                        opts: opts.clone(),
                        webpki: None,
                        provider,
                    });
                }
                return Err(Error::TlsSetup(NO_CA.into()));
            }
            Some(
                WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                    .build()
                    .map_err(|e| Error::TlsSetup(format!("TLS setup: {e}")))?,
            )
        } else {
            None
        };
        Ok(PhpVerifier {
            opts: opts.clone(),
            webpki,
            provider,
        })
    }

    /// Is the end-entity certificate valid when trusted as its own root (self-signed)?
    fn self_signed_ok(
        &self,
        end_entity: &CertificateDer<'_>,
        server_name: &ServerName<'_>,
        now: UnixTime,
    ) -> Result<(), rustls::Error> {
        let mut store = RootCertStore::empty();
        store
            .add(end_entity.clone().into_owned())
            .map_err(|e| rustls::Error::General(e.to_string()))?;
        let v = WebPkiServerVerifier::builder_with_provider(Arc::new(store), self.provider.clone())
            .build()
            .map_err(|e| rustls::Error::General(e.to_string()))?;
        self.name_tolerant(v.verify_server_cert(end_entity, &[], server_name, &[], now))
    }

    /// With allow_self_signed: the certificate verifies as its own root, or (a CA:TRUE one,
    /// which WebPKI refuses for a server) carries a signature made by its own key. The error
    /// is the second check's.
    fn accepts_self_signed(
        &self,
        end_entity: &CertificateDer<'_>,
        server_name: &ServerName<'_>,
        now: UnixTime,
    ) -> Result<(), rustls::Error> {
        self.self_signed_ok(end_entity, server_name, now)
            .or_else(|_| self.signed_by_itself(end_entity, server_name))
    }

    /// The certificate carries a valid signature made by its own key (and, with
    /// `verify_peer_name`, names the server).
    fn signed_by_itself(
        &self,
        end_entity: &CertificateDer<'_>,
        server_name: &ServerName<'_>,
    ) -> Result<(), rustls::Error> {
        let refused = || rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer);
        let (tbs, signature) = split_certificate(end_entity).ok_or_else(refused)?;
        let ee = webpki::EndEntityCert::try_from(end_entity).map_err(|_| refused())?;
        let algs = self.provider.signature_verification_algorithms.all;
        if !algs
            .iter()
            .any(|a| ee.verify_signature(*a, tbs, signature).is_ok())
        {
            return Err(refused());
        }
        if self.opts.verify_peer_name && ee.verify_is_valid_for_subject_name(server_name).is_err() {
            return Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName,
            ));
        }
        Ok(())
    }

    /// Ignores a name mismatch when `verify_peer_name` is off.
    fn name_tolerant(
        &self,
        r: Result<ServerCertVerified, rustls::Error>,
    ) -> Result<(), rustls::Error> {
        match r {
            Ok(_) => Ok(()),
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) if !self.opts.verify_peer_name => Ok(()),
            Err(e) => Err(e),
        }
    }
}

impl PhpVerifier {
    /// What `$ssl` pins before any chain check: `peer_fingerprint` and `verify_depth`.
    fn check_pins(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
    ) -> Result<(), rustls::Error> {
        for (d, want) in &self.opts.peer_fingerprint {
            if digest(*d, end_entity) != *want {
                return Err(rustls::Error::General(format!(
                    "peer_fingerprint mismatch: the server's certificate {} is {}",
                    if *d == Digest::Sha1 { "sha1" } else { "sha256" },
                    hex(&digest(*d, end_entity))
                )));
            }
        }
        if let Some(depth) = self.opts.verify_depth {
            if intermediates.len() + 1 > depth.max(1).saturating_add(1) {
                return Err(rustls::Error::General(format!(
                    "certificate chain longer than verify_depth {depth}"
                )));
            }
        }
        Ok(())
    }
}

fn digest(d: Digest, der: &[u8]) -> Vec<u8> {
    let alg = match d {
        Digest::Sha1 => &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
        Digest::Sha256 => &ring::digest::SHA256,
    };
    ring::digest::digest(alg, der).as_ref().to_vec()
}

impl ServerCertVerifier for PhpVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        self.check_pins(end_entity, intermediates)?;
        let Some(webpki) = &self.webpki else {
            if !self.opts.verify_peer {
                return Ok(ServerCertVerified::assertion());
            }
            // verify_peer + allow_self_signed without any CA certificate: a self-signed one or
            // nothing.
            return if intermediates.is_empty() {
                self.accepts_self_signed(end_entity, server_name, now)
                    .map(|()| ServerCertVerified::assertion())
                    .map_err(|e| match e {
                        rustls::Error::InvalidCertificate(CertificateError::NotValidForName) => e,
                        _ => rustls::Error::General(NO_CA.into()),
                    })
            } else {
                Err(rustls::Error::General(NO_CA.into()))
            };
        };
        let r = self.name_tolerant(webpki.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp,
            now,
        ));
        match r {
            Ok(()) => Ok(ServerCertVerified::assertion()),
            Err(rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer))
                if self.opts.allow_self_signed && intermediates.is_empty() =>
            {
                self.accepts_self_signed(end_entity, server_name, now)
                    .map(|()| ServerCertVerified::assertion())
                    .map_err(|_| rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer))
            }
            // `openssl req -x509` marks its certificates CA:TRUE, which WebPKI refuses for a
            // server: with allow_self_signed, a certificate signed by its own key is accepted.
            Err(e) if self.opts.allow_self_signed && intermediates.is_empty() => self
                .signed_by_itself(end_entity, server_name)
                .map(|()| ServerCertVerified::assertion())
                .map_err(|why| match why {
                    // Self-signed indeed, but for another name: say that.
                    rustls::Error::InvalidCertificate(CertificateError::NotValidForName) => why,
                    _ => e,
                }),
            // Refused, and it is self-signed: say so (WebPKI's own reason can be obscure).
            Err(e) if intermediates.is_empty() => {
                let lenient = PhpVerifier {
                    opts: TlsOptions {
                        verify_peer_name: false,
                        ..self.opts.clone()
                    },
                    webpki: None,
                    provider: self.provider.clone(),
                };
                match lenient.signed_by_itself(end_entity, server_name) {
                    Ok(()) => Err(rustls::Error::General(SELF_SIGNED.into())),
                    Err(_) => Err(e),
                }
            }
            Err(e) => Err(e),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

const SELF_SIGNED: &str =
    "certificate verify failed: self-signed certificate (set allow_self_signed, or verify it with cafile)";

/// verify_peer with no CA certificate to verify with (none given, none installed).
const NO_CA: &str =
    "verify_peer is on but no CA certificate was found (set cafile or capath, or install ca-certificates)";

/// A certificate's signed part (tbsCertificate, with its DER header) and signature bits.
fn split_certificate(der: &[u8]) -> Option<(&[u8], &[u8])> {
    /// One DER element at the start of `b`: (tag, whole element, content, rest).
    type Tlv<'a> = (u8, &'a [u8], &'a [u8], &'a [u8]);
    fn tlv(b: &[u8]) -> Option<Tlv<'_>> {
        let (&tag, rest) = b.split_first()?;
        let (&first, rest) = rest.split_first()?;
        let (len, rest) = if first < 0x80 {
            (first as usize, rest)
        } else {
            let n = (first & 0x7f) as usize;
            if n == 0 || n > 4 || rest.len() < n {
                return None;
            }
            (
                rest[..n].iter().fold(0usize, |a, &x| a << 8 | x as usize),
                &rest[n..],
            )
        };
        if rest.len() < len {
            return None;
        }
        let header = b.len() - rest.len();
        Some((tag, &b[..header + len], &rest[..len], &rest[len..]))
    }
    let (0x30, _, cert, _) = tlv(der)? else {
        return None;
    };
    let (0x30, tbs, _, rest) = tlv(cert)? else {
        return None;
    };
    let (0x30, _, _, rest) = tlv(rest)? else {
        return None;
    };
    let (0x03, _, bits, _) = tlv(rest)? else {
        return None;
    };
    // A BIT STRING starts with its count of unused bits: 0 for a signature.
    let (&0, signature) = bits.split_first()? else {
        return None;
    };
    Some((tbs, signature))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses a fingerprint written as hex (with or without colons). Anything else — a
/// multi-byte character, an odd number of digits — is `None`.
pub fn parse_fingerprint(s: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = s
        .bytes()
        .filter(|c| *c != b':')
        .map(|c| (c as char).to_digit(16).map(|d| d as u8))
        .collect::<Option<_>>()?;
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    Some(digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect())
}

/// A TLS error as a person reads it.
pub fn describe_error(e: &rustls::Error, name: &str) -> String {
    match e {
        rustls::Error::InvalidCertificate(CertificateError::NotValidForName)
        | rustls::Error::InvalidCertificate(CertificateError::NotValidForNameContext { .. }) => {
            format!("certificate not valid for name \"{name}\"")
        }
        rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer) => {
            "certificate verify failed: unknown issuer (self-signed or not signed by a CA in cafile/capath/system roots)".into()
        }
        rustls::Error::InvalidCertificate(CertificateError::Expired)
        | rustls::Error::InvalidCertificate(CertificateError::ExpiredContext { .. }) => {
            "certificate verify failed: certificate expired".into()
        }
        rustls::Error::InvalidCertificate(CertificateError::NotValidYet)
        | rustls::Error::InvalidCertificate(CertificateError::NotValidYetContext { .. }) => {
            "certificate verify failed: certificate not valid yet".into()
        }
        rustls::Error::AlertReceived(a) => format!("the server refused the handshake (alert: {a:?})"),
        rustls::Error::InvalidCertificate(CertificateError::Other(o))
            if format!("{o:?}").contains("CaUsedAsEndEntity") =>
        {
            SELF_SIGNED.into()
        }
        rustls::Error::General(msg) if msg.starts_with("certificate verify failed") => msg.clone(),
        other => format!("TLS handshake failed: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_with_multibyte_or_odd_characters_are_refused_not_a_panic() {
        assert_eq!(parse_fingerprint("0a:FF"), Some(vec![0x0a, 0xff]));
        assert_eq!(parse_fingerprint("0aff"), Some(vec![0x0a, 0xff]));
        for bad in [
            "é0",
            "0é",
            "aé",
            "€€",
            "ab€",
            "0",
            "xyz1",
            "a\u{10ffff}b",
            "+a",
        ] {
            assert_eq!(parse_fingerprint(bad), None, "{bad:?}");
        }
        // Every string of a few characters from a mixed alphabet: never a panic.
        let alphabet = ['0', 'f', ':', 'é', '€', '\u{10ffff}', 'g'];
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    for d in alphabet {
                        let _ = parse_fingerprint(&[a, b, c, d].iter().collect::<String>());
                    }
                }
            }
        }
    }
}
