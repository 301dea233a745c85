//! Events going out: Yii's trigger() order (instance wildcard and exact handlers, then
//! class-level ones), event objects filled through cached property slots, and `onMessage`
//! delivery on the per-message path.

use super::*;
use crate::php::component::HandlerList;
use ext_php_rs::zend::ClassEntry;

/// The event properties trigger() and deliver() touch, by index into [`EVENT_PROPS`].
pub(super) type EventSlots = zend::Slots<5>;
const EVENT_PROPS: [&str; 5] = ["sender", "handled", "name", "data", "message"];
const SENDER: usize = 0;
const HANDLED: usize = 1;
const NAME: usize = 2;
const DATA: usize = 3;
const MESSAGE: usize = 4;

/// Tests event property `i`: in its slot when `slots` has it, else by name.
fn ev_test(
    e: &ZendObject,
    slots: Option<&EventSlots>,
    i: usize,
    f: impl FnOnce(Option<&Zval>) -> bool,
) -> bool {
    f(EventSlots::peek_in(slots, e, &EVENT_PROPS, i).as_deref())
}

/// Writes event property `i`: in its slot when `slots` has it, else by name.
fn ev_write(e: &mut ZendObject, slots: Option<&EventSlots>, i: usize, v: Zval) {
    EventSlots::write_in(slots, e, &EVENT_PROPS, i, v)
}

/// Yii's trigger: wildcard handlers, then exact ones; `sender`, `name`, `handled`, `data` set
/// on the event; a handler setting `handled` stops the rest. Returns without creating an
/// event object when nobody listens.
pub fn trigger(obj: Obj, name: &str, event: Option<Zval>, make: impl FnOnce() -> Option<Zval>) {
    trigger_with(obj, name, event, make, None)
}

fn trigger_with(
    obj: Obj,
    name: &str,
    event: Option<Zval>,
    make: impl FnOnce() -> Option<Zval>,
    slots: Option<&EventSlots>,
) {
    behaviors::ensure::<StreamClient>(obj);
    if zend::exception_pending() {
        return;
    }
    let handlers = state(obj).handlers.for_event(name);
    let yii = events::yii_event_class();
    if handlers.is_empty() && yii.is_none() {
        return;
    }
    let this = zend::object_zval(obj.zo());
    if handlers.is_empty() {
        // Yii: class-level handlers run even when the instance has none.
        let Some(class_level) = yii.and_then(|yii| ClassLevel::of(yii, name)) else {
            return;
        };
        if zend::exception_pending() || !class_level.has(&this, name) {
            return;
        }
        if let Some(mut ev) = event.or_else(make) {
            trigger_class_level(yii, &this, name, &mut ev);
        }
        return;
    }
    let Some(mut ev) = event.or_else(make) else {
        return;
    };
    let Some(e) = ev.object_mut() else { return };
    stamp(e, slots, &this, name);
    if run_handlers(&mut ev, slots, &handlers) {
        trigger_class_level(yii, &this, name, &mut ev);
    }
}

/// Yii's `trigger()` sets `sender` (unless one is set), `handled` = false and `name` on the
/// event before the first handler.
fn stamp(e: &mut ZendObject, slots: Option<&EventSlots>, this: &Zval, name: &str) {
    if ev_test(e, slots, SENDER, |s| {
        s.is_none_or(|s| zend::type_byte(s) == zend::IS_NULL)
    }) {
        ev_write(e, slots, SENDER, this.shallow_clone());
    }
    if ev_test(e, slots, HANDLED, |h| {
        h.is_none_or(|h| zend::type_byte(h) != zend::IS_FALSE)
    }) {
        ev_write(e, slots, HANDLED, zend::bool_zval(false));
    }
    // A reused event usually has this name already: no new string then.
    if ev_test(e, slots, NAME, |n| {
        n.is_none_or(|n| !zend::is_string_of(n, name.as_bytes()))
    }) {
        ev_write(e, slots, NAME, zend::str_zval(name));
    }
}

