//! `/reservations`: my bookings, upcoming, past and ended, with cancelling.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::reservations::server_fns::{
    LocalSpan, MyReservation, cancel_reservation, move_reservation, my_reservations,
};
use crate::ui::forms::{Announcer, load_error, next_day_hint, span_text};

/// The Fluent key of a reservation status's word.
fn status_key(status: &str) -> &'static str {
    match status {
        "active" => "reservation-status-active",
        "pending_approval" => "reservation-status-pending",
        "held" => "reservation-status-held",
        "cancelled" => "reservation-status-cancelled",
        "rejected" => "reservation-status-rejected",
        _ => "reservation-status-expired",
    }
}

#[component]
pub fn ReservationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(0u32);
    let announcement = RwSignal::new(None::<String>);
    let mine = Resource::new(move || version.get(), |_| my_reservations());
    let cancelled = Callback::new(move |count: usize| {
        announcement.set(Some(i18n.t_count("reservations-cancelled", "count", count)));
        version.update(|v| *v += 1);
    });
    let moved = Callback::new(move |(span, zone): (LocalSpan, String)| {
        let when = span_text(i18n, &span, &zone);
        announcement.set(Some(i18n.t_with("reservations-moved", "when", &when)));
        version.update(|v| *v += 1);
    });
    view! {
        <h1>{i18n.tr("reservations-heading")}</h1>
        <Announcer message=announcement />
        <Transition fallback=move || view! { <p aria-busy="true">{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match mine.await {
                    Ok(mine) => view! {
                        <BookingList heading="reservations-upcoming" id="upcoming" entries=mine.upcoming cancellable=true cancelled moved />
                        <BookingList heading="reservations-past" id="past" entries=mine.past cancellable=false cancelled moved />
                        <BookingList heading="reservations-ended" id="ended" entries=mine.ended cancellable=false cancelled moved />
                    }
                    .into_any(),
                    Err(error) => load_error(&error),
                }
            })}
        </Transition>
    }
}

