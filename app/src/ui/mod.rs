//! What people see: the document shell, the app's routes and its pages.

mod calendar;
pub(crate) mod forms;
mod layout;
mod pages;
mod palette;
mod session;

use leptos::prelude::*;
use leptos_meta::{Html, Link, Meta, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::i18n::provide_i18n;
use layout::{Footer, Header};
use pages::{
    AdminGroupRulesPage, AdminGroupsPage, AdminResourcePage, AdminResourcesPage, AdminRolePage,
    AdminRolesPage, AdminRulesPage, AdminSessionsPage, AdminTypesPage, AdminUserPage,
    AdminUsersPage, ApprovalsPage, HomePage, LoginPage, NotFoundPage, ProfilePage, RegisterPage,
    ReservationsPage, ResourcePage, ResourcesPage, SetupPage, TimelinePage, WaitlistPage,
};

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
    session::provide_current_user();
    mark_hydrated();

    view! {
        <Html {..} lang=move || i18n.locale().code() dir="ltr" />
        <Title text=i18n.tr("app-title") />
        <Meta name="description" content=i18n.tr("home-intro") />
        <Meta name="theme-color" content="#1f5f8b" />
        <Stylesheet id="leptos" href=format!("/pkg/{}.css", crate::OUTPUT_NAME) />
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Link rel="alternate icon" href="/favicon.ico" />
        <Router>
            <a class="skip-link" href="#main">
                {i18n.tr("skip-to-content")}
            </a>
            <Header />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    // Async: the server waits for the page's data, so the HTML is complete without scripts.
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/register") view=RegisterPage />
                    <Route path=path!("/setup") view=SetupPage />
                    <Route path=path!("/profile") view=ProfilePage />
                    <Route path=path!("/resources") view=ResourcesPage />
                    <Route path=path!("/resources/:id") view=ResourcePage />
                    <Route path=path!("/timeline") view=TimelinePage />
                    <Route path=path!("/reservations") view=ReservationsPage />
                    <Route path=path!("/approvals") view=ApprovalsPage />
                    <Route path=path!("/waitlist") view=WaitlistPage />
                    <Route path=path!("/admin/sessions") view=AdminSessionsPage />
                    <Route path=path!("/admin/users") view=AdminUsersPage />
                    <Route path=path!("/admin/users/:id") view=AdminUserPage />
                    <Route path=path!("/admin/roles") view=AdminRolesPage />
                    <Route path=path!("/admin/roles/:id") view=AdminRolePage />
                    <Route path=path!("/admin/groups") view=AdminGroupsPage />
                    <Route path=path!("/admin/groups/:id/rules") view=AdminGroupRulesPage />
                    <Route path=path!("/admin/resources") view=AdminResourcesPage />
                    <Route path=path!("/admin/resources/:id") view=AdminResourcePage />
                    <Route path=path!("/admin/types") view=AdminTypesPage />
                    <Route path=path!("/admin/rules") view=AdminRulesPage />
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

/// Flags `<body data-hydrated>` once the browser has taken over, so browser tests (and
/// styles) can tell a live page from the server-rendered one. Effects never run on the server.
fn mark_hydrated() {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
