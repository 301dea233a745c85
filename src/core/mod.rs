//! The PHP-free core: target parsing, the reactor, connections, send queues, timers and the
//! resolver. Nothing here knows about PHP; `cargo test --no-default-features` covers it.

pub mod connection;
pub mod error;
pub mod framing;
pub mod options;
pub mod proxy;
pub mod reactor;
pub mod resolve;
pub mod send_queue;
pub mod target;
pub mod timers;
pub mod tls;
pub mod wakeup;

pub use connection::{ConnEvent, ConnectSpec, Phase, Timings};
pub use error::Error;
pub use options::SocketOptions;
pub use reactor::{ConnKey, Event, Reactor, Sent, BATCH_LIMIT, CODE_TIMED_OUT};
pub use send_queue::Piece;
pub use target::{Endpoint, Scheme, Target};
pub use timers::TimerId;
