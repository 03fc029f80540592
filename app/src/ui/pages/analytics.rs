//! `/admin/analytics`: how much each resource is used, when people book, and the figures as
//! CSV, for the last week, month, quarter or year, or the coming week or month. Admins see
//! every resource, managers those of their groups; hours of the day are each resource's local
//! ones.

use leptos::prelude::*;

use crate::analytics::server_fns::load_analytics;
use crate::analytics::{AnalyticsReport, Overview, PeakTimes, ResourceUtilization};
use crate::i18n::{I18n, WEEKDAY_KEYS, use_i18n};
use crate::ui::forms::load_error;

/// The periods offered: days, and whether they are to come (else past).
const PERIODS: [(u32, bool); 6] = [
    (7, false),
    (30, false),
    (90, false),
    (365, false),
    (7, true),
    (30, true),
];
const DEFAULT_PERIOD: (u32, bool) = (30, false);

fn period_value((days, upcoming): (u32, bool)) -> String {
    format!("{}-{days}", if upcoming { "next" } else { "last" })
}

fn parse_period(value: &str) -> Option<(u32, bool)> {
    let (when, days) = value.split_once('-')?;
    Some((days.parse().ok()?, when == "next"))
}

#[component]
pub fn AdminAnalyticsPage() -> impl IntoView {
    let i18n = use_i18n();
    let period = RwSignal::new(DEFAULT_PERIOD);
    let report = Resource::new(
        move || period.get(),
        |(days, upcoming)| load_analytics(days, upcoming),
    );
    let options = PERIODS
        .into_iter()
        .map(|choice| {
            let key = if choice.1 {
                "analytics-next-days"
            } else {
                "analytics-days"
            };
            let label = move || i18n.t_count(key, "count", choice.0 as usize);
            view! { <option value=period_value(choice) selected=choice == DEFAULT_PERIOD>{label}</option> }
        })
        .collect_view();
    view! {
        <h1>{i18n.tr("analytics-heading")}</h1>
        <p class="hint">{i18n.tr("analytics-intro")}</p>
        <div class="filters">
            <label for="analytics-period">{i18n.tr("analytics-period")}</label>
            <select
                id="analytics-period"
                on:change=move |ev| {
                    if let Some(choice) = parse_period(&event_target_value(&ev)) {
                        period.set(choice);
                    }
                }
            >
                {options}
            </select>
        </div>
        <Transition fallback=move || view! { <p aria-busy="true">{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(report) => view! { <Report report /> }.into_any(),
                    Err(error) => load_error(&error),
                }
            })}
        </Transition>
    }
}

#[component]
fn Report(report: AnalyticsReport) -> impl IntoView {
    let i18n = use_i18n();
    let utc =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let period = &report.dashboard.period;
    let query = format!("from={}&to={}", utc(period.start), utc(period.end));
    let downloads = [
        ("utilization.csv", "analytics-download-utilization"),
        ("reservations.csv", "analytics-download-reservations"),
    ]
    .map(|(file, key)| {
        view! { <li><a href=format!("/api/v1/analytics/export/{file}?{query}") download>{i18n.tr(key)}</a></li> }
    });
    view! {
        <OverviewList overview=report.dashboard.overview />
        <UtilizationTable rows=report.utilization />
        <Peaks peaks=report.peaks />
        <section aria-labelledby="analytics-downloads">
            <h2 id="analytics-downloads">{i18n.tr("analytics-downloads")}</h2>
            <ul>{downloads.into_iter().collect_view()}</ul>
        </section>
    }
}

fn percent(i18n: I18n, value: f64) -> String {
    i18n.t_with("analytics-percent", "value", &i18n.decimal(value))
}

#[component]
fn OverviewList(overview: Overview) -> impl IntoView {
    let i18n = use_i18n();
    let counts = [
        ("analytics-resources", overview.total_resources),
        ("analytics-bookings", overview.total_reservations),
        ("analytics-active", overview.active_reservations),
        ("analytics-pending", overview.pending_reservations),
        ("analytics-cancelled", overview.cancelled_reservations),
    ]
    .map(|(key, count)| view! { <div><dt>{i18n.tr(key)}</dt> <dd>{count}</dd></div> });
    let rate = overview.cancellation_rate;
    let average = overview.average_utilization;
    view! {
        <section aria-labelledby="analytics-overview">
            <h2 id="analytics-overview">{i18n.tr("analytics-overview")}</h2>
            <dl class="stat-grid" data-testid="analytics-overview">
                {counts.into_iter().collect_view()}
                <div>
                    <dt>{i18n.tr("analytics-cancellation-rate")}</dt>
                    <dd>{move || percent(i18n, rate)}</dd>
                </div>
                <div>
                    <dt>{i18n.tr("analytics-average-utilization")}</dt>
                    <dd>{move || percent(i18n, average)}</dd>
                </div>
            </dl>
        </section>
    }
}

