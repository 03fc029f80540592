//! Live updates in the browser: while a page that shows bookings is open it listens on `/ws`
//! (signed in by its session cookie) and reads its data again when a change it shows arrives,
//! so a booking made or cancelled elsewhere appears without a reload. A dropped connection is
//! made again after 1, 2, 4… (at most 60) seconds, and the page read again once it is back; one
//! closed because the sign-in ended is not. A change made after the page read its data but
//! before its first connection opened is caught up on too: the connection asks the server
//! (`?catch_up_ms=`) whether any was made since, and if so the page is read again.
//! `<body data-live="open">` says the page is listening (browser tests wait for it).

/// What a live message is about: its type and the resource it concerns, if any.
pub struct Change<'a> {
    pub kind: &'a str,
    pub resource_id: Option<i64>,
}

#[cfg(feature = "hydrate")]
type Concerns = std::rc::Rc<dyn Fn(&Change) -> bool>;
#[cfg(feature = "hydrate")]
type Changed = std::rc::Rc<dyn Fn()>;

/// Calls `changed` when a message arrives that `concerns` says the page shows (several in
/// quick succession make one call), and after reconnecting, until the calling component is
/// unmounted. Only a signed-in visitor listens: the server refuses anyone else.
#[cfg(feature = "hydrate")]
pub fn follow(concerns: impl Fn(&Change) -> bool + 'static, changed: impl Fn() + 'static) {
    use leptos::prelude::{Effect, Get, StoredValue, UpdateValue, on_cleanup, use_context};
    use std::rc::Rc;
    let link = StoredValue::new_local(browser::Link::since_read());
    let (concerns, changed): (Concerns, Changed) = (Rc::new(concerns), Rc::new(changed));
    let user = use_context::<crate::ui::session::CurrentUser>();
    // Opens once, as soon as the visitor is known to be signed in.
    Effect::new(move |opened: Option<bool>| {
        if opened == Some(true) {
            return true;
        }
        let signed_in = user.is_some_and(|user| matches!(user.0.get(), Some(Ok(Some(_)))));
        if signed_in {
            browser::open(link, concerns.clone(), changed.clone());
        }
        signed_in
    });
    on_cleanup(move || {
        link.try_update_value(browser::Link::stop);
    });
}

/// On the server there is nothing to follow.
#[cfg(not(feature = "hydrate"))]
pub fn follow(_: impl Fn(&Change) -> bool + 'static, _: impl Fn() + 'static) {}

#[cfg(feature = "hydrate")]
mod browser {
    use std::time::Duration;

    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{CloseEvent, MessageEvent, WebSocket};

    use super::{Change, Changed, Concerns};

    /// Several changes within this time make one reading of the page.
    const SETTLE: Duration = Duration::from_millis(500);
    const MAX_RETRY: Duration = Duration::from_secs(60);

    /// The server closes with this code once the sign-in has ended: no point retrying.
    const SIGNED_OUT: u16 = 1008;

    /// The open connection and its handlers (kept alive here, dropped with it).
    #[derive(Default)]
    pub struct Link {
        socket: Option<WebSocket>,
        on_message: Option<Closure<dyn FnMut(MessageEvent)>>,
        on_open: Option<Closure<dyn FnMut()>>,
        on_close: Option<Closure<dyn FnMut(CloseEvent)>>,
        /// Failed or dropped connections since the last one that opened.
        retries: u32,
        settling: Option<TimeoutHandle>,
        stopped: bool,
        /// When (`performance.now()`) the page may have read what it shows, at the earliest.
        read_at: f64,
    }

