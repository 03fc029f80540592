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