/// Calls the instance handlers in order, each with its own `data` on the event. `false` when
/// the rest of the trigger stops: a handler threw or set `handled`.
fn run_handlers(ev: &mut Zval, slots: Option<&EventSlots>, handlers: &HandlerList) -> bool {
    for (callable, data, prepared) in handlers.iter() {
        if let Some(e) = ev.object_mut() {
            let same = zend::type_byte(data) == zend::IS_NULL
                && ev_test(e, slots, DATA, |d| {
                    d.is_none_or(|d| zend::type_byte(d) == zend::IS_NULL)
                });
            if !same {
                ev_write(e, slots, DATA, data.shallow_clone());
            }
        }
        match prepared {
            Some(p) => zend::call_prepared(p, &[&*ev]),
            None => zend::call(callable, &[&*ev]),
        };
        if zend::exception_pending() {
            return false;
        }
        if ev
            .object()
            .is_some_and(|e| ev_test(e, slots, HANDLED, truthy))
        {
            return false;
        }
    }
    true
}

/// Yii's class-level handlers (`yii\base\Event::on()`), for an event object that is a Yii
/// event, after the instance's.
fn trigger_class_level(yii: Option<&ClassEntry>, this: &Zval, name: &str, ev: &mut Zval) {
    let Some(yii) = yii else { return };
    // Almost always there are none at all: that is looked at first.
    if let Some(class_level) = ClassLevel::of(yii, name) {
        if ev.object().is_some_and(|o| o.instance_of(yii)) {
            class_level.trigger(this, name, ev);
        }
    }
}

/// One decoded message: counted, then `onMessage`. The MessageEvent object is reused from one
/// message to the next when no handler kept a reference to it (the common case), so a
/// message costs one property write instead of a new object.
pub(super) fn deliver(obj: Obj, message: Zval) {
    let st = state(obj);
    st.hot().messages_in += 1;
    stats::count(|g| g.messages_in += 1);
    let spare = st
        .hot()
        .spare_message_event
        .take()
        .filter(|e| e.object().is_some_and(zend::sole_reference));
    let Some(mut ev) = spare.or_else(|| events::make(EventClass::Message, &[])) else {
        return;
    };
    let Some(e) = ev.object_mut() else { return };
    // Found once per event class (None: not plain slots, so by name).
    let slots = match state(obj).hot().event_slots {
        Some((ce, s)) if ce == e.ce as usize => s,
        _ => {
            let s = EventSlots::of(e, &EVENT_PROPS);
            state(obj).hot().event_slots = Some((e.ce as usize, s));
            s
        }
    };
    ev_write(e, slots.as_ref(), MESSAGE, message);
    trigger_with(
        obj,
        "onMessage",
        Some(ev.shallow_clone()),
        || None,
        slots.as_ref(),
    );
    // Kept only while connected: a closed client must not point at itself through it.
    if state(obj).key.is_some() && ev.object().is_some_and(zend::sole_reference) {
        let refilling = matches!(&state(obj).framing, Framing::Native(f) if f.refills_any());
        if let Some(e) = ev.object_mut() {
            // Don't keep the message alive until the next one (unless it is to be refilled
            // with the next one: nobody else can reach it, so that cannot be seen).
            if !refilling {
                ev_write(e, slots.as_ref(), MESSAGE, Zval::new());
            } else if let Some(old) =
                EventSlots::replace_in(slots.as_ref(), e, &EVENT_PROPS, MESSAGE, Zval::new())
            {
                let st = state(obj);
                let let_go = match &st.framing {
                    Framing::Native(f) if f.refills(&old) => st.hot().replies.spare.replace(old),
                    _ => Some(old),
                };
                // (with the state released: a destructor may use the client)
                drop(let_go);
            }
        }
        let previous = state(obj).hot().spare_message_event.replace(ev);
        drop(previous);
    }
}

pub(super) fn fire(obj: Obj, name: &str, kind: EventClass, fields: &[(&str, Zval)]) {
    trigger(obj, name, None, || events::make(kind, fields));
}

pub(super) fn error_fields(code: i64, errstr: &str) -> [(&'static str, Zval); 2] {
    [
        ("code", zend::long_zval(code)),
        ("errstr", zend::str_zval(errstr)),
    ]
}
