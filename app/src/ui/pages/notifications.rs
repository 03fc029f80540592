//! `/notifications`: what happened to my bookings and what waits for me, newest first; new
//! ones are marked as such in words, and can be marked read one by one or all at once.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::notifications::server_fns::{ShownNotification, my_notifications, read_notifications};
use crate::ui::calendar::focus_element;
use crate::ui::forms::{Announcer, load_error};

/// The page's heading, where focus returns after marking read.
const HEADING_ID: &str = "notifications-heading";

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(0u32);
    let announcement = RwSignal::new(None::<&'static str>);
    let failure = RwSignal::new(None::<AppError>);
    let inbox = Resource::new(move || version.get(), |_| my_notifications());
    let mark = Action::new(move |id: &Option<i64>| {
        let id = *id;
        async move { read_notifications(id).await.map(|()| id) }
    });
    Effect::new(move |_| match mark.value().get() {
        Some(Ok(id)) => {
            failure.set(None);
            announcement.set(Some(if id.is_some() {
                "notifications-marked"
            } else {
                "notifications-all-marked"
            }));
            version.update(|v| *v += 1);
            // The button pressed goes away with what it marked; keep focus on the page.
            focus_element(HEADING_ID);
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    view! {
        <h1 id=HEADING_ID tabindex="-1">{i18n.tr("notifications-heading")}</h1>
        <p class="hint">{i18n.tr("notifications-intro")}</p>
        <Announcer message=Signal::derive(move || announcement.get().map(|key| i18n.t(key))) />
        {move || failure.get().map(|e| view! { <p class="form-error" role="alert">{i18n.t(e.message_key())}</p> })}
        <Transition fallback=move || view! { <p aria-busy="true">{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match inbox.await {
                    Ok(inbox) if inbox.items.is_empty() => view! { <p class="empty">{i18n.tr("notifications-empty")}</p> }.into_any(),
                    Ok(inbox) => {
                        let unread = inbox.unread as usize;
                        view! {
                            <div class="dialog-actions">
                                <p data-testid="unread-count">{move || i18n.t_count("notifications-unread", "count", unread)}</p>
                                {(unread > 0).then(|| view! {
                                    <button type="button" class="secondary" disabled=move || mark.pending().get() on:click=move |_| { mark.dispatch(None); }>
                                        {i18n.tr("notifications-mark-all")}
                                    </button>
                                })}
                            </div>
                            <ul class="booking-list">
                                {inbox.items.into_iter().map(|item| view! { <NotificationCard item mark /> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                    Err(error) => load_error(&error),
                }
            })}
        </Transition>
    }
}

#[component]
fn NotificationCard(
    item: ShownNotification,
    mark: Action<Option<i64>, Result<Option<i64>, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let facts = item.facts.clone();
    let title = move || facts.title(i18n.locale());
    let facts = item.facts.clone();
    let message = move || facts.message(i18n.locale());
    let received_on = item.received_on;
    let received_at = item.received_at.clone();
    let received = move || {
        i18n.t_args(
            "notifications-received",
            &[("date", &i18n.date(received_on)), ("time", &received_at)],
        )
    };
    let id = item.id;
    // Titles repeat ("Booking confirmed"); the message tells the buttons and links apart.
    let message_id = format!("notification-{id}");
    let unread_actions = (!item.read).then(|| {
        let facts = item.facts.clone();
        let label = move || i18n.t_with("notifications-mark-read-named", "name", &facts.title(i18n.locale()));
        view! {
            <button type="button" class="secondary" aria-label=label aria-describedby=message_id.clone() disabled=move || mark.pending().get() on:click=move |_| { mark.dispatch(Some(id)); }>
                {i18n.tr("notifications-mark-read")}
            </button>
        }
    });
    view! {
        <li class="booking-card notification" data-read=item.read.to_string()>
            <h2>
                {title}
                {(!item.read).then(|| view! { " " <span class="badge">{i18n.tr("notifications-new")}</span> })}
            </h2>
            <p id=message_id.clone()>{message}</p>
            <p class="meta">{received}</p>
            <div class="dialog-actions">
                <a href=item.facts.kind.link() aria-describedby=message_id>{i18n.tr("notifications-open")}</a>
                {unread_actions}
            </div>
        </li>
    }
}
