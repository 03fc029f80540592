//! The frame around every page: header with navigation and language switcher, and footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::accounts::UserProfile;
use crate::accounts::server_fns::Logout;
use crate::i18n::{Locale, use_i18n};
use crate::ui::palette::CommandPalette;
use crate::ui::session::{holds, reload_to, use_current_user};

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let user = use_current_user();
    view! {
        <header class="site-header">
            <a class="brand" href="/">
                <img src="/favicon.svg" alt="" width="28" height="28" />
                <span>{i18n.tr("app-name")}</span>
            </a>
            <nav aria-label=i18n.tr("nav-label")>
                <ul>
                    <li>
                        <A href="/" exact=true>
                            {i18n.tr("nav-home")}
                        </A>
                    </li>
                    <li>
                        <A href="/resources">{i18n.tr("nav-resources")}</A>
                    </li>
                    <li>
                        <A href="/timeline">{i18n.tr("nav-timeline")}</A>
                    </li>
                    <Transition>
                        {move || Suspend::new(async move {
                            match user.0.await {
                                Ok(Some(profile)) => view! { <SignedInLinks profile /> }.into_any(),
                                _ => view! {
                                    <li><A href="/login">{i18n.tr("nav-sign-in")}</A></li>
                                    <li><A href="/register">{i18n.tr("nav-register")}</A></li>
                                }.into_any(),
                            }
                        })}
                    </Transition>
                </ul>
            </nav>
            <CommandPalette />
            <LanguageSwitcher />
        </header>
    }
}

/// A labelled select: changing it re-renders the page in the chosen language at once and
/// remembers the choice in a cookie the server reads on the next visit.
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(locale) = Locale::from_tag(&event_target_value(&ev)) {
            i18n.set_locale(locale);
        }
    };
    view! {
        <div class="language-switcher">
            <label for="language-select">{i18n.tr("language-label")}</label>
            <select id="language-select" name="lang" on:change=on_change>
                {Locale::ALL
                    .into_iter()
                    .map(|locale| {
                        view! {
                            <option
                                value=locale.code()
                                lang=locale.code()
                                selected=move || i18n.locale() == locale
                            >
                                {i18n.tr(locale.name_key())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <p>{i18n.tr("footer-tagline")}</p>
            <p>{move || i18n.t_with("footer-version", "version", env!("CARGO_PKG_VERSION"))}</p>
        </footer>
    }
}

/// Navigation for a signed-in person: only what their permissions allow, and sign-out.
#[component]
fn SignedInLinks(profile: UserProfile) -> impl IntoView {
    let i18n = use_i18n();
    let logout = ServerAction::<Logout>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = logout.value().get() {
            reload_to("/");
        }
    });
    // Each admin page appears only to those who may read what it lists.
    let manages_resources =
        holds(&profile, "resource:update:all") || holds(&profile, "resource:update:group");
    // Approvers named on a single resource reach the board from their notifications.
    let decides = profile
        .permissions
        .iter()
        .any(|p| p.starts_with("approval:update:"));
    let approvals_link =
        decides.then(|| view! { <li><A href="/approvals">{i18n.tr("nav-approvals")}</A></li> });
    let catalog_link = manages_resources
        .then(|| view! { <li><A href="/admin/resources">{i18n.tr("nav-admin-catalog")}</A></li> });
    let analyses = holds(&profile, "analytics:read:all") || holds(&profile, "analytics:read:group");
    let analytics_link = analyses.then(
        || view! { <li><A href="/admin/analytics">{i18n.tr("nav-admin-analytics")}</A></li> },
    );
    let admin_links = [
        ("user:read:all", "/admin/users", "nav-admin-users"),
        ("role:read:all", "/admin/roles", "nav-admin-roles"),
        ("group:read:all", "/admin/groups", "nav-admin-groups"),
        ("session:read:all", "/admin/sessions", "nav-admin-sessions"),
    ]
    .into_iter()
    .filter(|(permission, _, _)| holds(&profile, permission))
    .map(|(_, href, key)| view! { <li><A href=href>{i18n.tr(key)}</A></li> })
    .collect_view();
    view! {
        <li><A href="/reservations">{i18n.tr("nav-my-bookings")}</A></li>
        <li><A href="/waitlist">{i18n.tr("nav-waitlist")}</A></li>
        <li><A href="/notifications">{i18n.tr("nav-notifications")}</A></li>
        <li><A href="/profile">{i18n.tr("nav-profile")}</A></li>
        {approvals_link}
        {catalog_link}
        {analytics_link}
        {admin_links}
        <li class="signed-in-as">
            <span>{move || i18n.t_with("nav-signed-in-as", "name", &profile.username)}</span>
            <ActionForm action=logout attr:class="inline-form">
                <button type="submit" class="link-button">{i18n.tr("nav-sign-out")}</button>
            </ActionForm>
        </li>
    }
}
