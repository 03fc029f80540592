//! `/offline`: what the service worker (`public/sw.js`) shows for a page it has not kept when
//! there is no network. It keeps this page, in the visitor's language, as it is installed and
//! again at each sign-in and sign-out.

use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn OfflinePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="offline">
            <h1>{i18n.tr("offline-heading")}</h1>
            <p>{i18n.tr("offline-body")}</p>
            <ul>
                <li><a href="/reservations">{i18n.tr("nav-my-bookings")}</a></li>
                <li><a href="/">{i18n.tr("nav-home")}</a></li>
            </ul>
        </section>
    }
}
