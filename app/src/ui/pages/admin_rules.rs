//! The rules of one level (all resources, a group, or one resource): booking limits, weekly
//! hours, blackout dates and exceptions. `/admin/rules` edits the installation's,
//! `/admin/groups/{id}/rules` a group's; a resource's editor embeds the same component.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::resources::admin_fns::{
    AddBlackout, AddException, DeleteBlackout, DeleteException, HoursOrigin, LevelEditor,
    SaveHours, SaveLimits, level_name, level_rules,
};
use crate::resources::{BookingRules, RuleScope};
use crate::ui::forms::{FormError, Saved};
use crate::ui::id_param;

/// `HH:MM-HH:MM`, comma-separated; empty is closed. The browser says what is wrong before
/// anything is sent.
const HOURS_PATTERN: &str = r"\s*([0-2][0-9]:[0-5][0-9]\s*[-–]\s*[0-2][0-9]:[0-5][0-9]\s*)?(,\s*[0-2][0-9]:[0-5][0-9]\s*[-–]\s*[0-2][0-9]:[0-5][0-9]\s*)*";

#[component]
pub fn AdminRulesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p><a href="/admin/resources">{i18n.tr("admin-catalog-back")}</a></p>
        <h1>{i18n.tr("admin-rules-global-heading")}</h1>
        <p>{i18n.tr("admin-rules-global-intro")}</p>
        <LevelRulesEditor scope=RuleScope::Global />
    }
}

#[component]
pub fn AdminGroupRulesPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param();
    view! {
        <p><a href="/admin/groups">{i18n.tr("admin-groups-back")}</a></p>
        <h1>{i18n.tr("admin-rules-group-heading")}</h1>
        {move || view! { <LevelRulesEditor scope=RuleScope::Group(id()) /> }}
    }
}

