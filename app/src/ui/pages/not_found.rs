//! The page for any address the router does not know; answered with HTTP 404.

use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <section class="not-found">
            <h1>{i18n.tr("not-found-heading")}</h1>
            <p>{i18n.tr("not-found-body")}</p>
            <p>
                <a href="/">{i18n.tr("not-found-home-link")}</a>
            </p>
        </section>
    }
}
