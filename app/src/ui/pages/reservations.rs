//! `/reservations`: my bookings, upcoming, past and ended, with cancelling.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::reservations::server_fns::{MyReservation, cancel_reservation, my_reservations};
use crate::ui::forms::{Announcer, load_error, span_text};

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
    view! {
        <h1>{i18n.tr("reservations-heading")}</h1>
        <Announcer message=announcement />
        <Transition fallback=move || view! { <p aria-busy="true">{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match mine.await {
                    Ok(mine) => view! {
                        <BookingList heading="reservations-upcoming" id="upcoming" entries=mine.upcoming cancellable=true cancelled />
                        <BookingList heading="reservations-past" id="past" entries=mine.past cancellable=false cancelled />
                        <BookingList heading="reservations-ended" id="ended" entries=mine.ended cancellable=false cancelled />
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
                    .map(|entry| view! { <BookingCard entry cancellable cancelled /> }.into_any())
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
) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
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
            {move || failure.get().map(|e| view! { <p class="form-error" role="alert">{i18n.t(e.message_key())}</p> })}
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
