//! pipe(): forwarding what one side reads to the other, with backpressure (the reading side
//! pauses while the other holds too much), and closing the other side once it has written it.

use super::*;

pub(super) fn unpipe(obj: &mut ZendObject) {
    let Some(mut other) = state(obj).rare.as_mut().and_then(|r| r.pipe.take()) else {
        return;
    };
    let Some(o) = other.object_mut() else { return };
    let ours = match as_client(o) {
        Some(c) => c.set_pipe_peer(None),
        None => {
            zend::write_scoped_cached(o, "_pipe", Zval::new());
            None
        }
    };
    // (with no state borrowed: either may be the last reference to an object)
    drop(ours);
    drop(other);
}

/// Forwards received bytes to the pipe's other end; gives them back if there is none to
/// take them (a native client takes the vector itself: no copy).
pub(super) fn forward(obj: &mut ZendObject, bytes: Vec<u8>) -> Result<(), Vec<u8>> {
    let Some(mut other) = state(obj).pipe_peer().map(Zval::shallow_clone) else {
        return Err(bytes);
    };
    let Some(o) = other.object_mut() else {
        return Err(bytes);
    };
    if let Some(c) = as_client(o) {
        let Some(key) = c.key else { return Err(bytes) };
        // A forwarded chunk is always queued (the cap may be exceeded by one read): pause
        // this side until the other drains instead of dropping bytes.
        // Pause well before the cap: a few socket buffers' worth keeps the proxy's bytes in
        // the CPU cache between read and write (a 10 MiB backlog makes each byte go to memory
        // and back), and reading resumes as soon as the other side drains.
        let max = c.max_send.min(PIPE_HIGH_WATER);
        let full = with_rt(|rt| {
            rt.reactor.send_unbatched(key, bytes, usize::MAX);
            rt.reactor.waiting_bytes(key) >= max
        })
        .unwrap_or(false);
        if full {
            state(obj).set_paused(true);
        }
        return Ok(());
    }
    let closed = zend::call_method(o, "isClosed", &[]);
    if zend::exception_pending() || truthy(closed.as_ref()) {
        return Err(bytes);
    }
    zend::call_method(
        o,
        "send",
        &[&zend::bytes_zval(&bytes), &zend::bool_zval(true)],
    );
    Ok(())
}

/// The pipe's other end drained or closed: let it read again / tell it.
pub(super) fn resume_pipe_source(obj: &mut ZendObject) {
    let Some(mut other) = state(obj).pipe_peer().map(Zval::shallow_clone) else {
        return;
    };
    let Some(o) = other.object_mut() else { return };
    match as_client(o) {
        Some(c) => c.set_paused(false),
        None => {
            zend::call_method(o, "resumeRecv", &[]);
        }
    }
}

/// This end of a pipe closed: the other end is closed too once it has written what it holds.
pub(super) fn close_pipe_peer(obj: &mut ZendObject) {
    let Some(other) = state(obj).pipe_peer().map(Zval::shallow_clone) else {
        return;
    };
    unpipe(obj);
    let bound = seconds_property(obj, "timeout")
        .ok()
        .filter(|t| !t.is_zero())
        .unwrap_or(Duration::from_secs(30));
    close_when_drained(other, Instant::now() + bound);
}

/// Closes `target` (a client, or a beyod `Connection`) once it has written everything it
/// holds — its `onClose` then means its peer has it all — or at `until`; until then checked
/// every 20 ms from a reactor timer.
pub fn close_when_drained(mut target: Zval, until: Instant) {
    let Some(o) = target.object_mut() else { return };
    let closed = zend::call_method(o, "isClosed", &[]);
    if zend::exception_pending() || truthy(closed.as_ref()) {
        return;
    }
    let drained = if o.instance_of(base_class()) {
        let st = state(o);
        st.rare.as_ref().is_none_or(|r| r.pending.is_empty())
            && st
                .key
                .is_none_or(|k| if_rt(|rt| rt.reactor.queued_bytes(k)).unwrap_or(0) == 0)
    } else if zend::has_method(o, "bufferIsDrain") {
        let d = zend::call_method(o, "bufferIsDrain", &[]);
        zend::exception_pending() || truthy(d.as_ref())
    } else {
        true
    };
    if drained || Instant::now() >= until {
        zend::call_method(o, "close", &[]);
        return;
    }
    let again = target.shallow_clone();
    let _ = with_rt(|rt| {
        let id = rt.reactor.add_timer(Duration::from_millis(20));
        rt.timers.insert(
            id,
            TimerAction::CloseWhenDrained {
                target: again,
                until,
            },
        );
    });
}
