//! `/`: what Reserver is and, for someone signed in, their day: today's bookings, the next
//! ones, and what is free now, booked in two steps from here.

use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::i18n::use_i18n;
use crate::reservations::home_fns::{Dashboard, FreeNow, TypeChoice, home_overview};
use crate::reservations::server_fns::MyReservation;
use crate::ui::calendar::{
    BookingAnnouncer, BookingDialog, BookingState, BookingTarget, use_booking,
};
use crate::ui::forms::{load_error, span_text};

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let booking = BookingState::provide();
    booking.follow_live(|_| true);
    let overview = Resource::new(
        move || {
            (
                query.with(|q| q.get("type").unwrap_or_default()),
                booking.version.get(),
            )
        },
        |(kind, _)| home_overview(kind),
    );

    view! {
        <section class="hero">
            <h1>{i18n.tr("home-heading")}</h1>
            <p>{i18n.tr("home-intro")}</p>
        </section>
        <BookingAnnouncer />
        <Transition fallback=move || view! { <p aria-busy="true">{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(overview) => view! { <MyDay overview chosen_type=Signal::derive(move || query.with(|q| q.get("type").unwrap_or_default())) /> }.into_any(),
                    Err(error) => load_error(&error),
                }
            })}
        </Transition>
        <BookingDialog />
    }
}

#[component]
fn MyDay(overview: Dashboard, chosen_type: Signal<String>) -> impl IntoView {
    let Dashboard {
        today,
        next,
        free_now,
        types,
    } = overview;
    view! {
        <div class="home-grid">
            <Bookings id="today" heading="home-today" empty="home-today-empty" entries=today />
            <Bookings id="next" heading="home-next" empty="home-next-empty" entries=next />
        </div>
        <FreeNowList free=free_now types chosen_type />
    }
}

/// A short list of my bookings, each linking to its resource.
#[component]
fn Bookings(
    id: &'static str,
    heading: &'static str,
    empty: &'static str,
    entries: Vec<MyReservation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    let body = if entries.is_empty() {
        view! { <p class="empty">{i18n.tr(empty)}</p> }.into_any()
    } else {
        let items = entries
            .into_iter()
            .map(|entry| {
                let when = move || span_text(i18n, &entry.span, &entry.timezone);
                let pending = entry.status == "pending_approval";
                view! {
                    <li class="booking-card">
                        <a href=format!("/resources/{}", entry.resource_id)>{entry.resource_name}</a>
                        {(!entry.title.is_empty()).then(|| view! { <span class="title">" · " {entry.title}</span> })}
                        <p>{when}</p>
                        {pending.then(|| view! { <p class="status-pending">{i18n.tr("reservation-status-pending")}</p> })}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="booking-list">{items}</ul> }.into_any()
    };
    view! {
        <section class="home-bookings" id=id aria-labelledby=labelled_by>
            <h2 id=heading_id>{i18n.tr(heading)}</h2>
            {body}
            <p><a href="/reservations">{i18n.tr("home-all-bookings")}</a></p>
        </section>
    }
}

/// The heading of "free now": focus goes there when the resource just booked leaves the list.
const FREE_NOW_HEADING: &str = "free-now-heading";

/// What is free for the next half hour, of one type or all; "Book now" opens the booking
/// dialog on it.
#[component]
fn FreeNowList(
    free: Vec<FreeNow>,
    types: Vec<TypeChoice>,
    chosen_type: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let booking = use_booking();
    booking.refocus_when_back(FREE_NOW_HEADING.to_owned());
    let options = types
        .into_iter()
        .map(|t| {
            let value = t.id.to_string();
            let selected = value.clone();
            view! { <option value=value selected=move || chosen_type.get() == selected>{t.name}</option> }
        })
        .collect_view();
    let body = if free.is_empty() {
        view! { <p class="empty">{i18n.tr("home-free-empty")}</p> }.into_any()
    } else {
        let cards = free
            .into_iter()
            .map(|resource| {
                let button_id = format!("book-now-{}", resource.resource_id);
                let from = resource.span.start.clone();
                let label = i18n.t_with("home-book-now-label", "name", &resource.name);
                let offer = resource.clone();
                let focus_id = button_id.clone();
                view! {
                    <li class="resource-card">
                        <h3><a href=format!("/resources/{}", resource.resource_id)>{resource.name}</a></h3>
                        {resource.resource_type.map(|t| view! { <p class="type">{t}</p> })}
                        <p>{move || i18n.t_with("home-free-from", "start", &from)}</p>
                        <button
                            type="button"
                            id=button_id
                            aria-label=label
                            on:click=move |_| {
                                let target = BookingTarget {
                                    resource_id: offer.resource_id,
                                    timezone: offer.timezone.clone(),
                                    requires_approval: offer.requires_approval,
                                };
                                booking.open(target, offer.span.clone(), focus_id.clone());
                            }
                        >
                            {i18n.tr("home-book-now")}
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="resource-list">{cards}</ul> }.into_any()
    };
    view! {
        <section id="free-now" aria-labelledby=FREE_NOW_HEADING>
            <h2 id=FREE_NOW_HEADING tabindex="-1">{i18n.tr("home-free-heading")}</h2>
            <Form method="GET" action="/" attr:class="inline-form">
                <div class="field">
                    <label for="free-type">{i18n.tr("catalog-type")}</label>
                    <select id="free-type" name="type">
                        <option value="">{i18n.tr("catalog-any")}</option>
                        {options}
                    </select>
                </div>
                <button type="submit">{i18n.tr("home-free-show")}</button>
            </Form>
            {body}
        </section>
    }
}