    thread_local! {
        /// Whether a page of this document has followed already.
        static FOLLOWED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    /// Milliseconds since the document's navigation began.
    fn now() -> f64 {
        window().performance().map_or(0.0, |p| p.now())
    }

    impl Link {
        /// A link for a page that reads its data from now on. The first page of a document
        /// that listens is taken to have been read when the navigation began: so it was, if the
        /// server rendered it; if the visitor came from a page that does not listen, the wider
        /// window costs at most one extra reading.
        pub fn since_read() -> Self {
            let first = !FOLLOWED.with(|followed| followed.replace(true));
            Link {
                read_at: if first { 0.0 } else { now() },
                ..Link::default()
            }
        }

        pub fn stop(&mut self) {
            self.stopped = true;
            if let Some(pending) = self.settling.take() {
                pending.clear();
            }
            if let Some(socket) = self.socket.take() {
                socket.set_onclose(None);
                socket.set_onmessage(None);
                let _ = socket.close();
            }
            mark(false);
        }
    }

    /// Flags `<body data-live="open">` while a connection is open.
    fn mark(open: bool) {
        if let Some(body) = document().body() {
            let _ = if open {
                body.set_attribute("data-live", "open")
            } else {
                body.remove_attribute("data-live")
            };
        }
    }

    /// Added to the time since the page was read when catching up: the request's way to the
    /// server, a change's transaction (stamped when its message is written, before it
    /// commits) and clocks that differ between server processes. Too much costs at most one
    /// extra reading of the page.
    const CATCH_UP_MARGIN_MS: f64 = 10_000.0;

    /// The connection's address; the first asks to catch up on what changed since the page
    /// was read (later ones read the page again anyway).
    fn address(link: StoredValue<Link, LocalStorage>) -> Option<String> {
        let location = window().location();
        let scheme = if location.protocol().ok()? == "https:" {
            "wss"
        } else {
            "ws"
        };
        let catch_up = link
            .try_with_value(|l| (l.retries == 0).then_some(l.read_at))
            .flatten()
            .map(|read_at| {
                let ms = (now() - read_at + CATCH_UP_MARGIN_MS).max(0.0).ceil() as u64;
                format!("?catch_up_ms={ms}")
            })
            .unwrap_or_default();
        Some(format!("{scheme}://{}/ws{catch_up}", location.host().ok()?))
    }

    /// Whether the page that follows is still there.
    fn running(link: StoredValue<Link, LocalStorage>) -> bool {
        link.try_with_value(|l| !l.stopped).unwrap_or(false)
    }

    /// Reads the page again once changes have settled.
    fn soon(link: StoredValue<Link, LocalStorage>, changed: &Changed) {
        if link
            .try_with_value(|l| l.settling.is_some() || l.stopped)
            .unwrap_or(true)
        {
            return;
        }
        let changed = changed.clone();
        let handle = set_timeout_with_handle(
            move || {
                if link.try_update_value(|l| l.settling = None).is_some() {
                    changed();
                }
            },
            SETTLE,
        );
        link.try_update_value(|l| l.settling = handle.ok());
    }

    pub fn open(link: StoredValue<Link, LocalStorage>, concerns: Concerns, changed: Changed) {
        let Some(socket) = address(link).and_then(|url| WebSocket::new(&url).ok()) else {
            return;
        };
        let on_message = {
            let (concerns, changed) = (concerns.clone(), changed.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let Some(text) = event.data().as_string() else {
                    return;
                };
                let Ok(message) = serde_json::from_str::<serde_json::Value>(&text) else {
                    return;
                };
                let kind = message["type"].as_str().unwrap_or_default();
                let data = &message["data"];
                let resource_id = data["resource_id"].as_i64().or_else(|| {
                    (kind == "resource_status_changed")
                        .then(|| data["id"].as_i64())
                        .flatten()
                });
                if kind == "resync" || concerns(&Change { kind, resource_id }) {
                    soon(link, &changed);
                }
            })
        };
        let on_open = {
            let changed = changed.clone();
            Closure::<dyn FnMut()>::new(move || {
                mark(true);
                // Whatever changed while disconnected was not heard of: read it again.
                let before = link.try_update_value(|l| std::mem::take(&mut l.retries));
                if before.is_some_and(|retries| retries > 0) {
                    soon(link, &changed);
                }
            })
        };
        let on_close = {
            Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
                mark(false);
                if event.code() == SIGNED_OUT {
                    link.try_update_value(|l| l.socket = None);
                    return;
                }
                let Some(retries) = link.try_update_value(|l| {
                    l.socket = None;
                    l.retries += 1;
                    l.retries - 1
                }) else {
                    return;
                };
                if !running(link) {
                    return;
                }
                let wait = Duration::from_secs(1 << retries.min(6)).min(MAX_RETRY);
                let (concerns, changed) = (concerns.clone(), changed.clone());
                set_timeout(
                    move || {
                        if running(link) {
                            open(link, concerns, changed);
                        }
                    },
                    wait,
                );
            })
        };
        socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        link.try_update_value(|l| {
            l.socket = Some(socket);
            // The closures of a connection that closed are replaced (and freed) here.
            l.on_message = Some(on_message);
            l.on_open = Some(on_open);
            l.on_close = Some(on_close);
        });
    }
}
