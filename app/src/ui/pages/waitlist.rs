//! `/waitlist`: my places in line; an offer shows how long it is held, counting down, with
//! accept and decline. An offer made while the page is open appears without a reload.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::reservations::waitlist_fns::{MyWaitlistEntry, answer_waitlist, my_waitlist};
use crate::ui::forms::{Announcer, load_error, span_text};
use crate::ui::live;

/// The Fluent key of a waitlist status's word.
fn status_key(status: &str) -> &'static str {
    match status {
        "waiting" => "waitlist-status-waiting",
        "offered" => "waitlist-status-offered",
        "accepted" => "waitlist-status-accepted",
        "declined" => "waitlist-status-declined",
        "expired" => "waitlist-status-expired",
        _ => "waitlist-status-cancelled",
    }
}

/// `m:ss` for a countdown.
pub fn clock(seconds: i64) -> String {
    let seconds = seconds.max(0);
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[component]
pub fn WaitlistPage() -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(0u32);
    let announcement = RwSignal::new(None::<&'static str>);
    // Seconds since the list was read, for the offers' countdowns.
    let ticks = RwSignal::new(0i64);
    let entries = Resource::new(move || version.get(), |_| my_waitlist());
    Effect::new(move |_| {
        if let Ok(handle) = set_interval_with_handle(
            move || ticks.update(|t| *t += 1),
            std::time::Duration::from_secs(1),
        ) {
            on_cleanup(move || handle.clear());
        }
    });
    let reread = move || {
        ticks.set(0);
        version.update(|v| *v += 1);
    };
    // An offer made while the page is open appears at once.
    live::follow(|change| change.kind == "waitlist_offer", reread);
    let done = Callback::new(move |key: &'static str| {
        announcement.set(Some(key));
        reread();
    });
    view! {
        <h1>{i18n.tr("waitlist-heading")}</h1>
        <p class="hint">{i18n.tr("waitlist-intro")}</p>
        <Announcer message=Signal::derive(move || announcement.get().map(|key| i18n.t(key))) />
        <Transition fallback=move || view! { <p aria-busy="true">{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{i18n.tr("waitlist-empty")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="booking-list">
                            {list.into_iter().map(|entry| view! { <EntryCard entry ticks done /> }.into_any()).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(error) => load_error(&error),
                }
            })}
        </Transition>
    }
}

#[component]
fn EntryCard(
    entry: MyWaitlistEntry,
    ticks: RwSignal<i64>,
    done: Callback<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let failure = RwSignal::new(None::<AppError>);
    let id = entry.id;
    let act = Action::new(move |choice: &&'static str| {
        let choice = *choice;
        async move {
            answer_waitlist(id, choice.to_owned())
                .await
                .map(|()| choice)
        }
    });
    Effect::new(move |_| match act.value().get() {
        Some(Ok(choice)) => done.run(match choice {
            "accept" => "waitlist-accepted",
            "decline" => "waitlist-declined",
            _ => "waitlist-left",
        }),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let zone = entry.timezone.clone();
    let wanted = span_text(i18n, &entry.wanted, &zone);
    let name = entry.resource_name.clone();
    let status = status_key(&entry.status);
    let button = move |choice: &'static str, key: &'static str, class: &'static str| {
        let label = i18n.t_with(&format!("{key}-named"), "name", &name);
        view! {
            <button type="button" class=class aria-label=label disabled=move || act.pending().get() on:click=move |_| { act.dispatch(choice); }>
                {i18n.t(key)}
            </button>
        }
    };
    let actions = match entry.status.as_str() {
        "offered" => Some(view! { <div class="dialog-actions">{button("accept", "waitlist-accept", "")} {button("decline", "waitlist-decline", "secondary")}</div> }.into_any()),
        "waiting" => Some(view! { <div class="dialog-actions">{button("leave", "waitlist-leave", "secondary")}</div> }.into_any()),
        _ => None,
    };
    let offer = entry.offer.clone().map(|span| {
        let text = span_text(i18n, &span, &zone);
        let left = entry.seconds_left.unwrap_or_default();
        let remaining = move || left - ticks.get();
        view! {
            <p class="offer">{move || i18n.t_with("waitlist-offer", "when", &text)}</p>
            <p class="countdown">
                {move || {
                    if remaining() > 0 {
                        i18n.t_with("waitlist-held-for", "time", &clock(remaining()))
                    } else {
                        i18n.t("waitlist-offer-ended")
                    }
                }}
            </p>
        }
    });
    view! {
        <li class="booking-card" data-status=entry.status.clone()>
            <h3><a href=format!("/resources/{}", entry.resource_id)>{entry.resource_name.clone()}</a></h3>
            <p class="when">{move || i18n.t_with("waitlist-wanted", "when", &wanted)}</p>
            <p class="meta">
                <span class="status">{i18n.tr(status)}</span>
                {entry.position.map(|p| view! { " · " <span>{move || i18n.t_count("waitlist-position", "position", p as usize)}</span> })}
            </p>
            {offer}
            {move || failure.get().map(|e| view! { <p class="form-error" role="alert">{i18n.t(e.message_key())}</p> })}
            {actions}
        </li>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn countdowns_read_minutes_and_seconds() {
        assert_eq!(super::clock(1799), "29:59");
        assert_eq!(super::clock(61), "1:01");
        assert_eq!(super::clock(-3), "0:00");
    }
}
