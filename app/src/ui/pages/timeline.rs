//! `/timeline`: one day of many resources, a row each, filtered by type, tag and group. A
//! free hour opens the booking dialog for its resource. The rows are one tab stop: left and
//! right move along a row, up and down between rows, Enter or Space books.

use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::i18n::use_i18n;
use crate::reservations::server_fns::LocalSpan;
use crate::resources::timeline_fns::{TimelineDay, day_timeline};
use crate::ui::calendar::{
    BookingAnnouncer, BookingDialog, BookingState, BookingTarget, focus_element, neighbour,
    use_booking, your_time,
};
use crate::ui::forms::load_error;

#[component]
pub fn TimelinePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let booking = BookingState::provide();
    booking.follow_live(|_| true);
    let value = move |name: &str| query.with(|q| q.get(name).unwrap_or_default());
    let timeline = Resource::new(
        move || {
            (
                value("date"),
                value("type"),
                value("tag"),
                value("group"),
                booking.version.get(),
            )
        },
        |(date, kind, tag, group, _)| day_timeline(date, kind, tag, group),
    );
    view! {
        <h1>{i18n.tr("timeline-heading")}</h1>
        <BookingAnnouncer />
        <Transition fallback=move || view! { <p aria-busy="true">{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match timeline.await {
                    Ok(timeline) => view! { <Timeline timeline value_of=Callback::new(move |name: String| value(&name)) /> }.into_any(),
                    Err(error) => load_error(&error),
                }
            })}
        </Transition>
        <BookingDialog />
    }
}

fn cell_id(row: usize, slot: usize) -> String {
    format!("tl-{row}-{slot}")
}

/// The timeline's keys in the week grid's terms: a row here is a day there.
fn as_grid_key(key: &str) -> &str {
    match key {
        "ArrowRight" => "ArrowDown",
        "ArrowLeft" => "ArrowUp",
        "ArrowDown" => "ArrowRight",
        "ArrowUp" => "ArrowLeft",
        other => other,
    }
}

