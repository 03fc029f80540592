//! `/resources`: the catalog with its filters; `/resources/{id}`: one resource, its rules in
//! words and its availability over the coming week.

use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::i18n::use_i18n;
use crate::resources::server_fns::{
    CalendarView, CatalogPage, ResourceOverview, SlotState, WeekDay, catalog_view, resource_details,
};
use crate::resources::{self, BookingRules, ResourceStatus, SortOrder};
use crate::ui::calendar::{BookingAnnouncer, BookingDialog, BookingState, BookingTarget, WeekGrid};
use crate::ui::forms::load_error;
use crate::ui::id_param;

#[component]
pub fn ResourcesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let value = move |name: &str| query.with(|q| q.get(name).unwrap_or_default());
    let catalog = Resource::new(
        move || {
            query.with(|q| {
                (
                    q.get("q").unwrap_or_default(),
                    q.get_all("tags").unwrap_or_default(),
                    q.get("status").unwrap_or_default(),
                    q.get("type").unwrap_or_default(),
                    q.get("min_capacity").unwrap_or_default(),
                    q.get("sort").unwrap_or_default(),
                )
            })
        },
        |(q, tags, status, kind, capacity, sort)| {
            catalog_view(q, tags, status, kind, capacity, sort)
        },
    );
    view! {
        <h1>{i18n.tr("catalog-heading")}</h1>
        <Transition fallback=move || view! { <p aria-busy="true">{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match catalog.await {
                    Ok(view) => view! { <Catalog view value_of=Callback::new(move |name: String| value(&name)) chosen_tags=Signal::derive(move || query.with(|q| q.get_all("tags").unwrap_or_default())) /> }.into_any(),
                    Err(error) => load_error(&error),
                }
            })}
        </Transition>
    }
}

