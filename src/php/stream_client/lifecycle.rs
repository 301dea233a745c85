//! A client's connection ending and coming back: close(), the state it leaves, `onClose`,
//! keepalive() attaching reConnect, the reconnect timer and its backoff.

use super::*;

/// `interval × backoff^(attempt-1)`, capped at `max_interval`, then ± `jitter` of itself;
/// always seconds from 0 to `MAX_SECONDS` (a timer's deadline).
pub(super) fn backoff_delay(interval: f64, attempt: u32, o: &ClientOptions) -> f64 {
    let mut d = interval
        * o.backoff
            .max(1.0)
            .powi(attempt.saturating_sub(1).min(64) as i32);
    if let Some(cap) = o.max_interval {
        d = d.min(cap);
    }
    if o.jitter > 0.0 {
        d *= 1.0 + o.jitter * (2.0 * random_unit() - 1.0);
    }
    // NAN (0 × INF) is 0; INF, from a huge backoff, the cap.
    if d.is_nan() {
        return 0.0;
    }
    d.clamp(0.0, crate::core::options::MAX_SECONDS)
}

/// A uniform number in [0, 1): xorshift seeded from the clock and pid (jitter needs no more).
fn random_unit() -> f64 {
    thread_local! {
        static STATE: std::cell::Cell<u64> = std::cell::Cell::new(
            (SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1)
                ^ ((std::process::id() as u64) << 32))
                | 1,
        );
    }
    STATE.with(|s| {
        let mut x = s.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s.set(x);
        (x >> 11) as f64 / (1u64 << 53) as f64
    })
}

/// Attaches `[$this, 'reConnect']` to onClose and onConnectFailed when `reconnect_interval`
/// is set (once: the application's own handlers are left alone).
pub(super) fn keepalive(obj: Obj) {
    let interval = zend::read_raw_cached(&obj, "reconnect_interval")
        .as_ref()
        .and_then(number)
        .unwrap_or(0.0);
    if interval <= 0.0 {
        return;
    }
    let cb = method_callable(obj, "reConnect");
    state(obj).rare().reconnect.managed = true;
    let mut released = Vec::new();
    let h = &mut state(obj).handlers;
    for ev in ["onConnectFailed", "onClose"] {
        released.push(h.off(ev, Some(&cb)).1);
        released.push(h.on(
            &zend::str_zval(ev),
            ev,
            cb.shallow_clone(),
            Zval::new(),
            true,
        ));
    }
    // (let go with the client's state no longer borrowed: a destructor may re-enter it)
    drop(released);
}

pub(super) fn cancel_reconnect(obj: Obj) {
    if let Some(t) = state(obj)
        .rare
        .as_mut()
        .and_then(|r| r.reconnect.timer.take())
    {
        let action = if_rt(|rt| {
            rt.reactor.cancel_timer_any(t);
            rt.timers.remove(&t)
        });
        // The timer holds the client: let go of with the runtime released (the last
        // reference runs the client's destructor, which may use the runtime).
        drop(action);
    }
}

pub(super) fn close(obj: Obj) {
    let st = state(obj);
    if st.is_datagram() {
        zend::warning("closing a udp/udg client is meaningless; nothing done");
        return;
    }
    cancel_reconnect(obj);
    let st = state(obj);
    if let Some(r) = st.rare.as_mut() {
        r.pending.clear();
    }
    if st.status == Status::Closed && st.key.is_none() {
        return;
    }
    let key = st.key;
    leave_connection(obj);
    let flush_for = seconds_property(&obj, "timeout")
        .ok()
        .filter(|t| !t.is_zero())
        .unwrap_or(Duration::from_secs(30));
    let held = key.and_then(|key| {
        if_rt(|rt| rt.reactor.close(key, flush_for));
        release(key)
    });
    announce_close(obj, 0, held);
}

/// The client has no connection any more: closed state, no id, nothing buffered, and no
/// spare event pointing back at it.
pub(super) fn leave_connection(obj: Obj) {
    let st = state(obj);
    if let (Some(key), Status::Established) = (st.key, st.status) {
        // The connection's phase timings, for getStats() after it.
        if let Some(t) = if_rt(|rt| rt.reactor.take_timings(key)).flatten() {
            st.timings = Some(Box::new(t));
        }
    }
    st.key = None;
    st.status = Status::Closed;
    st.recv.clear();
    let spares = st
        .hot
        .as_mut()
        .map(|h| (h.spare_message_event.take(), h.replies.spare.take()));
    forget_id(obj);
    // (let go of with the state released: an event object's destructor may use the client)
    drop(spares);
}

/// In a forked child, a client whose connection (or reconnect timer) is its parent's: it reads
/// as closed, as after close() — no connection, no id, nothing queued or buffered, no
/// reconnect — but with no event, as its connection did not end (it is not the child's).
/// Runs in the child while fork() returns, so it runs no PHP code: the PHP values it lets go
/// of are put in `keep`, and the id to take out of `StreamClient::$connections` (with
/// [`forget_connection_id`]) is returned.
pub fn left_behind_by_fork(
    obj: Obj,
    timings: Option<Timings>,
    keep: &mut Vec<Zval>,
) -> Option<i64> {
    let st = state(obj);
    if st.status == Status::Established {
        if let Some(t) = timings {
            st.timings = Some(Box::new(t));
        }
    }
    st.key = None;
    st.status = Status::Closed;
    st.ending = false;
    st.recv.clear();
    if let Some(h) = st.hot.as_mut() {
        keep.extend(h.spare_message_event.take());
        keep.extend(h.replies.spare.take());
    }
    if let Some(r) = st.rare.as_mut() {
        r.reconnect.timer = None;
        r.pending.clear();
    }
    st.id.take().map(NonZeroI64::get)
}

/// Takes `$id` out of `StreamClient::$connections` (the child's ids start anew), with no PHP
/// code run: what the entry held is added to `keep` first, so taking it out is never the
/// last reference.
pub fn forget_connection_id(id: i64, keep: &mut Vec<Zval>) {
    if let Some(all) = zend::read_static_property(base_class(), "connections") {
        keep.extend(
            all.array()
                .and_then(|a| a.get_index(id))
                .map(Zval::shallow_clone),
        );
    }
    zend::static_array_put(base_class(), "connections", id, None);
}

/// `onClose` (by 0 self, 1 peer), then the pipe's other end is closed; `held` — the
/// reactor's reference — is let go only after, so the object outlives its handlers.
pub(super) fn announce_close(obj: Obj, by: i64, held: Option<Zval>) {
    fire(
        obj,
        "onClose",
        EventClass::Close,
        &[("by", zend::long_zval(by))],
    );
    close_pipe_peer(obj);
    drop(held);
}

/// A reconnect timer fired: `$client->connect()` (dynamically, so overrides run).
pub fn on_reconnect_due(client: Zval, id: TimerId) {
    let Some(obj) = Obj::of_zval(&client) else {
        return;
    };
    let st = state(obj);
    if st.reconnect_timer() != Some(id) {
        return;
    }
    st.rare().reconnect.timer = None;
    zend::call_method(&obj, "connect", &[]);
}
