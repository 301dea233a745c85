//! Yii-compatible event handlers: `on/off/trigger/hasEventHandlers` with `$data`, `$append`,
//! wildcard names and `$event->handled`, behaving as `yii\base\Component` does. Handlers are
//! kept in Rust and reported to PHP's cycle collector (see class_setup::HoldsPhpValues).

use std::mem::ManuallyDrop;

use ext_php_rs::types::Zval;

use super::class_setup::gc_ref;
use super::zend::{self, prepare_closure, Prepared};

/// One `on()`: the event name (the caller's PHP string, shared: an interned name costs
/// nothing), the callable and its `$data`.
struct Entry {
    name: Zval,
    callable: Zval,
    data: Zval,
}

impl Entry {
    fn is(&self, name: &str) -> bool {
        zend::is_string_of(&self.name, name.as_bytes())
    }
}

/// The handlers of exact names and of wildcard patterns, each a flat list kept grouped by
/// name in the order names were first used (as Yii's arrays keep their keys: the order
/// wildcard patterns are matched in), a name's handlers in calling order. An idle client with
/// two handlers holds one allocation of 96 bytes; the lists grow one entry at a time while
/// short.
#[derive(Default)]
pub struct Handlers {
    exact: Vec<Entry>,
    /// Boxed: most clients have none, and this struct is inline in every PHP object.
    #[allow(clippy::box_collection)]
    wildcards: Option<Box<Vec<Entry>>>,
    /// What `for_event("onMessage")` returned, kept until `on()`/`off()` change the lists:
    /// the per-message dispatch then costs one reference count, not a new vector.
    message: Option<HandlerList>,
}

/// A snapshot of the handlers one trigger calls: (callable, data, the callable resolved once
/// when it is a Closure and the list is kept between messages).
pub type HandlerList = std::rc::Rc<Vec<(Zval, Zval, Option<Prepared>)>>;

/// The event dispatched once per message (its handler list is cached).
const MESSAGE_EVENT: &str = "onMessage";

/// Room for one more entry: exactly one while the vector is short, else as `push` grows.
fn room_for_one<T>(v: &mut Vec<T>) {
    if v.len() == v.capacity() && v.len() < 4 {
        v.reserve_exact(1);
    }
}

/// Yii's `off($name, $handler)` on one name's handlers: those identical (`===`) to `handler`
/// taken out (into `out`). True when something was.
fn remove_identical(list: &mut Vec<Entry>, name: &str, handler: &Zval, out: &mut Released) -> bool {
    let before = out.entries.len();
    out.entries
        .extend(list.extract_if(.., |e| e.is(name) && e.callable.is_identical(handler)));
    out.entries.len() != before
}

/// What `on()`/`off()` let go of: handlers taken out and the cached list they invalidated.
/// The caller drops it once nothing borrows the client's state any more: dropping a PHP value
/// may run a destructor (or the cycle collector), which may call back into the same client.
#[must_use = "dropped by the caller once the client's state is no longer borrowed"]
#[derive(Default)]
pub struct Released {
    entries: Vec<Entry>,
    #[allow(dead_code)] // only held, to be dropped when the caller drops this
    list: Option<HandlerList>,
}

impl Handlers {
    /// `name_zval` is `name` as the caller's PHP string.
    pub fn on(
        &mut self,
        name_zval: &Zval,
        name: &str,
        callable: Zval,
        data: Zval,
        append: bool,
    ) -> Released {
        let released = Released {
            entries: Vec::new(),
            list: self.message.take(),
        };
        let list = if name.contains('*') {
            self.wildcards.get_or_insert_with(Box::default)
        } else {
            &mut self.exact
        };
        // Behind the name's last handler (or before its first), else a new name at the end.
        let at = if append {
            list.iter().rposition(|e| e.is(name)).map(|i| i + 1)
        } else {
            list.iter().position(|e| e.is(name))
        };
        room_for_one(list);
        let entry = Entry {
            name: name_zval.shallow_clone(),
            callable,
            data,
        };
        match at {
            Some(i) => list.insert(i, entry),
            None => list.push(entry),
        }
        released
    }

