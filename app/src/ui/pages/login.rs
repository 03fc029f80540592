//! `/login`: username and password, then an authentication code when MFA is on.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::accounts::server_fns::Login;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::ui::forms::{Field, FormError};
use crate::ui::session::reload_to;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let login = ServerAction::<Login>::new();
    let error = Signal::derive(move || login.value().get().and_then(Result::err));
    let needs_code = move || matches!(error.get(), Some(AppError::MfaRequired));
    let registered = move || use_query_map().with(|q| q.get("registered").is_some());
    Effect::new(move |_| match login.value().get() {
        Some(Ok(true)) => reload_to("/profile#password-heading"),
        Some(Ok(false)) => reload_to("/"),
        _ => {}
    });
    view! {
        <section class="auth-card">
            <h1>{i18n.tr("login-heading")}</h1>
            <Show when=registered>
                <p class="notice" role="status">{i18n.tr("login-registered")}</p>
            </Show>
            <ActionForm action=login attr:class="stacked-form">
                <Field label="field-username" name="username" autocomplete="username" />
                <Field label="field-password" name="password" kind="password" autocomplete="current-password" />
                <Show when=needs_code>
                    <Field label="login-mfa-code" name="mfa_code" autocomplete="one-time-code" />
                </Show>
                <FormError error />
                <button type="submit" disabled=move || login.pending().get()>{i18n.tr("login-submit")}</button>
            </ActionForm>
            <p>
                {i18n.tr("login-no-account")} " " <a href="/register">{i18n.tr("nav-register")}</a>
            </p>
        </section>
    }
}
