//! connect(): what happens to the connection the client already has, the properties read
//! into a `ConnectSpec`, `onBeforeConnect`, then the reactor starting the connection with
//! the bytes sent before it.

use super::*;

pub(super) fn connect(obj: &mut ZendObject, renew: bool) -> PhpResult<()> {
    if !leave_current(obj, renew) || zend::exception_pending() {
        return Ok(());
    }
    cancel_reconnect(obj);
    let Some((spec, client_options, max_send)) = read_spec(obj)? else {
        return Ok(());
    };
    if !state(obj)
        .rare
        .as_ref()
        .is_some_and(|r| r.reconnect.managed)
    {
        // init() ran before the final config (Yii's container): set reconnection up now.
        keepalive(obj);
    }
    let st = state(obj);
    st.scheme = spec.target.scheme_index() + 1;
    st.status = Status::Connecting;
    st.started = true;
    st.max_send = max_send;
    st.recv.clear();
    fire(obj, "onBeforeConnect", EventClass::Io, &[]);
    let st = state(obj);
    if zend::exception_pending() || st.status != Status::Connecting || st.key.is_some() {
        // A handler threw, closed or reconnected the client itself.
        if zend::exception_pending() && st.key.is_none() {
            st.status = Status::Closed;
        }
        return Ok(());
    }
    let custom = (!client_options.reconnects_by_default()).then_some(client_options);
    if custom.is_some() || st.rare.is_some() {
        st.rare().client_options = custom;
    }
    start(obj, spec)
}

/// Whether connect() goes on: a connection established or in progress is kept unless
/// `$renew`; renewing closes an established one (onClose by 0) and abandons an attempt
/// still in progress silently.
fn leave_current(obj: &mut ZendObject, renew: bool) -> bool {
    let st = state(obj);
    match (st.status, st.key) {
        (Status::Established | Status::Connecting, Some(_)) if !renew => return false,
        (Status::Established, Some(_)) => close(obj),
        (_, Some(key)) => {
            st.key = None;
            st.status = Status::Closed;
            let _ = with_rt(|rt| rt.reactor.close(key, Duration::ZERO));
            drop(release(key));
        }
        _ => {}
    }
    true
}

/// The properties a connection is made from, checked, and the parser settled (its object
/// and the framing the messages take); also the send-queue cap. `None`: the parser's
/// construction threw.
fn read_spec(obj: &mut ZendObject) -> PhpResult<Option<(ConnectSpec, ClientOptions, usize)>> {
    let target = read_target(obj)?;
    let (options, client_options) = parse_options(obj)?;
    let tls = tls_settings(obj, &target)?;
    let timeout = seconds_property(obj, "timeout")?;
    let read_size = size_property(obj, "read_buffer_size", 1, MAX_READ_BUFFER_SIZE)?;
    let max_send = size_property(obj, "max_send_buffer_size", 0, usize::MAX)?;
    resolve_parser(obj)?;
    if zend::exception_pending() {
        return Ok(None);
    }
    decide_framing(obj)?;
    let spec = ConnectSpec {
        target,
        options,
        timeout: (!timeout.is_zero()).then_some(timeout),
        read_buffer_size: read_size,
        tls,
        idle_timeout: client_options.idle_timeout,
        attempt_delay: client_options.attempt_delay,
        pinned: client_options.pinned.clone(),
        proxy: client_options.proxy.clone(),
    };
    Ok(Some((spec, client_options, max_send)))
}

/// Hands the connection to the reactor (joining `Yii::$app->eventLooper` first), with what
/// send() queued before it.
fn start(obj: &mut ZendObject, spec: ConnectSpec) -> PhpResult<()> {
    if module_info::ini_flag(module_info::JOIN_EVENT_LOOPER) {
        crate::php::host_loop::join_application_looper()?;
    }
    if zend::exception_pending() {
        state(obj).status = Status::Closed;
        return Ok(());
    }
    let this = zend::object_zval(obj);
    let st = state(obj);
    let pending = st
        .rare
        .as_mut()
        .map(|r| r.pending.take())
        .unwrap_or_default();
    let paused = st.paused;
    let key = with_rt(|rt| {
        let key = rt.reactor.connect(spec);
        rt.clients.insert(key, this);
        for chunk in pending {
            rt.reactor.send(key, chunk, usize::MAX);
        }
        if paused {
            rt.reactor.set_paused(key, true);
        }
        key
    })?;
    state(obj).key = Some(key);
    Ok(())
}
