//! Live browser sessions, each revocable at once: your own on `/profile`, everyone's on
//! `/admin/sessions`.

use leptos::prelude::*;

use crate::accounts::server_fns::{RevokeSession, list_sessions};
use crate::i18n::use_i18n;
use crate::ui::forms::FormError;

#[component]
pub fn AdminSessionsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{i18n.tr("admin-sessions-heading")}</h1>
        <SessionTable everyone=true />
    }
}

#[component]
pub(super) fn SessionTable(everyone: bool) -> impl IntoView {
    let i18n = use_i18n();
    let revoke = ServerAction::<RevokeSession>::new();
    let sessions = Resource::new(
        move || revoke.version().get(),
        move |_| list_sessions(everyone),
    );
    let error = Signal::derive(move || revoke.value().get().and_then(Result::err));
    view! {
        <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{i18n.tr("sessions-heading")}</h2>
            <FormError error />
            <Transition fallback=move || view! { <p>{i18n.tr("loading")}</p> }>
                {move || Suspend::new(async move {
                    match sessions.await {
                        Err(e) => view! { <p class="error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any(),
                        Ok(rows) => view! {
                            <table class="data-table">
                                <thead>
                                    <tr>
                                        <Show when=move || everyone>
                                            <th scope="col">{i18n.tr("sessions-user")}</th>
                                        </Show>
                                        <th scope="col">{i18n.tr("sessions-device")}</th>
                                        <th scope="col">{i18n.tr("sessions-address")}</th>
                                        <th scope="col">{i18n.tr("sessions-last-used")}</th>
                                        <th scope="col"><span class="visually-hidden">{i18n.tr("sessions-actions")}</span></th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {rows.into_iter().map(|s| {
                                        let username = s.username.clone();
                                        view! {
                                            <tr data-session-user=s.username.clone()>
                                                <Show when=move || everyone>
                                                    <td>{username.clone()}</td>
                                                </Show>
                                                <td>{s.user_agent.clone()}
                                                    {s.current.then(|| view! { " " <strong>{i18n.tr("sessions-current")}</strong> })}
                                                </td>
                                                <td>{s.client_address.clone()}</td>
                                                <td><time datetime=s.last_used_at.to_rfc3339()>{s.last_used_at.format("%Y-%m-%d %H:%M UTC").to_string()}</time></td>
                                                <td>
                                                    <ActionForm action=revoke>
                                                        <input type="hidden" name="id" value=s.id />
                                                        <button type="submit">{i18n.tr("sessions-revoke")}</button>
                                                    </ActionForm>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
