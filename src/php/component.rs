//! Yii-compatible event handlers: `on/off/trigger/hasEventHandlers` with `$data`, `$append`,
//! wildcard names and `$event->handled`, behaving as `yii\base\Component` does. Handlers are
//! kept in Rust and reported to PHP's cycle collector (see class_setup::HoldsPhpValues).

use std::mem::ManuallyDrop;

use ext_php_rs::types::Zval;

use super::class_setup::gc_ref;
use super::zend::{prepare_closure, Prepared};

pub struct Handler {
    pub callable: Zval,
    pub data: Zval,
}

/// Handlers by event name, in the order names were first used (as PHP arrays keep them).
/// The lists grow one entry at a time while short (a client has a few events with a handler
/// or two each: an idle connection should not carry room for four of each).
#[derive(Default)]
pub struct Handlers {
    exact: Vec<(Box<str>, Vec<Handler>)>,
    wildcards: Vec<(Box<str>, Vec<Handler>)>,
    /// What `for_event("onMessage")` returned, kept until `on()`/`off()` change the lists:
    /// the per-message dispatch then costs one reference count, not a new vector.
    message: Option<HandlerList>,
}

/// A snapshot of the handlers one trigger calls: (callable, data, the callable resolved once
/// when it is a Closure and the list is kept between messages).
pub type HandlerList = std::rc::Rc<Vec<(Zval, Zval, Option<Prepared>)>>;

/// The event dispatched once per message (its handler list is cached).
const MESSAGE_EVENT: &str = "onMessage";

type Lists = Vec<(Box<str>, Vec<Handler>)>;

fn list<'a>(lists: &'a mut Lists, name: &str) -> &'a mut Vec<Handler> {
    let i = match lists.iter().position(|(n, _)| &**n == name) {
        Some(i) => i,
        None => {
            room_for_one(lists);
            lists.push((name.into(), Vec::new()));
            lists.len() - 1
        }
    };
    &mut lists[i].1
}

/// Room for one more entry: exactly one while the vector is short, else as `push` grows.
fn room_for_one<T>(v: &mut Vec<T>) {
    if v.len() == v.capacity() && v.len() < 4 {
        v.reserve_exact(1);
    }
}

impl Handlers {
    pub fn on(&mut self, name: &str, callable: Zval, data: Zval, append: bool) {
        self.message = None;
        let lists = if name.contains('*') {
            &mut self.wildcards
        } else {
            &mut self.exact
        };
        let l = list(lists, name);
        let h = Handler { callable, data };
        room_for_one(l);
        if append {
            l.push(h);
        } else {
            l.insert(0, h);
        }
    }

    /// Yii's `off()`: all handlers of `name` when `handler` is null, else those identical
    /// (`===`) to it. True when something was removed.
    pub fn off(&mut self, name: &str, handler: Option<&Zval>) -> bool {
        self.message = None;
        let has = |lists: &Lists| lists.iter().any(|(n, l)| &**n == name && !l.is_empty());
        if !has(&self.exact) && !has(&self.wildcards) {
            return false;
        }
        let Some(handler) = handler else {
            self.exact.retain(|(n, _)| &**n != name);
            self.wildcards.retain(|(n, _)| &**n != name);
            return true;
        };
        let mut removed = false;
        for (n, l) in self.exact.iter_mut() {
            if &**n == name {
                let before = l.len();
                l.retain(|h| !h.callable.is_identical(handler));
                removed |= l.len() != before;
            }
        }
        if removed {
            return true;
        }
        for (n, l) in self.wildcards.iter_mut() {
            if &**n == name {
                let before = l.len();
                l.retain(|h| !h.callable.is_identical(handler));
                removed |= l.len() != before;
            }
        }
        self.wildcards.retain(|(_, l)| !l.is_empty());
        removed
    }

    pub fn has(&self, name: &str) -> bool {
        self.exact
            .iter()
            .any(|(n, l)| &**n == name && !l.is_empty())
            || self
                .wildcards
                .iter()
                .any(|(p, l)| !l.is_empty() && matches_wildcard(p, name))
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
        let mut out = Vec::new();
        for (p, l) in &self.wildcards {
            if matches_wildcard(p, name) {
                out.extend(
                    l.iter()
                        .map(|h| (h.callable.shallow_clone(), h.data.shallow_clone(), None)),
                );
            }
        }
        for (n, l) in &self.exact {
            if &**n == name {
                out.extend(
                    l.iter()
                        .map(|h| (h.callable.shallow_clone(), h.data.shallow_clone(), None)),
                );
            }
        }
        out
    }

    pub fn php_values(&self, out: &mut Vec<ManuallyDrop<Zval>>) {
        for (_, l) in self.exact.iter().chain(self.wildcards.iter()) {
            for h in l {
                out.push(gc_ref(&h.callable));
                out.push(gc_ref(&h.data));
            }
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
