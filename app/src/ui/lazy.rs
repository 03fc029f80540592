//! Code the browser fetches after the first load (the page groups, the booking dialog, the
//! command palette), and what a person sees when it cannot be fetched: they are offline, or a
//! new version was installed since the page was loaded and the old pieces are gone. A failed
//! fetch is an error the page shows, not a crash of the whole app.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::use_i18n;

/// The code of a lazy piece could not be fetched. (Only the browser fetches code.)
#[derive(Clone, Copy, Debug)]
pub struct NotLoaded;

#[cfg(feature = "hydrate")]
impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// `lazy_view!(fn name(arg: Type, …) { view } preload preload_name)` declares
/// `async fn name(arg: Type, …) -> Result<AnyView, NotLoaded>`. In the browser its code is a
/// chunk of its own, split off by `scripts/build-site.sh`, and fetched on the first call (or
/// by `preload_name().await`, browser only, which gives `Result<(), SplitLoaderError>`); the
/// server runs it at once and names its chunks in the page, for the browser to fetch early.
macro_rules! lazy_view {
    ($(#[$meta:meta])* fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block preload $preload:ident) => {
        $(#[$meta])*
        #[cfg(feature = "hydrate")]
        #[::leptos::wasm_split::wasm_split(
            $name,
            wasm_split_path = ::leptos::wasm_split,
            preload(#[allow(non_snake_case)] $preload),
            fallible
        )]
        fn $name($($arg: $ty),*) -> Result<::leptos::prelude::AnyView, $crate::ui::lazy::NotLoaded> {
            Ok($body)
        }

        $(#[$meta])*
        #[cfg(not(feature = "hydrate"))]
        async fn $name($($arg: $ty),*) -> Result<::leptos::prelude::AnyView, $crate::ui::lazy::NotLoaded> {
            ::leptos::prefetch_lazy_fn_on_server(stringify!($name));
            Ok($body)
        }
    };
}
pub(crate) use lazy_view;

/// A page's code could not be fetched ahead of showing it. While the browser is still taking
/// over the page the server sent, that would leave nothing to match the page with (and stop
/// the app), so the page is loaded afresh instead, once; otherwise the page says what went
/// wrong when it is shown ([`PageNotLoaded`]).
#[cfg(feature = "hydrate")]
pub fn preload_failed() {
    if !hydrated() {
        reload_once();
    }
}

/// Where the address of a page loaded afresh because its code could not be fetched is kept
/// for the tab's session, so it is not loaded again and again.
#[cfg(feature = "hydrate")]
const RELOADED: &str = "reserver-reloaded";

/// The browser has taken over the page (see `ui::mark_hydrated`).
#[cfg(feature = "hydrate")]
fn hydrated() -> bool {
    document()
        .body()
        .is_some_and(|body| body.has_attribute("data-hydrated"))
}

/// Loads the page afresh unless that was just done for it.
#[cfg(feature = "hydrate")]
fn reload_once() {
    let window = window();
    let (Ok(Some(storage)), Ok(here)) = (window.session_storage(), window.location().href()) else {
        return;
    };
    if storage.get_item(RELOADED).ok().flatten().as_deref() == Some(here.as_str()) {
        let _ = storage.remove_item(RELOADED);
    } else if storage.set_item(RELOADED, &here).is_ok() {
        let _ = window.location().reload();
    }
}

/// The page came up: a later failure may load it afresh again.
#[cfg(feature = "hydrate")]
pub fn forget_reload() {
    if let Ok(Some(storage)) = window().session_storage() {
        let _ = storage.remove_item(RELOADED);
    }
}

/// In place of a page whose code could not be fetched: what happened, and a link that loads
/// the page afresh (from the server, which fixes it once the connection is back and after an
/// upgrade alike).
#[component]
pub fn PageNotLoaded() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let here = move || {
        let search = location.search.get();
        let path = location.pathname.get();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    };
    view! {
        <h1>{i18n.tr("not-loaded-heading")}</h1>
        <p class="error" role="alert">{i18n.tr("not-loaded-page")}</p>
        <p><a href=here rel="external">{i18n.tr("not-loaded-reload")}</a></p>
    }
}
