//! `/setup`: creates the first administrator; once one exists it only points to sign-in.

use leptos::prelude::*;

use crate::accounts::server_fns::{InitializeSetup, setup_status};
use crate::i18n::use_i18n;
use crate::ui::forms::{FormError, NewAccountFields};
use crate::ui::session::reload_to;

#[component]
pub fn SetupPage() -> impl IntoView {
    let i18n = use_i18n();
    let status = Resource::new(|| (), |_| setup_status());
    let initialize = ServerAction::<InitializeSetup>::new();
    let error = Signal::derive(move || initialize.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(())) = initialize.value().get() {
            reload_to("/");
        }
    });
    view! {
        <section class="auth-card">
            <h1>{i18n.tr("setup-heading")}</h1>
            <Suspense fallback=move || view! { <p>{i18n.tr("loading")}</p> }>
                {move || Suspend::new(async move {
                    if status.await.unwrap_or(true) {
                        view! {
                            <p>{i18n.tr("setup-done")}</p>
                            <p><a href="/login">{i18n.tr("nav-sign-in")}</a></p>
                        }
                            .into_any()
                    } else {
                        view! {
                            <p>{i18n.tr("setup-intro")}</p>
                            <ActionForm action=initialize attr:class="stacked-form">
                                <NewAccountFields />
                                <FormError error />
                                <button type="submit">{i18n.tr("setup-submit")}</button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