#[component]
fn Timeline(timeline: TimelineDay, value_of: Callback<String, String>) -> impl IntoView {
    let i18n = use_i18n();
    let booking = use_booking();
    let TimelineDay {
        date,
        rows,
        matching,
        types,
        tags,
        groups,
        your_zone,
    } = timeline;
    let stored = StoredValue::new(rows.clone());
    let lengths: Vec<usize> = rows.iter().map(|r| r.day.slots.len()).collect();
    let first = lengths
        .iter()
        .position(|n| *n > 0)
        .map(|r| (r, 0))
        .unwrap_or_default();
    let lengths = StoredValue::new(lengths);
    let focus = RwSignal::new(first);
    booking.refocus_when_back(cell_id(first.0, first.1));
    let open = move |row: usize, slot: usize| {
        let Some((target, span)) = stored.with_value(|rows| {
            let r = rows.get(row)?;
            let s = r.day.slots.get(slot)?;
            s.state.opens_dialog().then(|| {
                let target = BookingTarget {
                    resource_id: r.resource_id,
                    timezone: r.timezone.clone(),
                    requires_approval: r.requires_approval,
                };
                (
                    target,
                    LocalSpan::on(r.day.date, s.start.clone(), s.end.clone()),
                )
            })
        }) else {
            return;
        };
        booking.open(target, span, cell_id(row, slot));
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent, row: usize, slot: usize| {
        let key = ev.key();
        match key.as_str() {
            "Enter" | " " => {
                ev.prevent_default();
                open(row, slot);
            }
            other => {
                let next = lengths.with_value(|l| neighbour(l, (row, slot), as_grid_key(other)));
                if let Some((r, s)) = next {
                    ev.prevent_default();
                    focus.set((r, s));
                    focus_element(&cell_id(r, s));
                }
            }
        }
    };
    let select = move |name: &'static str, label: &'static str, choices: Vec<(String, String)>| {
        let current = value_of.run(name.to_owned());
        let options = choices
            .into_iter()
            .map(|(value, text)| {
                let selected = value == current;
                view! { <option value=value selected=selected>{text}</option> }
            })
            .collect_view();
        let id = format!("timeline-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{i18n.tr(label)}</label>
                <select id=id name=name>
                    <option value="">{i18n.tr("catalog-any")}</option>
                    {options}
                </select>
            </div>
        }
    };
    let filters = view! {
        <Form method="GET" action="/timeline" attr:class="filters">
            <div class="field">
                <label for="timeline-date">{i18n.tr("booking-date")}</label>
                <input id="timeline-date" type="date" name="date" value=date.to_string() />
            </div>
            {select("type", "catalog-type", types.into_iter().map(|t| (t.id.to_string(), t.name)).collect())}
            {select("tag", "catalog-tags", tags.into_iter().map(|t| (t.name.clone(), t.name)).collect())}
            {select("group", "resource-group", groups.into_iter().map(|g| (g.id.to_string(), g.path)).collect())}
            <button type="submit">{i18n.tr("catalog-apply")}</button>
        </Form>
    }
    .into_any();
    let shown = rows.len();
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(row, resource)| {
            let closed = if resource.day.is_blackout {
                Some("resource-day-blackout")
            } else if resource.day.slots.is_empty() {
                Some("resource-day-closed")
            } else {
                None
            };
            let cells = resource
                .day
                .slots
                .into_iter()
                .enumerate()
                .map(|(slot, label)| {
                    let state = label.state;
                    view! {
                        <li>
                            <button
                                type="button"
                                id=cell_id(row, slot)
                                class="slot"
                                data-state=state.as_str()
                                aria-disabled=(!state.opens_dialog()).then_some("true")
                                tabindex=move || if focus.get() == (row, slot) { "0" } else { "-1" }
                                on:focus=move |_| focus.set((row, slot))
                                on:keydown=move |ev| on_key(ev, row, slot)
                                on:click=move |ev| {
                                    if ev.detail() != 0 {
                                        open(row, slot);
                                    }
                                }
                            >
                                <span class="slot-time">{label.start}</span>
                                {label.yours.map(|yours| view! {
                                    " "
                                    <span class="slot-yours">{your_time(i18n, &yours, date)}</span>
                                })}
                                " "
                                <span class="slot-state">{i18n.tr(state.label_key())}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="timeline-row" aria-labelledby=format!("tl-name-{row}")>
                    <h2 id=format!("tl-name-{row}")>
                        <a href=format!("/resources/{}?view=day&from={date}", resource.resource_id)>{resource.name}</a>
                        " " <span class="zone">{resource.timezone}</span>
                    </h2>
                    {closed.map(|key| view! { <p class="closed">{i18n.tr(key)}</p> })}
                    <ul class="slots">{cells}</ul>
                </section>
            }
            .into_any()
        })
        .collect_view();
    let day_link = move |days: i64| {
        let other = date + chrono::Duration::days(days);
        let keep = |name: &str| value_of.run(name.to_owned());
        format!(
            "/timeline?date={other}&type={}&tag={}&group={}",
            keep("type"),
            keep("tag"),
            keep("group")
        )
    };
    view! {
        {filters}
        <nav class="week-nav" aria-label=i18n.tr("week-nav-label")>
            <a href=day_link(-1)>{i18n.tr("week-previous")}</a>
            <a href=day_link(1)>{i18n.tr("week-next")}</a>
        </nav>
        <h2 class="timeline-date">{move || i18n.date(date)}</h2>
        <p class="count" role="status">
            {move || i18n.t_args("timeline-count", &[("shown", &shown.to_string()), ("matching", &matching.to_string())])}
        </p>
        <p class="hint">{i18n.tr("timeline-help")}</p>
        {your_zone.map(|yours| view! { <p class="hint">{move || i18n.t_with("timeline-your-zone", "yours", &yours)}</p> })}
        <div class="timeline" role="group" aria-label=i18n.tr("timeline-heading")>{body}</div>
    }
}
