//! Working offline, the page's side. The service worker (`public/sw.js`) keeps the app's code
//! and the pages of bookings last loaded; offline it serves such a page with its saved-copy
//! notice shown. Here: registering the worker, the notice (hidden again once the app shows
//! another page, and the page loaded afresh when the connection is back), and telling the
//! worker to forget what it kept when a page finds nobody signed in.

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

    /// A page that finds nobody signed in (signed out in another tab, the session ended or
    /// was revoked) has the worker forget the pages it kept.
    pub fn forget_kept_pages_when_signed_out(user: CurrentUser) {
        Effect::new(move |_| {
            if matches!(user.0.get(), Some(Ok(None)))
                && let Some(worker) = workers().and_then(|w| w.controller())
            {
                let _ = worker.post_message(&"signed-out".into());
            }
        });
    }

    fn notice() -> Option<web_sys::Element> {
        document().get_element_by_id("offline-copy")
    }

    /// The notice speaks of the page the worker served: another page the app shows is not
    /// that copy. When the connection is back, the copy is replaced by the page as it is now.
    pub fn follow_notice() {
        let location = leptos_router::hooks::use_location();
        Effect::new(move |ran: Option<()>| {
            location.pathname.track();
            if ran.is_some()
                && let Some(notice) = notice()
            {
                let _ = notice.set_attribute("hidden", "");
            }
        });
        let online = window_event_listener(leptos::ev::online, |_| {
            if notice().is_some_and(|n| !n.has_attribute("hidden")) {
                let _ = window().location().reload();
            }
        });
        on_cleanup(move || online.remove());
    }
}
