//! What the reactor reports about a client's connection, applied to the client: connected
//! (id, peer/local, `onConnect`), connect failed, data, an error, drained, closed.

use super::*;

/// Dispatches one reactor event to its client.
pub fn on_connection_event(client: Zval, key: ConnKey, what: ConnEvent) {
    let Some(obj) = Obj::of_zval(&client) else {
        return;
    };
    if state(obj).key != Some(key) {
        return;
    }
    match what {
        ConnEvent::Connected { peer, local } => connected(obj, key, &peer, &local),
        ConnEvent::ConnectFailed {
            code,
            errstr,
            detail,
        } => connect_failed(obj, key, code as i64, &errstr, detail),
        ConnEvent::Data(bytes) => on_data(obj, key, bytes),
        ConnEvent::Error { code, errstr } => {
            state(obj).rare().last_error = Some((code as i64, errstr.clone()));
            fire(
                obj,
                "onError",
                EventClass::Error,
                &error_fields(code as i64, &errstr),
            );
        }
        ConnEvent::Drained => {
            resume_pipe_source(obj);
            // The original's datagrams never wait in a buffer: it never fires onBufferDrain.
            if !state(obj).is_datagram() {
                fire(obj, "onBufferDrain", EventClass::Io, &[]);
            }
        }
        ConnEvent::Closed => closed(obj, key),
    }
}

/// Established: an id, `$peer`/`$local`, `StreamClient::$connections`, then `onConnect`,
/// `afterConnected()` and, after a reconnect, `onReconnect`.
fn connected(obj: Obj, key: ConnKey, peer: &str, local: &str) {
    let id = with_rt(|rt| rt.ids.take()).unwrap_or(0);
    let st = state(obj);
    let reconnected = st.connects > 0;
    st.connects += 1;
    if reconnected {
        st.rare().reconnects += 1;
    }
    if let Some(r) = st.rare.as_mut() {
        r.reconnect.failures = 0;
    }
    // The connection's timings are read from the reactor while it lasts (kept here once it
    // is left: `leave_connection()`).
    st.timings = None;
    stats::count(|g| g.connects += 1);
    st.status = Status::Established;
    st.id = NonZeroI64::new(id);
    st.connect_at = now();
    // Clients of one server get one `$peer` string (a string is a value in PHP: sharing it
    // is not observable), 40 bytes less per connection.
    let peer = if_rt(|rt| {
        if !zend::is_string_of(&rt.last_peer, peer.as_bytes()) {
            rt.last_peer = zend::str_zval(peer);
        }
        rt.last_peer.shallow_clone()
    })
    .unwrap_or_else(|| zend::str_zval(peer));
    zend::write_scoped_cached(obj.zo(), "peer", peer);
    zend::write_scoped_cached(obj.zo(), "local", zend::str_zval(local));
    zend::static_array_put(
        base_class(),
        "connections",
        id,
        Some(zend::object_zval(obj.zo())),
    );
    if state(obj).is_datagram() {
        // As the original: a datagram client has no connect to report (no onConnect, no
        // afterConnected()); send() works from prepare() on.
        return;
    }
    fire(obj, "onConnect", EventClass::Io, &[]);
    if !zend::exception_pending() {
        zend::call_method(&obj, "afterConnected", &[]);
    }
    if reconnected && !zend::exception_pending() && state(obj).key == Some(key) {
        // The hook for re-authenticating or re-subscribing after a reconnect.
        fire(obj, "onReconnect", EventClass::Io, &[]);
    }
}

/// The attempt failed: what send() accepted for it waits for the next one (or a close()),
/// then `onConnectFailed`.
fn connect_failed(obj: Obj, key: ConnKey, code: i64, errstr: &str, detail: String) {
    let unsent = with_rt(|rt| rt.reactor.take_unsent(key)).unwrap_or_default();
    let st = state(obj);
    st.key = None;
    st.status = Status::Closed;
    let r = st.rare();
    r.pending.requeue_front(unsent);
    r.reconnect.failures += 1;
    r.connect_failures += 1;
    r.last_error = Some((code, detail));
    stats::count(|g| g.connect_failures += 1);
    let held = release(key);
    fire(
        obj,
        "onConnectFailed",
        EventClass::Error,
        &error_fields(code, errstr),
    );
    drop(held);
}

/// The peer closed (or the connection broke): what was received before is delivered first,
/// then `onClose` (by 1, or by 0 after end()).
fn closed(obj: Obj, key: ConnKey) {
    if !state(obj).recv.is_empty() {
        // Everything received before the FIN is delivered before onClose, even if the
        // client was paused meanwhile.
        state(obj).paused = false;
        on_data(obj, key, Vec::new());
        if zend::exception_pending() || state(obj).key != Some(key) {
            if state(obj).key == Some(key) {
                if_rt(|rt| rt.reactor.requeue_front(key, ConnEvent::Closed));
            }
            return;
        }
    }
    leave_connection(obj);
    let held = release(key);
    // After end() the close was ours: no reconnect.
    let by = if std::mem::take(&mut state(obj).ending) {
        0
    } else {
        1
    };
    announce_close(obj, by, held);
}
