//! `/register`: anyone may open an account with the `user` role.

use leptos::prelude::*;

use crate::accounts::server_fns::RegisterAccount;
use crate::i18n::use_i18n;
use crate::ui::forms::{FormError, NewAccountFields};
use crate::ui::session::reload_to;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let register = ServerAction::<RegisterAccount>::new();
    let error = Signal::derive(move || register.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(())) = register.value().get() {
            reload_to("/login?registered=1");
        }
    });
    view! {
        <section class="auth-card">
            <h1>{i18n.tr("register-heading")}</h1>
            <ActionForm action=register attr:class="stacked-form">
                <NewAccountFields />
                <FormError error />
                <button type="submit" disabled=move || register.pending().get()>{i18n.tr("register-submit")}</button>
            </ActionForm>
        </section>
    }
}
