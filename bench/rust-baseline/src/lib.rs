//! What the bench's servers and Rust baselines share: the byte stream that bulk workloads send
//! (so every receiver can check a CRC of what it got), argument helpers, and a watchdog that
//! ends a process that outlives its time budget.

use std::io::Read;
use std::time::Duration;

/// Length of the repeating block of the bulk stream. Not a power of two, so that chunk
/// boundaries (64 KiB reads) never line up with it and a reordered or repeated chunk changes
/// the CRC.
pub const PATTERN_LEN: usize = 1_048_573;

/// The block the bulk stream repeats: xorshift64 bytes from a fixed seed. Returned twice over
/// (`2 * PATTERN_LEN` bytes), so any offset into the stream has `PATTERN_LEN` contiguous bytes.
pub fn pattern_twice() -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut block = Vec::with_capacity(PATTERN_LEN * 2);
    while block.len() < PATTERN_LEN {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        block.extend_from_slice(&x.to_le_bytes());
    }
    block.truncate(PATTERN_LEN);
    block.extend_from_within(..PATTERN_LEN);
    block
}

/// The stream's bytes `[offset, offset + len)` as one slice (`len <= PATTERN_LEN`).
pub fn stream_slice(pattern2: &[u8], offset: u64, len: usize) -> &[u8] {
    let start = (offset % PATTERN_LEN as u64) as usize;
    &pattern2[start..start + len.min(PATTERN_LEN)]
}

/// CRC-32 (IEEE, PHP's `crc32b`) of the first `total` bytes of the stream.
pub fn stream_crc(pattern2: &[u8], total: u64) -> u32 {
    let mut h = crc32fast::Hasher::new();
    let mut at = 0u64;
    while at < total {
        let n = (total - at).min(PATTERN_LEN as u64) as usize;
        h.update(stream_slice(pattern2, at, n));
        at += n as u64;
    }
    h.finalize()
}

/// Exits the process after `seconds` (bounded runs), and as soon as stdin reaches EOF when
/// `watch_stdin` (the bench driver holds the pipe; when it goes away, so do we).
pub fn watchdog(seconds: u64, watch_stdin: bool) {
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(seconds));
        eprintln!("bench: time limit of {seconds}s reached, exiting");
        std::process::exit(3);
    });
    if watch_stdin {
        std::thread::spawn(|| {
            let mut sink = [0u8; 256];
            let mut stdin = std::io::stdin();
            while let Ok(n) = stdin.read(&mut sink) {
                if n == 0 {
                    break;
                }
            }
            std::process::exit(0);
        });
    }
}

/// `--name value` from the command line, parsed, or `default`.
pub fn flag<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("bad value for {name}: {v}"))
        })
        .unwrap_or(default)
}

/// CPU time (user + system) this process has used so far, in seconds.
pub fn cpu_seconds() -> f64 {
    // SAFETY: getrusage fills the struct we pass; RUSAGE_SELF is always valid.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(ru.ru_utime) + tv(ru.ru_stime)
}
