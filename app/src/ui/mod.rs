//! What people see: the document shell, the app's routes and its pages.

mod calendar;
pub(crate) mod forms;
mod layout;
mod lazy;
mod live;
mod offline;
mod pages;
mod palette;
mod routes;
mod session;

use leptos::prelude::*;
use leptos_meta::{Html, Link, Meta, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    Lazy, SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::i18n::provide_i18n;
use layout::{Footer, Header};
use offline::SavedCopyNotice;
use pages::{NotFoundPage, OfflinePage};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = provide_i18n();
    offline::forget_kept_pages_when_signed_out(session::provide_current_user());

    view! {
        <Html {..} lang=move || i18n.locale().code() dir="ltr" />
        <Title text=i18n.tr("app-title") />
        <Meta name="description" content=i18n.tr("home-intro") />
        <Meta name="theme-color" content="#1f5f8b" />
        <Stylesheet id="leptos" href=format!("/pkg/{}.css", crate::OUTPUT_NAME) />
        // The browser fetches the page language's messages before it takes over the page.
        <Link rel="preload" href=i18n.locale().url() as_="fetch" crossorigin="anonymous" />
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Link rel="alternate icon" href="/favicon.ico" />
        <Link rel="manifest" href="/manifest.webmanifest" />
        <Router>
            <a class="skip-link" href="#main">
                {i18n.tr("skip-to-content")}
            </a>
            <Header />
            <main id="main" tabindex="-1">
                <SavedCopyNotice />
                <Routes fallback=NotFoundPage>
                    // Async: the server waits for the page's data, so the HTML is complete without scripts.
                    <Route path=path!("/") view={Lazy::<routes::Home>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/login") view={Lazy::<routes::Login>::new()} />
                    <Route path=path!("/register") view={Lazy::<routes::Register>::new()} />
                    <Route path=path!("/setup") view={Lazy::<routes::Setup>::new()} />
                    // Whole (header included) without scripts: the worker may show it without them.
                    <Route path=path!("/offline") view=OfflinePage ssr=SsrMode::Async />
                    <Route path=path!("/profile") view={Lazy::<routes::Profile>::new()} />
                    <Route path=path!("/resources") view={Lazy::<routes::Resources>::new()} />
                    <Route path=path!("/resources/:id") view={Lazy::<routes::Resource>::new()} />
                    <Route path=path!("/timeline") view={Lazy::<routes::Timeline>::new()} />
                    <Route path=path!("/reservations") view={Lazy::<routes::Reservations>::new()} />
                    <Route path=path!("/approvals") view={Lazy::<routes::Approvals>::new()} />
                    <Route path=path!("/waitlist") view={Lazy::<routes::Waitlist>::new()} />
                    <Route path=path!("/notifications") view={Lazy::<routes::Notifications>::new()} />
                    <Route path=path!("/admin/sessions") view={Lazy::<routes::AdminSessions>::new()} />
                    <Route path=path!("/admin/analytics") view={Lazy::<routes::AdminAnalytics>::new()} />
                    <Route path=path!("/admin/users") view={Lazy::<routes::AdminUsers>::new()} />
                    <Route path=path!("/admin/users/:id") view={Lazy::<routes::AdminUser>::new()} />
                    <Route path=path!("/admin/roles") view={Lazy::<routes::AdminRoles>::new()} />
                    <Route path=path!("/admin/roles/:id") view={Lazy::<routes::AdminRole>::new()} />
                    <Route path=path!("/admin/groups") view={Lazy::<routes::AdminGroups>::new()} />
                    <Route path=path!("/admin/groups/:id/rules") view={Lazy::<routes::AdminGroupRules>::new()} />
                    <Route path=path!("/admin/resources") view={Lazy::<routes::AdminResources>::new()} />
                    <Route path=path!("/admin/resources/:id") view={Lazy::<routes::AdminResource>::new()} />
                    <Route path=path!("/admin/types") view={Lazy::<routes::AdminTypes>::new()} />
                    <Route path=path!("/admin/rules") view={Lazy::<routes::AdminRules>::new()} />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}

/// The record id in the page's path (`/admin/users/{id}`); 0, which no record has, when it
/// is not a number, so the page shows "not found".
pub(crate) fn id_param() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || {
        params
            .with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()))
            .unwrap_or_default()
    }
}

/// Flags `<body data-hydrated>` once the browser has taken over the page, its lazily loaded
/// code included, so browser tests (and styles) can tell a live page from the server-rendered
/// one. The WASM entry point calls it when hydration has finished.
#[cfg(feature = "hydrate")]
pub fn mark_hydrated() {
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
    lazy::forget_reload();
    offline::register_service_worker();
}
