//! The core's one error type. The binding turns it into PHP exceptions or events in one place.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("bad target \"{target}\": {why}")]
    BadTarget { target: String, why: String },
    #[error("{target}: {source}")]
    Io {
        target: String,
        source: std::io::Error,
    },
}

impl Error {
    /// errno-style code for `onConnectFailed`/`onError` (`$event->code`).
    pub fn code(&self) -> i32 {
        match self {
            Error::BadTarget { .. } => libc::EINVAL,
            Error::Io { source, .. } => source.raw_os_error().unwrap_or(0),
        }
    }
}
