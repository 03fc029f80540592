//! Working offline, the page's side. The service worker (`public/sw.js`) keeps the app's code
//! and the pages of bookings last shown; offline it serves such a page with its saved-copy
//! notice shown. Here: registering the worker, the notice (hidden again once the app shows
//! another page, and the page loaded afresh when the connection is back), naming to the worker
//! each page the app shows by itself, and telling it to forget what it kept when a page finds
//! nobody signed in where someone was.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Rendered hidden on every page; `public/sw.js` un-hides it (by its id) on a kept copy.
#[component]
pub fn SavedCopyNotice() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "hydrate")]
    browser::follow_notice();
    view! {
        <p id="offline-copy" class="offline-copy" role="status" hidden=true>
            {i18n.tr("offline-saved-copy")}
        </p>
    }
}

#[cfg(feature = "hydrate")]
pub use browser::{forget_kept_pages_when_signed_out, register_service_worker};

/// On the server nothing is kept.
#[cfg(not(feature = "hydrate"))]
pub fn forget_kept_pages_when_signed_out(_: crate::ui::session::CurrentUser) {}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::Cell;
    use std::rc::Rc;

    use leptos::prelude::*;
    use wasm_bindgen::JsValue;
    use wasm_bindgen::closure::Closure;
    use web_sys::ServiceWorkerContainer;

    use crate::ui::session::CurrentUser;

    /// The browser's service workers, if it has them (not outside HTTPS and `localhost`, nor
    /// in some private windows).
    fn workers() -> Option<ServiceWorkerContainer> {
        let navigator = window().navigator();
        web_sys::js_sys::Reflect::has(&navigator, &"serviceWorker".into())
            .unwrap_or(false)
            .then(|| navigator.service_worker())
    }

    /// Lets `public/sw.js` take charge of the app's pages. Refused (an old browser, a
    /// blocked script), the app runs as before.
    pub fn register_service_worker() {
        if let Some(workers) = workers() {
            let refused = Closure::<dyn FnMut(JsValue)>::new(|_| {});
            let _ = workers.register("/sw.js").catch(&refused);
            refused.forget();
        }
    }

    /// Set (in `localStorage`) while the worker keeps pages seen with someone signed in.
    const SIGNED_IN: &str = "reserver-signed-in";

    /// A page that finds nobody signed in where someone was (signed out in another tab, the
    /// session ended or was revoked) has the worker forget the pages it kept; once. Without
    /// a worker in charge nothing is kept, and nothing is noted.
    pub fn forget_kept_pages_when_signed_out(user: CurrentUser) {
        Effect::new(move |_| {
            let Some(Ok(signed_in)) = user.0.get().map(|user| user.map(|u| u.is_some())) else {
                return;
            };
            let (Some(worker), Some(storage)) = (
                workers().and_then(|w| w.controller()),
                window().local_storage().ok().flatten(),
            ) else {
                return;
            };
            if signed_in {
                let _ = storage.set_item(SIGNED_IN, "1");
            } else if storage.get_item(SIGNED_IN).ok().flatten().is_some() {
                let _ = storage.remove_item(SIGNED_IN);
                let _ = worker.post_message(&"signed-out".into());
            }
        });
    }

    fn notice() -> Option<web_sys::Element> {
        document().get_element_by_id("offline-copy")
    }

    /// The notice speaks of the page the worker served: another page the app shows is not
    /// that copy. When the connection is back, the copy is replaced by the page as it is now
    /// ([`BackOnline::ask`]).
    /// A page the app shows by itself (a link followed inside it) is named to the worker,
    /// which keeps it as it keeps a page loaded in full.
    pub fn follow_notice() {
        let location = leptos_router::hooks::use_location();
        Effect::new(move |ran: Option<()>| {
            let (path, search) = (location.pathname.get(), location.search.get());
            if ran.is_none() {
                return;
            }
            if let Some(notice) = notice() {
                let _ = notice.set_attribute("hidden", "");
            }
            if let Some(worker) = workers().and_then(|w| w.controller()) {
                let query = if search.is_empty() { "" } else { "?" };
                let _ = worker.post_message(&format!("shown:{path}{query}{search}").into());
            }
        });
        // Chromium may say "online" to a page as it is being left for another (right after
        // `beforeunload`), and a reload then would win over the page asked for.
        let back = BackOnline::default();
        let listeners = [
            window_event_listener(leptos::ev::beforeunload, {
                let back = back.clone();
                move |_| back.left_at.set(Some(web_sys::js_sys::Date::now()))
            }),
            window_event_listener(leptos::ev::online, move |_| back.clone().ask()),
        ];
        on_cleanup(move || listeners.into_iter().for_each(|l| l.remove()));
    }

    /// What a saved copy keeps track of while the connection comes back.
    #[derive(Clone, Default)]
    struct BackOnline {
        /// When the page was last about to be left (`beforeunload`), in ms since the epoch.
        left_at: Rc<Cell<Option<f64>>>,
        /// Whether the server is being asked already.
        asking: Rc<Cell<bool>>,
    }

    impl BackOnline {
        /// How long after `beforeunload` a page counts as being left (a download or a
        /// `mailto:` link fires it without leaving).
        const LEAVING_MS: f64 = 5_000.0;

        /// Whether this page is still the saved copy, and not being left.
        fn still_saved_copy(&self) -> bool {
            let leaving = self
                .left_at
                .get()
                .is_some_and(|at| web_sys::js_sys::Date::now() - at < Self::LEAVING_MS);
            !leaving && notice().is_some_and(|n| !n.has_attribute("hidden"))
        }

        /// The browser says the network is back: once the server answers, the saved copy is
        /// replaced by the page as it is now. The network may be back before the server can
        /// be reached, so it is asked again after 1, 2, 4, 8 and 16 seconds; a reload before
        /// then would only bring the saved copy back.
        fn ask(self) {
            if !self.asking.replace(true) {
                self.ask_after(1);
            }
        }

        fn ask_after(self, wait: u64) {
            if !self.still_saved_copy() {
                self.asking.set(false);
                return;
            }
            leptos::task::spawn_local(async move {
                let answered = gloo_net::http::Request::get("/ready")
                    .send()
                    .await
                    .is_ok_and(|response| response.ok());
                if answered && self.still_saved_copy() {
                    let _ = window().location().reload();
                } else if !answered && wait <= 16 {
                    set_timeout(
                        move || self.ask_after(wait * 2),
                        std::time::Duration::from_secs(wait),
                    );
                    return;
                }
                self.asking.set(false);
            });
        }
    }
}