#[component]
fn Catalog(
    view: CatalogPage,
    value_of: Callback<String, String>,
    chosen_tags: Signal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let CatalogPage { page, tags, types } = view;
    let count = usize::try_from(page.total_count.unwrap_or_default()).unwrap_or(usize::MAX);
    let chosen_type = value_of.run("type".to_owned());
    let chosen_status = value_of.run("status".to_owned());
    let chosen_sort = value_of.run("sort".to_owned());
    view! {
        <Form method="GET" action="" attr:class="filters" attr:aria-label=i18n.t("catalog-filters")>
            <label>
                {i18n.tr("catalog-search")}
                <input type="search" name="q" value=value_of.run("q".to_owned()) />
            </label>
            <label>
                {i18n.tr("catalog-type")}
                <select name="type">
                    <option value="">{i18n.tr("catalog-any")}</option>
                    {types
                        .into_iter()
                        .map(|t| {
                            let selected = chosen_type == t.id.to_string();
                            view! { <option value=t.id.to_string() selected=selected>{t.name}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                {i18n.tr("catalog-status")}
                <select name="status">
                    <option value="">{i18n.tr("catalog-any")}</option>
                    {ResourceStatus::ALL
                        .into_iter()
                        .map(|s| {
                            let selected = chosen_status == s.as_str();
                            view! { <option value=s.as_str() selected=selected>{i18n.tr(s.label_key())}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                {i18n.tr("catalog-min-capacity")}
                <input type="number" name="min_capacity" min="0" value=value_of.run("min_capacity".to_owned()) />
            </label>
            <label>
                {i18n.tr("catalog-sort")}
                <select name="sort">
                    {SortOrder::ALL
                        .into_iter()
                        .map(|s| {
                            let selected = chosen_sort == s.as_str();
                            view! { <option value=s.as_str() selected=selected>{i18n.tr(s.label_key())}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <fieldset class="tag-choices">
                <legend>{i18n.tr("catalog-tags")}</legend>
                {tags
                    .into_iter()
                    .map(|tag| {
                        let checked = chosen_tags.get_untracked().contains(&tag.name);
                        let label = format!("{} ({})", tag.name, tag.resource_count);
                        view! {
                            <label class="tag-choice">
                                <input type="checkbox" name="tags" value=tag.name checked=checked />
                                {label}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <button type="submit">{i18n.tr("catalog-apply")}</button>
        </Form>
        <p class="count" role="status">{move || i18n.t_count("home-resources-count", "count", count)}</p>
        <ul class="resource-list">
            {page.data.into_iter().map(|r| view! { <ResourceCard resource=r /> }).collect_view()}
        </ul>
    }
}

#[component]
fn ResourceCard(resource: resources::Resource) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/resources/{}", resource.id);
    let status_key = resource.status.label_key();
    let capacity = resource.capacity;
    view! {
        <li class="resource-card" data-status=resource.status.as_str()>
            <h2><a href=href>{resource.name}</a></h2>
            <p class="meta">
                {resource.resource_type.map(|t| view! { <span class="type-badge">{t}</span> " " })}
                <span class="status">{i18n.tr(status_key)}</span>
                {capacity.map(|c| view! { " · " {move || i18n.t_count("resource-capacity", "count", c as usize)} })}
            </p>
            <p>{resource.description}</p>
            <ul class="tags" aria-label=i18n.t("catalog-tags")>
                {resource.tags.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
            </ul>
        </li>
    }
}

#[component]
pub fn ResourcePage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param();
    let query = use_query_map();
    let booking = BookingState::provide();
    booking.follow_live(move |resource| resource == untrack(id));
    // The view last asked for. Another week or view is shown at once; the same one asked for
    // again is a reading after a change, and waits for a range being chosen on the grid.
    let asked = StoredValue::new(None::<(i64, String, String)>);
    let details = Resource::new(
        move || {
            (
                id(),
                query.with(|q| q.get("from").unwrap_or_default()),
                query.with(|q| q.get("view").unwrap_or_default()),
                booking.version.get(),
            )
        },
        move |(id, from, shown, _)| {
            let view = (id, from.clone(), shown.clone());
            let moved = asked
                .try_update_value(|asked| asked.replace(view.clone()))
                .flatten()
                .is_some_and(|before| before != view);
            async move {
                let read = resource_details(id, from, shown).await;
                if !moved {
                    booking.choice_over().await;
                }
                read
            }
        },
    );
    view! {
        <Transition fallback=move || view! { <p aria-busy="true">{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match details.await {
                    Ok(details) => view! { <Details details /> }.into_any(),
                    Err(error) => view! { <h1>{i18n.tr("resource-heading")}</h1> {load_error(&error)} }.into_any(),
                }
            })}
        </Transition>
        <BookingDialog />
    }
}

#[component]
fn Details(details: ResourceOverview) -> impl IntoView {
    let i18n = use_i18n();
    let ResourceOverview {
        resource,
        rules,
        today,
        view: shown,
        days,
        your_zone,
    } = details;
    let status_key = resource.status.label_key();
    let timezone = resource.timezone.clone();
    let attributes: Vec<(String, String)> = resource.attributes.into_iter().collect();
    let first = days.first().map_or(today, |d| d.date);
    let id = resource.id;
    let page = move |shown: CalendarView, date: chrono::NaiveDate| {
        format!("/resources/{id}?view={}&from={date}", shown.as_str())
    };
    // Nothing before today is shown: the first page of a view is the one holding today.
    let earlier =
        (first > shown.range(today).0).then(|| page(shown, shown.step(first, false).max(today)));
    let later = page(shown, shown.step(first, true));
    let switcher = CalendarView::ALL
        .into_iter()
        .map(|v| {
            let current = (v == shown).then_some("page");
            view! { <li><a href=page(v, first.max(today)) aria-current=current>{i18n.tr(v.label_key())}</a></li> }
        })
        .collect_view();
    // Built in parts and type-erased: one nested view type this deep overflows the compiler.
    let facts = view! {
        <dl class="details">
            <dt>{i18n.tr("catalog-status")}</dt>
            <dd>{i18n.tr(status_key)}</dd>
            {resource.resource_type.map(|t| view! { <dt>{i18n.tr("catalog-type")}</dt> <dd>{t}</dd> })}
            {resource.group_path.map(|g| view! { <dt>{i18n.tr("resource-group")}</dt> <dd>{g}</dd> })}
            {resource.capacity.map(|c| view! { <dt>{i18n.tr("resource-capacity-label")}</dt> <dd>{c}</dd> })}
            <dt>{i18n.tr("resource-timezone")}</dt>
            <dd>{timezone.clone()}</dd>
            <dt>{i18n.tr("catalog-tags")}</dt>
            <dd>{resource.tags.join(", ")}</dd>
            {resource.requires_approval.then(|| view! { <dt>{i18n.tr("resource-approval")}</dt> <dd>{i18n.tr("resource-approval-needed")}</dd> })}
            {attributes.into_iter().map(|(k, v)| view! { <dt>{k}</dt> <dd>{v}</dd> }).collect_view()}
        </dl>
    }
    .into_any();
    let heading = move || match shown {
        CalendarView::Day => i18n.t_with("resource-day-heading", "date", &i18n.date(first)),
        CalendarView::Week => i18n.t_with("resource-week-heading", "date", &i18n.date(first)),
        CalendarView::Month => {
            i18n.t_with("resource-month-heading", "month", &i18n.month_year(first))
        }
    };
    let grid = if shown == CalendarView::Month {
        view! { <MonthGrid days link=Callback::new(move |date| page(CalendarView::Day, date)) /> }
            .into_any()
    } else {
        let target = BookingTarget {
            resource_id: resource.id,
            timezone: timezone.clone(),
            requires_approval: resource.requires_approval,
        };
        view! { <WeekGrid target week=days /> }.into_any()
    };
    let calendar = view! {
        <section aria-labelledby="week-heading" class="calendar">
            <h2 id="week-heading">{heading}</h2>
            <nav class="view-switch" aria-label=i18n.tr("view-label")><ul>{switcher}</ul></nav>
            <nav class="week-nav" aria-label=i18n.tr("week-nav-label")>
                {earlier.map(|href| view! { <a href=href>{i18n.tr("week-previous")}</a> })}
                <a href=later>{i18n.tr("week-next")}</a>
            </nav>
            <p class="hint">
                {match your_zone {
                    Some(yours) => i18n.t_args(
                        "resource-times-in-both-zones",
                        &[("zone", &timezone), ("yours", &yours)],
                    ),
                    None => i18n.t_with("resource-times-in-zone", "zone", &timezone),
                }}
            </p>
            <BookingAnnouncer />
            {grid}
        </section>
    }
    .into_any();
    view! {
        <h1>{resource.name}</h1>
        <p>{resource.description}</p>
        {facts}
        <section aria-labelledby="rules-heading">
            <h2 id="rules-heading">{i18n.tr("resource-rules-heading")}</h2>
            <RulesInWords rules />
        </section>
        {calendar}
    }
}

/// A calendar month: a day per cell under its weekday, with how many free hours it has. A
/// day links to its own page, where its hours are booked.
#[component]
fn MonthGrid(days: Vec<WeekDay>, link: Callback<chrono::NaiveDate, String>) -> impl IntoView {
    let i18n = use_i18n();
    let lead = days.first().map_or(0, |d| usize::from(d.weekday));
    let mut cells: Vec<Option<WeekDay>> = std::iter::repeat_n(None, lead)
        .chain(days.into_iter().map(Some))
        .collect();
    cells.resize(cells.len().div_ceil(7) * 7, None);
    let header = crate::i18n::WEEKDAY_KEYS
        .into_iter()
        .map(|key| {
            let short = move || i18n.t(key).chars().take(3).collect::<String>();
            view! { <th scope="col"><abbr title=move || i18n.t(key)>{short}</abbr></th> }
        })
        .collect_view();
    let rows = cells
        .chunks(7)
        .map(|week| {
            let cells = week
                .iter()
                .cloned()
                .map(|cell| {
                    let Some(day) = cell else {
                        return view! { <td></td> }.into_any();
                    };
                    let free = day
                        .slots
                        .iter()
                        .filter(|s| s.state == SlotState::Free)
                        .count();
                    let date = day.date;
                    let summary = move || {
                        if day.is_blackout {
                            i18n.t("resource-day-blackout")
                        } else {
                            i18n.t_count("resource-free-slots", "count", free)
                        }
                    };
                    // Read aloud as "Monday, 23 November: 5 free hours"; seen as "23" over "5 free hours".
                    view! {
                        <td data-free=free.to_string()>
                            <a href=link.run(date)>
                                <span class="month-day" aria-hidden="true">{date.format("%-d").to_string()}</span>
                                <span class="visually-hidden">{move || format!("{}: ", i18n.date(date))}</span>
                                <span class="month-free">{summary}</span>
                            </a>
                        </td>
                    }
                    .into_any()
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <table class="month">
            <thead><tr>{header}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[component]
fn RulesInWords(rules: BookingRules) -> impl IntoView {
    let i18n = use_i18n();
    let mut lines: Vec<(&'static str, u32)> = Vec::new();
    if let Some(m) = rules.min_duration_minutes {
        lines.push(("rule-min-duration", m));
    }
    if let Some(m) = rules.max_duration_minutes {
        lines.push(("rule-max-duration", m));
    }
    if let Some(m) = rules.buffer_before_minutes.filter(|m| *m > 0) {
        lines.push(("rule-buffer-before", m));
    }
    if let Some(m) = rules.buffer_after_minutes.filter(|m| *m > 0) {
        lines.push(("rule-buffer-after", m));
    }
    if let Some(m) = rules.min_notice_minutes.filter(|m| *m > 0) {
        lines.push(("rule-min-notice", m));
    }
    if let Some(d) = rules.horizon_days {
        lines.push(("rule-horizon", d));
    }
    if let Some(m) = rules.granularity_minutes.filter(|m| *m > 1) {
        lines.push(("rule-granularity", m));
    }
    if lines.is_empty() {
        return view! { <p>{i18n.tr("rule-none")}</p> }.into_any();
    }
    view! {
        <ul class="rules">
            {lines
                .into_iter()
                .map(|(key, n)| view! { <li>{move || i18n.t_count(key, "count", n as usize)}</li> })
                .collect_view()}
        </ul>
    }
    .into_any()
}
