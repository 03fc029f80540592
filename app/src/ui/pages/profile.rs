//! `/profile`: your details and language, password, two-factor authentication, personal API
//! tokens, your calendar feed and signed-in sessions.

use leptos::prelude::*;

use super::sessions::SessionTable;
use crate::accounts::UserProfile;
use crate::accounts::server_fns::{
    BeginMfa, ChangePassword, ConfirmMfa, CreateToken, DisableMfa, RenewCalendarFeed, RevokeToken,
    UpdateProfile, calendar_feed, list_tokens,
};
use crate::i18n::{Locale, use_i18n};
use crate::ui::forms::{Field, FormError, Saved};
use crate::ui::session::use_current_user;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let user = use_current_user();
    view! {
        <h1>{i18n.tr("profile-heading")}</h1>
        <Transition fallback=move || view! { <p>{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match user.0.await {
                    Ok(Some(profile)) => view! {
                        {profile.must_change_password.then(|| view! {
                            <p class="notice" role="alert">{i18n.tr("profile-must-change-password")}</p>
                        })}
                        <ProfileDetails profile=profile.clone() />
                        <PasswordSection />
                        <MfaSection enabled=profile.mfa_enabled />
                        <TokenSection />
                        <CalendarFeedSection />
                        <SessionTable everyone=false />
                    }.into_any(),
                    _ => view! {
                        <p class="error" role="alert">{i18n.tr("error-unauthorized")}</p>
                        <p><a href="/login">{i18n.tr("nav-sign-in")}</a></p>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ProfileDetails(profile: UserProfile) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<UpdateProfile>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    // The page follows the language just saved.
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get()
            && let Some(locale) = Locale::from_tag(&saved.locale)
        {
            i18n.set_locale(locale);
        }
    });
    let current_locale = profile.locale.clone();
    view! {
        <section aria-labelledby="details-heading">
            <h2 id="details-heading">{i18n.tr("profile-details-heading")}</h2>
            <ActionForm action=save attr:class="stacked-form">
                <Field label="profile-display-name" name="display_name" required=false value=profile.display_name autocomplete="name" />
                <Field label="field-email" name="email" kind="email" required=false value=profile.email.unwrap_or_default() autocomplete="email" />
                <Field label="profile-timezone" name="timezone" value=profile.timezone hint="profile-timezone-hint" />
                <div class="field">
                    <label for="field-locale">{i18n.tr("language-label")}</label>
                    <select id="field-locale" name="locale">
                        {Locale::ALL.into_iter().map(|locale| {
                            let selected = locale.code() == current_locale;
                            view! {
                                <option value=locale.code() lang=locale.code() selected=selected>
                                    {i18n.tr(locale.name_key())}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
                <FormError error />
                <Saved value=save.value() key="profile-saved" />
                <button type="submit" disabled=move || save.pending().get()>{i18n.tr("profile-save")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordSection() -> impl IntoView {
    let i18n = use_i18n();
    let change = ServerAction::<ChangePassword>::new();
    let error = Signal::derive(move || change.value().get().and_then(Result::err));
    view! {
        <section aria-labelledby="password-heading">
            <h2 id="password-heading">{i18n.tr("profile-password-heading")}</h2>
            <ActionForm action=change attr:class="stacked-form">
                <Field label="profile-current-password" name="current_password" kind="password" autocomplete="current-password" />
                <Field label="profile-new-password" name="new_password" kind="password" autocomplete="new-password" hint="password-hint" />
                <FormError error />
                <Saved value=change.value() key="profile-password-changed" />
                <button type="submit" disabled=move || change.pending().get()>{i18n.tr("profile-password-submit")}</button>
            </ActionForm>
        </section>
    }
}

/// Two-factor authentication: set up (QR code, secret, confirming code, backup codes shown
/// once) or turn off with a current code.
#[component]
fn MfaSection(enabled: bool) -> impl IntoView {
    let i18n = use_i18n();
    let user = use_current_user();
    let begin = ServerAction::<BeginMfa>::new();
    let confirm = ServerAction::<ConfirmMfa>::new();
    let disable = ServerAction::<DisableMfa>::new();
    let error = Signal::derive(move || {
        confirm
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| disable.value().get().and_then(Result::err))
            .or_else(|| begin.value().get().and_then(Result::err))
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = disable.value().get() {
            user.0.refetch();
        }
    });
    let backup_codes = move || confirm.value().get().and_then(Result::ok);
    let enrolment = move || begin.value().get().and_then(Result::ok);
    view! {
        <section aria-labelledby="mfa-heading" class="mfa">
            <h2 id="mfa-heading">{i18n.tr("mfa-heading")}</h2>
            <FormError error />
            {move || match (enabled, backup_codes(), enrolment()) {
                (_, Some(codes), _) => view! {
                    <p role="status">{i18n.tr("mfa-enabled-now")}</p>
                    <h3>{i18n.tr("mfa-backup-codes")}</h3>
                    <p>{i18n.tr("mfa-backup-codes-hint")}</p>
                    <ul class="backup-codes" data-testid="backup-codes">
                        {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
                    </ul>
                }.into_any(),
                (true, None, _) => view! {
                    <p data-testid="mfa-status">{i18n.tr("mfa-status-on")}</p>
                    <ActionForm action=disable attr:class="stacked-form">
                        <Field label="login-mfa-code" name="code" autocomplete="one-time-code" id_prefix="mfa-off-" />
                        <button type="submit">{i18n.tr("mfa-disable")}</button>
                    </ActionForm>
                }.into_any(),
                (false, None, Some(enrolment)) => view! {
                    <p>{i18n.tr("mfa-scan")}</p>
                    <div class="qr" role="img" aria-label=i18n.tr("mfa-qr-label") inner_html=enrolment.qr_svg></div>
                    <p>{i18n.tr("mfa-manual")} " " <code data-testid="mfa-secret">{enrolment.secret}</code></p>
                    <ActionForm action=confirm attr:class="stacked-form">
                        <Field label="login-mfa-code" name="code" autocomplete="one-time-code" id_prefix="mfa-on-" />
                        <button type="submit" disabled=move || confirm.pending().get()>{i18n.tr("mfa-confirm")}</button>
                    </ActionForm>
                }.into_any(),
                (false, None, None) => view! {
                    <p data-testid="mfa-status">{i18n.tr("mfa-status-off")}</p>
                    <ActionForm action=begin>
                        <button type="submit">{i18n.tr("mfa-begin")}</button>
                    </ActionForm>
                }.into_any(),
            }}
        </section>
    }
}

/// Personal API tokens for scripts: each secret shown once, at creation.
#[component]
fn TokenSection() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let tokens = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| list_tokens(),
    );
    let error = Signal::derive(move || {
        create
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| revoke.value().get().and_then(Result::err))
    });
    view! {
        <section aria-labelledby="tokens-heading">
            <h2 id="tokens-heading">{i18n.tr("tokens-heading")}</h2>
            <p>{i18n.tr("tokens-intro")}</p>
            <ActionForm action=create attr:class="stacked-form">
                <Field label="tokens-name" name="name" />
                <div class="field">
                    <label for="field-expires_in_days">{i18n.tr("tokens-days")}</label>
                    <input id="field-expires_in_days" name="expires_in_days" type="number" min="1" max="365" value="90" required />
                </div>
                <FormError error />
                <button type="submit" disabled=move || create.pending().get()>{i18n.tr("tokens-create")}</button>
            </ActionForm>
            {move || create.value().get().and_then(Result::ok).map(|new| view! {
                <div class="notice" role="status">
                    <p>{i18n.tr("tokens-shown-once")}</p>
                    <code class="secret" data-testid="new-token">{new.secret}</code>
                </div>
            })}
            <Transition fallback=move || view! { <p>{i18n.tr("loading")}</p> }>
                {move || Suspend::new(async move {
                    let rows = tokens.await.unwrap_or_default();
                    let empty = rows.is_empty();
                    view! {
                        <Show when=move || empty>
                            <p>{i18n.tr("tokens-none")}</p>
                        </Show>
                        <ul class="token-list">
                            {rows.into_iter().map(|token| view! {
                                <li>
                                    <strong>{token.name}</strong> " "
                                    <span>{move || i18n.t_with("tokens-expires", "date", &token.expires_at.format("%Y-%m-%d").to_string())}</span>
                                    <ActionForm action=revoke attr:class="inline-form">
                                        <input type="hidden" name="id" value=token.id />
                                        <button type="submit">{i18n.tr("tokens-revoke")}</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                })}
            </Transition>
        </section>
    }
}

/// The secret address calendar applications subscribe to, and a way to replace it.
#[component]
fn CalendarFeedSection() -> impl IntoView {
    let i18n = use_i18n();
    let renew = ServerAction::<RenewCalendarFeed>::new();
    let address = Resource::new(move || renew.version().get(), |_| calendar_feed());
    let error = Signal::derive(move || renew.value().get().and_then(Result::err));
    view! {
        <section aria-labelledby="feed-heading">
            <h2 id="feed-heading">{i18n.tr("feed-heading")}</h2>
            <p id="feed-intro">{i18n.tr("feed-intro")}</p>
            <Transition fallback=move || view! { <p>{i18n.tr("loading")}</p> }>
                {move || Suspend::new(async move {
                    let url = address.await;
                    let failed = url.as_ref().err().cloned();
                    view! {
                        <div class="field">
                            <label for="feed-url">{i18n.tr("feed-address")}</label>
                            <input id="feed-url" type="text" readonly aria-describedby="feed-intro"
                                value=url.unwrap_or_default() />
                        </div>
                        <FormError error=Signal::derive(move || failed.clone()) />
                    }
                })}
            </Transition>
            <ActionForm action=renew attr:class="inline-form">
                <button type="submit" disabled=move || renew.pending().get()>{i18n.tr("feed-renew")}</button>
            </ActionForm>
            <FormError error />
            {move || renew.value().get().and_then(Result::ok).map(|_| view! {
                <p role="status">{i18n.tr("feed-renewed")}</p>
            })}
        </section>
    }
}