    /// Yii's `off()`: all handlers of `name` when `handler` is null, else those identical
    /// (`===`) to it. True when something was removed; what was is handed back in
    /// [`Released`] (nothing is dropped while the lists are being changed).
    pub fn off(&mut self, name: &str, handler: Option<&Zval>) -> (bool, Released) {
        let mut out = Released {
            entries: Vec::new(),
            list: self.message.take(),
        };
        let has = |list: &Vec<Entry>| list.iter().any(|e| e.is(name));
        if !has(&self.exact) && !self.wildcards().iter().any(|e| e.is(name)) {
            return (false, out);
        }
        let Some(handler) = handler else {
            out.entries
                .extend(self.exact.extract_if(.., |e| e.is(name)));
            if let Some(w) = &mut self.wildcards {
                out.entries.extend(w.extract_if(.., |e| e.is(name)));
            }
            return (true, out);
        };
        let removed = remove_identical(&mut self.exact, name, handler, &mut out)
            || self
                .wildcards
                .as_mut()
                .is_some_and(|w| remove_identical(w, name, handler, &mut out));
        (removed, out)
    }

    fn wildcards(&self) -> &[Entry] {
        self.wildcards.as_deref().map_or(&[], Vec::as_slice)
    }

    pub fn has(&self, name: &str) -> bool {
        self.exact.iter().any(|e| e.is(name))
            || self.wildcards().iter().any(|e| {
                e.name
                    .str()
                    .is_some_and(|pattern| matches_wildcard(pattern, name))
            })
    }

    /// The handlers `trigger($name)` calls, in Yii's order: wildcard matches first, then the
    /// exact name. Returned as new references, so handlers may change the lists meanwhile.
    pub fn for_event(&mut self, name: &str) -> HandlerList {
        if name != MESSAGE_EVENT {
            return std::rc::Rc::new(self.collect(name));
        }
        if let Some(l) = &self.message {
            return l.clone();
        }
        let mut list = self.collect(name);
        for (callable, _, prepared) in list.iter_mut() {
            *prepared = prepare_closure(callable);
        }
        let l = std::rc::Rc::new(list);
        self.message = Some(l.clone());
        l
    }

    fn collect(&self, name: &str) -> Vec<(Zval, Zval, Option<Prepared>)> {
        let take = |e: &Entry| (e.callable.shallow_clone(), e.data.shallow_clone(), None);
        // Grouped by pattern in first-use order: a matching pattern's handlers come together,
        // as Yii's foreach over `$_eventWildcards` calls them.
        let mut out: Vec<_> = self
            .wildcards()
            .iter()
            .filter(|e| e.name.str().is_some_and(|p| matches_wildcard(p, name)))
            .map(take)
            .collect();
        out.extend(self.exact.iter().filter(|e| e.is(name)).map(take));
        out
    }

    pub fn php_values(&self, out: &mut Vec<ManuallyDrop<Zval>>) {
        for e in self.exact.iter().chain(self.wildcards()) {
            out.push(gc_ref(&e.callable));
            out.push(gc_ref(&e.data));
        }
        // The cached list holds references of its own (one per entry, whoever else holds
        // the list meanwhile: a dispatch in progress keeps the engine from collecting).
        if let Some(l) = &self.message {
            if std::rc::Rc::strong_count(l) == 1 {
                for (c, d, _) in l.iter() {
                    out.push(gc_ref(c));
                    out.push(gc_ref(d));
                }
            }
        }
    }
}

/// Yii's `StringHelper::matchWildcard` with its defaults: `*` any run (including `/`), `?`
/// one character, `[abc]`/`[a-z]`/`[!abc]` a class, `\` escapes; case-sensitive.
pub fn matches_wildcard(pattern: &str, s: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let s: Vec<char> = s.chars().collect();
    glob(&p, &s)
}

fn glob(p: &[char], s: &[char]) -> bool {
    let Some(&c) = p.first() else {
        return s.is_empty();
    };
    match c {
        '*' => (0..=s.len()).any(|i| glob(&p[1..], &s[i..])),
        '?' => !s.is_empty() && glob(&p[1..], &s[1..]),
        '[' => {
            let Some(close) = p.iter().skip(2).position(|&x| x == ']').map(|i| i + 2) else {
                return s.first() == Some(&'[') && glob(&p[1..], &s[1..]);
            };
            let Some(&ch) = s.first() else { return false };
            let mut set = &p[1..close];
            let negate = matches!(set.first(), Some('!') | Some('^'));
            if negate {
                set = &set[1..];
            }
            let mut hit = false;
            let mut i = 0;
            while i < set.len() {
                if i + 2 < set.len() && set[i + 1] == '-' {
                    hit |= set[i] <= ch && ch <= set[i + 2];
                    i += 3;
                } else {
                    hit |= set[i] == ch;
                    i += 1;
                }
            }
            hit != negate && glob(&p[close + 1..], &s[1..])
        }
        '\\' if p.len() > 1 => s.first() == Some(&p[1]) && glob(&p[2..], &s[1..]),
        _ => s.first() == Some(&c) && glob(&p[1..], &s[1..]),
    }
}
