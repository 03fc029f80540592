//! Small pieces shared by the pages: a labelled field, the error line under a form, what a
//! page shows when its data cannot be loaded, a booking's time in words, and opening a dialog
//! whose code has just been loaded.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::use_i18n;

/// A labelled input; `label` is a Fluent key.
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(default = true)] required: bool,
    #[prop(optional)] hint: Option<&'static str>,
    /// What the field holds when the form appears.
    #[prop(optional, into)]
    value: Option<String>,
    /// Makes the field id unique when one page shows the same field name in several forms.
    #[prop(optional)]
    id_prefix: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("field-{}{name}", id_prefix.unwrap_or_default());
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id.clone()>{i18n.tr(label)}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                value=value
                aria-describedby=hint.map(|_| hint_id.clone())
            />
            {hint.map(|key| view! { <p class="hint" id=hint_id>{i18n.tr(key)}</p> })}
        </div>
    }
}

/// The outcome of a form's last submission, announced to screen readers.
#[component]
pub fn FormError(error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    // Inserted only when there is something to say: an alert region is announced on arrival.
    move || {
        error.get().map(|e| {
            view! { <p class="form-error" role="alert">{i18n.t(e.message_key())}</p> }
        })
    }
}

/// A confirmation announced politely once an action has succeeded; `key` is a Fluent key.
#[component]
pub fn Saved<T, S>(value: S, key: &'static str) -> impl IntoView
where
    T: 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    let i18n = use_i18n();
    move || {
        matches!(value.get(), Some(Ok(_)))
            .then(|| view! { <p class="notice" role="status">{i18n.t(key)}</p> })
    }
}

/// Username, optional e-mail and a new password: the fields of `/register` and `/setup`.
#[component]
pub fn NewAccountFields() -> impl IntoView {
    view! {
        <Field label="field-username" name="username" autocomplete="username" />
        <Field label="field-email" name="email" kind="email" autocomplete="email" required=false />
        <Field
            label="field-password"
            name="password"
            kind="password"
            autocomplete="new-password"
            hint="password-hint"
        />
    }
}

/// A form's optional number field: empty is `None`; anything else must parse.
#[cfg(feature = "ssr")]
pub fn optional_number<T: std::str::FromStr>(text: &str) -> Result<Option<T>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|_| AppError::InvalidInput(format!("{text:?} is not a number")))
}

/// What a page shows in place of data it could not load: a sign-in link to someone signed
/// out, otherwise the error in words.
pub fn load_error(error: &AppError) -> AnyView {
    let i18n = use_i18n();
    match error {
        AppError::Unauthorized => view! {
            <p>
                {i18n.tr("home-sign-in-prompt")} " "
                <a href="/login">{i18n.tr("nav-sign-in")}</a>
            </p>
        }
        .into_any(),
        other => {
            let key = other.message_key();
            view! { <p class="error" role="alert">{i18n.tr(key)}</p> }.into_any()
        }
    }
}

/// "Monday, 23 November, 10:00–11:00 (Europe/Paris)" in the page's language.
pub fn span_text(
    i18n: crate::i18n::I18n,
    span: &crate::reservations::server_fns::LocalSpan,
    zone: &str,
) -> String {
    i18n.t_args(
        "reservations-when",
        &[
            ("date", &i18n.date(span.date)),
            ("start", &span.start),
            ("end", &span.end_words(i18n.locale())),
            ("zone", zone),
        ],
    )
}

/// "Ends the next day (Thursday, 2 July)." when a form's end is earlier than its start.
pub fn next_day_hint(
    i18n: crate::i18n::I18n,
    date: &str,
    start: &str,
    end: &str,
) -> Option<String> {
    use crate::reservations::server_fns::ends_next_day;
    let day = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    ends_next_day(start, end)
        .then(|| day.succ_opt())
        .flatten()
        .map(|next| i18n.t_with("booking-ends-next-day", "date", &i18n.date(next)))
}

/// A polite live region that announces `message` (already translated) when it changes. It
/// stays in the page while empty, so screen readers hear what arrives in it.
#[component]
pub fn Announcer(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div class="announcer" role="status" aria-live="polite">
            {move || message.get().map(|text| view! { <p class="notice">{text}</p> })}
        </div>
    }
}

/// How many animation frames a dialog is waited for (about a second): one whose code has just
/// been loaded mounts a little after it is asked for.
const FRAMES_TO_WAIT: u32 = 60;

/// Opens `dialog` as a modal once it is in the document (only a dialog in the document can
/// open), checking again on each of the next frames, and focuses `field` if one is named (the
/// browser otherwise focuses the dialog's first control).
pub fn show_modal_when_in_document(
    dialog: NodeRef<leptos::html::Dialog>,
    field: Option<NodeRef<leptos::html::Input>>,
) {
    show_within(dialog, field, FRAMES_TO_WAIT);
}

fn show_within(
    dialog: NodeRef<leptos::html::Dialog>,
    field: Option<NodeRef<leptos::html::Input>>,
    frames: u32,
) {
    match dialog.get_untracked() {
        Some(element) if element.is_connected() => {
            if element.open() {
                return;
            }
            let _ = element.show_modal();
            if let Some(input) = field.and_then(|f| f.get_untracked()) {
                let _ = input.focus();
            }
        }
        _ if frames > 0 => {
            request_animation_frame(move || show_within(dialog, field, frames - 1));
        }
        _ => {}
    }
}