/// Every rule a level sets, each in its own form; saving one reloads them all.
#[component]
pub fn LevelRulesEditor(scope: RuleScope) -> impl IntoView {
    let i18n = use_i18n();
    let limits = ServerAction::<SaveLimits>::new();
    let hours = ServerAction::<SaveHours>::new();
    let add_blackout = ServerAction::<AddBlackout>::new();
    let delete_blackout = ServerAction::<DeleteBlackout>::new();
    let add_exception = ServerAction::<AddException>::new();
    let delete_exception = ServerAction::<DeleteException>::new();
    let (level, id) = level_name(scope);
    let data = Resource::new(
        move || {
            (
                limits.version().get(),
                hours.version().get(),
                add_blackout.version().get(),
                delete_blackout.version().get(),
                add_exception.version().get(),
                delete_exception.version().get(),
            )
        },
        move |_| level_rules(level.to_owned(), id),
    );
    let actions = RuleActions {
        limits,
        hours,
        add_blackout,
        delete_blackout,
        add_exception,
        delete_exception,
    };
    view! {
        <Transition fallback=move || view! { <p>{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(rules) => view! { <LevelForms rules actions /> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[derive(Clone, Copy)]
struct RuleActions {
    limits: ServerAction<SaveLimits>,
    hours: ServerAction<SaveHours>,
    add_blackout: ServerAction<AddBlackout>,
    delete_blackout: ServerAction<DeleteBlackout>,
    add_exception: ServerAction<AddException>,
    delete_exception: ServerAction<DeleteException>,
}

/// The hidden fields that tell the server which level a form changes.
#[component]
fn LevelFields(scope: RuleScope) -> impl IntoView {
    let (level, id) = level_name(scope);
    view! {
        <input type="hidden" name="level" value=level />
        <input type="hidden" name="id" value=id />
    }
}

#[component]
fn LevelForms(rules: LevelEditor, actions: RuleActions) -> impl IntoView {
    let i18n = use_i18n();
    let scope = rules.scope;
    let limits_error = Signal::derive(move || actions.limits.value().get().and_then(Result::err));
    let hours_error = Signal::derive(move || actions.hours.value().get().and_then(Result::err));
    let blackout_error = Signal::derive(move || {
        [
            actions.add_blackout.value().get().and_then(Result::err),
            actions.delete_blackout.value().get().and_then(Result::err),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    let exception_error = Signal::derive(move || {
        [
            actions.add_exception.value().get().and_then(Result::err),
            actions.delete_exception.value().get().and_then(Result::err),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    let origin = rules.hours_origin.clone();
    let inherited = origin != HoursOrigin::Own;
    let origin = inherited.then_some(move || match &origin {
        HoursOrigin::Group(path) => i18n.t_with("admin-rules-hours-from-group", "group", path),
        HoursOrigin::Global => i18n.t("admin-rules-hours-from-global"),
        HoursOrigin::Own | HoursOrigin::OpenAllDay => i18n.t("admin-rules-hours-open-all-day"),
    });
    let zone = rules.zone.clone();
    view! {
        {(!rules.name.is_empty()).then(|| view! { <p class="level-name">{rules.name.clone()}</p> })}
        <section aria-labelledby="limits-heading">
            <h2 id="limits-heading">{i18n.tr("admin-rules-limits-heading")}</h2>
            <p>{i18n.tr("admin-rules-limits-intro")}</p>
            <ActionForm action=actions.limits attr:class="stacked-form">
                <LevelFields scope />
                <LimitFields own=rules.rules.rules effective=rules.rules.effective />
                <FormError error=limits_error />
                <Saved value=actions.limits.value() key="profile-saved" />
                <button type="submit">{i18n.tr("admin-rules-save-limits")}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="hours-heading">
            <h2 id="hours-heading">{i18n.tr("admin-rules-hours-heading")}</h2>
            <p id="hours-hint">{i18n.tr("admin-rules-hours-hint")}</p>
            {origin.map(|text| view! { <p class="notice" data-hours-origin="inherited">{text}</p> })}
            <ActionForm action=actions.hours attr:class="stacked-form">
                <LevelFields scope />
                {rules.hours.iter().enumerate().map(|(day, text)| {
                    let field = format!("hours-day-{day}");
                    let key = crate::i18n::WEEKDAY_KEYS[day];
                    view! {
                        <div class="field">
                            <label for=field.clone()>{i18n.tr(key)}</label>
                            <input id=field type="text" name="days[]" value=text.clone() placeholder="09:00-17:00"
                                pattern=HOURS_PATTERN aria-describedby="hours-hint" autocomplete="off" />
                        </div>
                    }
                }).collect_view()}
                <FormError error=hours_error />
                <Saved value=actions.hours.value() key="profile-saved" />
                <button type="submit">{i18n.tr("admin-rules-save-hours")}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="blackouts-heading">
            <h2 id="blackouts-heading">{i18n.tr("admin-rules-blackouts-heading")}</h2>
            <ul class="plain-list">
                {rules.blackouts.into_iter().map(|b| {
                    let text = if b.reason.is_empty() { b.date.to_string() } else { format!("{} — {}", b.date, b.reason) };
                    let date = b.date.to_string();
                    let label = move || i18n.t_with("admin-rules-remove-named", "name", &date);
                    view! {
                        <li>
                            {text} " "
                            <ActionForm action=actions.delete_blackout attr:class="inline-form">
                                <input type="hidden" name="id" value=b.id />
                                <button type="submit" class="danger" aria-label=label>{i18n.tr("admin-groups-remove")}</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ActionForm action=actions.add_blackout attr:class="stacked-form">
                <LevelFields scope />
                <div class="field">
                    <label for="blackout-date">{i18n.tr("admin-rules-date")}</label>
                    <input id="blackout-date" type="date" name="date" required />
                </div>
                <div class="field">
                    <label for="blackout-reason">{i18n.tr("admin-rules-reason")}</label>
                    <input id="blackout-reason" type="text" name="reason" maxlength="200" />
                </div>
                <FormError error=blackout_error />
                <button type="submit">{i18n.tr("admin-rules-add-blackout")}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="exceptions-heading">
            <h2 id="exceptions-heading">{i18n.tr("admin-rules-exceptions-heading")}</h2>
            <p>{move || i18n.t_with("resource-times-in-zone", "zone", &zone)}</p>
            <ul class="plain-list">
                {rules.exceptions.into_iter().map(|e| {
                    let text = format!("{} → {}{}", e.start, e.end, if e.reason.is_empty() { String::new() } else { format!(" — {}", e.reason) });
                    let start = e.start.clone();
                    let label = move || i18n.t_with("admin-rules-remove-named", "name", &start);
                    view! {
                        <li>
                            {text} " "
                            <ActionForm action=actions.delete_exception attr:class="inline-form">
                                <input type="hidden" name="id" value=e.id />
                                <button type="submit" class="danger" aria-label=label>{i18n.tr("admin-groups-remove")}</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ActionForm action=actions.add_exception attr:class="stacked-form">
                <LevelFields scope />
                <div class="field">
                    <label for="exception-start">{i18n.tr("admin-rules-starts")}</label>
                    <input id="exception-start" type="datetime-local" name="start" required />
                </div>
                <div class="field">
                    <label for="exception-end">{i18n.tr("admin-rules-ends")}</label>
                    <input id="exception-end" type="datetime-local" name="end" required />
                </div>
                <div class="field">
                    <label for="exception-reason">{i18n.tr("admin-rules-reason")}</label>
                    <input id="exception-reason" type="text" name="reason" maxlength="200" />
                </div>
                <FormError error=exception_error />
                <button type="submit">{i18n.tr("admin-rules-add-exception")}</button>
            </ActionForm>
        </section>
    }
}

/// One number field per limit. Empty inherits; the placeholder shows what is in force.
#[component]
fn LimitFields(own: BookingRules, effective: BookingRules) -> impl IntoView {
    let i18n = use_i18n();
    // (field name, label key, this level's value, the value in force, smallest allowed)
    type Limit = (&'static str, &'static str, Option<u32>, Option<u32>, u32);
    let fields: [Limit; 7] = [
        (
            "min_duration",
            "admin-rules-min-duration",
            own.min_duration_minutes,
            effective.min_duration_minutes,
            0,
        ),
        (
            "max_duration",
            "admin-rules-max-duration",
            own.max_duration_minutes,
            effective.max_duration_minutes,
            0,
        ),
        (
            "buffer_before",
            "admin-rules-buffer-before",
            own.buffer_before_minutes,
            effective.buffer_before_minutes,
            0,
        ),
        (
            "buffer_after",
            "admin-rules-buffer-after",
            own.buffer_after_minutes,
            effective.buffer_after_minutes,
            0,
        ),
        (
            "min_notice",
            "admin-rules-min-notice",
            own.min_notice_minutes,
            effective.min_notice_minutes,
            0,
        ),
        (
            "horizon_days",
            "admin-rules-horizon",
            own.horizon_days,
            effective.horizon_days,
            0,
        ),
        (
            "granularity",
            "admin-rules-granularity",
            own.granularity_minutes,
            effective.granularity_minutes,
            1,
        ),
    ];
    fields
        .into_iter()
        .map(|(name, label, own, effective, min)| {
            let id = format!("limit-{name}");
            let hint_id = format!("{id}-hint");
            let hint = move || match effective {
                Some(value) if own.is_none() => {
                    i18n.t_with("admin-rules-inherited", "value", &value.to_string())
                }
                None => i18n.t("admin-rules-no-limit"),
                Some(_) => String::new(),
            };
            view! {
                <div class="field">
                    <label for=id.clone()>{i18n.tr(label)}</label>
                    <input id=id type="number" name=name min=min step="1" inputmode="numeric"
                        value=own.map(|v| v.to_string()).unwrap_or_default()
                        placeholder=effective.map(|v| v.to_string()).unwrap_or_default()
                        aria-describedby=hint_id.clone() />
                    <p class="hint" id=hint_id>{hint}</p>
                </div>
            }
        })
        .collect_view()
}