#[component]
fn BookingList(
    heading: &'static str,
    id: &'static str,
    entries: Vec<MyReservation>,
    cancellable: bool,
    cancelled: Callback<usize>,
    moved: Callback<(LocalSpan, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    let count = entries.len();
    let body = if entries.is_empty() {
        view! { <p class="empty">{i18n.tr("reservations-empty")}</p> }.into_any()
    } else {
        view! {
            <ul class="booking-list">
                {entries
                    .into_iter()
                    .map(|entry| view! { <BookingCard entry cancellable cancelled moved /> }.into_any())
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby=labelled_by id=id>
            <h2 id=heading_id>{i18n.tr(heading)} " " <span class="count">{format!("({count})")}</span></h2>
            {body}
        </section>
    }
}

#[component]
fn BookingCard(
    entry: MyReservation,
    cancellable: bool,
    cancelled: Callback<usize>,
    moved: Callback<(LocalSpan, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let moving = RwSignal::new(false);
    let failure = RwSignal::new(None::<AppError>);
    let id = entry.id;
    let cancel = Action::new(move |scope: &&'static str| {
        let scope = (*scope).to_owned();
        async move { cancel_reservation(id, scope).await }
    });
    Effect::new(move |_| match cancel.value().get() {
        Some(Ok(ids)) => cancelled.run(ids.len()),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let in_series = entry.series_id.is_some();
    let resource_href = format!("/resources/{}", entry.resource_id);
    let status = status_key(&entry.status);
    let entry_for_when = entry.clone();
    let name = entry.resource_name.clone();
    let confirm = move || {
        let scopes: Vec<(&'static str, &'static str)> = if in_series {
            vec![
                ("this", "reservations-cancel-this"),
                ("following", "reservations-cancel-following"),
                ("series", "reservations-cancel-series"),
            ]
        } else {
            vec![("this", "reservations-cancel-yes")]
        };
        view! {
            <div class="confirm" role="group" aria-label=i18n.t("reservations-cancel-question")>
                <p>{i18n.t("reservations-cancel-question")}</p>
                {scopes
                    .into_iter()
                    .map(|(scope, key)| view! {
                        <button type="button" class="danger" disabled=move || cancel.pending().get() on:click=move |_| { cancel.dispatch(scope); }>
                            {i18n.t(key)}
                        </button>
                    })
                    .collect_view()}
                <button type="button" class="secondary" on:click=move |_| confirming.set(false)>{i18n.t("reservations-keep")}</button>
            </div>
        }
    };
    view! {
        <li class="booking-card" data-status=entry.status.clone()>
            <h3><a href=resource_href>{entry.resource_name.clone()}</a></h3>
            <p class="when">{move || span_text(i18n, &entry_for_when.span, &entry_for_when.timezone)}</p>
            <p class="meta">
                <span class="status">{i18n.tr(status)}</span>
                {in_series.then(|| view! { " · " <span>{i18n.tr("reservations-in-series")}</span> })}
            </p>
            {(!entry.title.is_empty()).then(|| view! { <p class="title">{entry.title.clone()}</p> })}
            <a
                class="ics-link"
                href=format!("/api/v1/calendar/export/{id}.ics")
                download=format!("reservation-{id}.ics")
                aria-label=i18n.t_with("reservations-ics-named", "name", &entry.resource_name)
            >
                {i18n.t("reservations-ics")}
            </a>
            {move || failure.get().map(|e| view! { <p class="form-error" role="alert">{i18n.t(e.message_key())}</p> })}
            // A form of one date cannot hold a booking of more than a night: the API moves those.
            {(cancellable && !entry.span.spans_days()).then(|| {
                let entry = entry.clone();
                let name = entry.resource_name.clone();
                view! {
                    <Show when=move || moving.get() fallback=move || {
                        let label = i18n.t_with("reservations-move-named", "name", &name);
                        view! {
                            <button type="button" class="secondary" aria-label=label on:click=move |_| moving.set(true)>
                                {i18n.t("reservations-move")}
                            </button>
                        }
                    }>
                        <MoveForm entry=entry.clone() moving moved />
                    </Show>
                }
            })}
            {cancellable.then(|| {
                let name = name.clone();
                view! {
                    <Show
                        when=move || confirming.get()
                        fallback=move || {
                            let label = i18n.t_with("reservations-cancel-named", "name", &name);
                            view! {
                                <button type="button" class="secondary" aria-label=label on:click=move |_| confirming.set(true)>
                                    {i18n.t("reservations-cancel")}
                                </button>
                            }
                        }
                    >
                        {confirm}
                    </Show>
                }
            })}
        </li>
    }
}

/// Moves a booking: its date, start and end in the resource's zone, prefilled with the
/// current ones; a refusal says why and changes nothing.
#[component]
fn MoveForm(
    entry: MyReservation,
    moving: RwSignal<bool>,
    moved: Callback<(LocalSpan, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = entry.id;
    let prefix = format!("move-{id}");
    let field = move |name: &str| format!("{prefix}-{name}");
    let date = RwSignal::new(entry.span.date.to_string());
    let start = RwSignal::new(entry.span.start.clone());
    let end = RwSignal::new(entry.span.end.clone());
    let zone = entry.timezone.clone();
    let submit = Action::new(move |_: &()| {
        let (d, s, e) = (
            date.get_untracked(),
            start.get_untracked(),
            end.get_untracked(),
        );
        async move { move_reservation(id, d, s, e).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(span)) = submit.value().get() {
            moving.set(false);
            moved.run((span, zone.clone()));
        }
    });
    let error = move || {
        submit.value().get().and_then(Result::err).map(|e| {
            let key = match e {
                AppError::Conflict(_) => "reservations-move-taken",
                AppError::InvalidInput(_) => "reservations-move-refused",
                other => other.message_key(),
            };
            view! { <p class="form-error" role="alert">{i18n.t(key)}</p> }
        })
    };
    let input = move |name: &'static str,
                      label: &'static str,
                      kind: &'static str,
                      value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=field(name)>{i18n.tr(label)}</label>
                <input id=field(name) type=kind required size="5" prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) />
            </div>
        }
    };
    view! {
        <form
            class="stacked-form move-form"
            aria-label=i18n.t_with("reservations-move-named", "name", &entry.resource_name)
            on:submit=move |ev| {
                ev.prevent_default();
                submit.dispatch(());
            }
        >
            {input("date", "booking-date", "date", date)}
            <div class="field-row">
                {input("start", "booking-start", "text", start)}
                {input("end", "booking-end", "text", end)}
            </div>
            <p class="hint">{move || i18n.t_with("booking-times-in-zone", "zone", &entry.timezone)}</p>
            <p class="hint" aria-live="polite">
                {move || next_day_hint(i18n, &date.get(), &start.get(), &end.get())}
            </p>
            {error}
            <div class="dialog-actions">
                <button type="submit" disabled=move || submit.pending().get()>{i18n.tr("reservations-move-submit")}</button>
                <button type="button" class="secondary" on:click=move |_| moving.set(false)>{i18n.tr("reservations-keep")}</button>
            </div>
        </form>
    }
}