#[component]
fn UtilizationTable(rows: Vec<ResourceUtilization>) -> impl IntoView {
    let i18n = use_i18n();
    let table = (!rows.is_empty()).then(|| {
        let body = rows
            .into_iter()
            .map(|row| {
                let (booked, open, used) = (
                    row.booked_hours,
                    row.total_hours_available,
                    row.utilization_percent,
                );
                view! {
                    <tr>
                        <th scope="row"><a href=format!("/resources/{}", row.resource_id)>{row.resource_name}</a></th>
                        <td>{row.reservation_count}</td>
                        <td>{move || i18n.decimal(booked)}</td>
                        <td>{move || i18n.decimal(open)}</td>
                        <td>{move || percent(i18n, used)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="data-table" aria-labelledby="analytics-utilization">
                <thead>
                    <tr>
                        <th scope="col">{i18n.tr("analytics-resource")}</th>
                        <th scope="col">{i18n.tr("analytics-bookings")}</th>
                        <th scope="col">{i18n.tr("analytics-booked-hours")}</th>
                        <th scope="col">{i18n.tr("analytics-open-hours")}</th>
                        <th scope="col">{i18n.tr("analytics-utilization")}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        }
    });
    let empty = table
        .is_none()
        .then(|| view! { <p class="empty">{i18n.tr("analytics-no-resources")}</p> });
    view! {
        <section aria-labelledby="analytics-utilization">
            <h2 id="analytics-utilization">{i18n.tr("analytics-utilization-heading")}</h2>
            {table}
            {empty}
        </section>
    }
    .into_any()
}

/// The busiest hour and day in words, then bookings by day of the week and by hour.
#[component]
fn Peaks(peaks: PeakTimes) -> impl IntoView {
    let i18n = use_i18n();
    let busiest_day = peaks
        .daily_distribution
        .iter()
        .filter(|d| d.count > 0)
        .max_by_key(|d| (d.count, std::cmp::Reverse(d.day_number)))
        .map(|d| d.day_number as usize);
    let summary = match (peaks.peak_hour, busiest_day) {
        (Some(hour), Some(day)) => {
            let hours = format!("{hour:02}:00–{:02}:00", (hour + 1) % 24);
            (move || {
                i18n.t_args(
                    "analytics-peak-summary",
                    &[("hours", &hours), ("day", &i18n.t(WEEKDAY_KEYS[day % 7]))],
                )
            })
            .into_any()
        }
        _ => (move || i18n.t("analytics-no-bookings")).into_any(),
    };
    let days = peaks
        .daily_distribution
        .into_iter()
        .map(|d| {
            let key = WEEKDAY_KEYS[d.day_number as usize % 7];
            view! { <tr><th scope="row">{i18n.tr(key)}</th><td>{d.count}</td></tr> }
        })
        .collect_view();
    let hours = peaks
        .hourly_distribution
        .into_iter()
        .filter(|h| h.count > 0)
        .map(|h| {
            let hours = format!("{:02}:00–{:02}:00", h.hour, (h.hour + 1) % 24);
            view! { <tr><th scope="row">{hours}</th><td>{h.count}</td></tr> }
        })
        .collect_view();
    view! {
        <section aria-labelledby="analytics-peaks">
            <h2 id="analytics-peaks">{i18n.tr("analytics-peaks-heading")}</h2>
            <p data-testid="analytics-peak-summary">{summary}</p>
            <table class="data-table">
                <caption>{i18n.tr("analytics-by-day")}</caption>
                <thead><tr><th scope="col">{i18n.tr("analytics-day")}</th><th scope="col">{i18n.tr("analytics-bookings")}</th></tr></thead>
                <tbody>{days}</tbody>
            </table>
            <table class="data-table">
                <caption>{i18n.tr("analytics-by-hour")}</caption>
                <thead><tr><th scope="col">{i18n.tr("analytics-hour")}</th><th scope="col">{i18n.tr("analytics-bookings")}</th></tr></thead>
                <tbody>{hours}</tbody>
            </table>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_period_offered_reads_back_as_itself() {
        for choice in PERIODS {
            assert_eq!(parse_period(&period_value(choice)), Some(choice));
        }
        assert_eq!(parse_period("soon"), None);
    }
}
