//! `/approvals`: a board with a column per status for those who decide on bookings: what
//! waits (approve or reject, with a reason), and what was approved or declined this week.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::reservations::server_fns::{ApprovalCard, approval_board, decide_approval};
use crate::ui::forms::{Announcer, load_error, span_text};

#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(0u32);
    let announcement = RwSignal::new(None::<&'static str>);
    let board = Resource::new(move || version.get(), |_| approval_board());
    let decided = Callback::new(move |approved: bool| {
        announcement.set(Some(if approved {
            "approvals-approved-notice"
        } else {
            "approvals-rejected-notice"
        }));
        version.update(|v| *v += 1);
    });
    view! {
        <h1>{i18n.tr("approvals-heading")}</h1>
        <Announcer message=Signal::derive(move || announcement.get().map(|key| i18n.t(key))) />
        <Transition fallback=move || view! { <p aria-busy="true">{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(board) => view! {
                        <div class="board">
                            <Column heading="approvals-pending" id="pending" cards=board.pending decided />
                            <Column heading="approvals-approved" id="approved" cards=board.approved decided />
                            <Column heading="approvals-rejected" id="rejected" cards=board.rejected decided />
                        </div>
                    }
                    .into_any(),
                    Err(error) => load_error(&error),
                }
            })}
        </Transition>
    }
}

#[component]
fn Column(
    heading: &'static str,
    id: &'static str,
    cards: Vec<ApprovalCard>,
    decided: Callback<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    let count = cards.len();
    let waiting = id == "pending";
    let body = if cards.is_empty() {
        view! { <p class="empty">{i18n.tr("approvals-none")}</p> }.into_any()
    } else {
        view! {
            <ul class="booking-list">
                {cards
                    .into_iter()
                    .map(|card| view! { <Card card waiting decided /> }.into_any())
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="board-column" id=id aria-labelledby=labelled_by>
            <h2 id=heading_id>{i18n.tr(heading)} " " <span class="count">{format!("({count})")}</span></h2>
            {body}
        </section>
    }
}

#[component]
fn Card(card: ApprovalCard, waiting: bool, decided: Callback<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let failure = RwSignal::new(None::<AppError>);
    let reason = RwSignal::new(String::new());
    let id = card.id;
    let decide = Action::new(move |approved: &bool| {
        let approved = *approved;
        let text = reason.get_untracked();
        async move { decide_approval(id, approved, text).await.map(|()| approved) }
    });
    Effect::new(move |_| match decide.value().get() {
        Some(Ok(approved)) => decided.run(approved),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let field = format!("reason-{id}");
    let when = {
        let (span, zone) = (card.span.clone(), card.timezone.clone());
        move || span_text(i18n, &span, &zone)
    };
    let requester = card.username.clone();
    let resource = card.resource_name.clone();
    let actions = waiting.then(|| {
        let approve_label = i18n.t_args(
            "approvals-approve-named",
            &[("name", &requester), ("resource", &resource)],
        );
        let reject_label = i18n.t_args(
            "approvals-reject-named",
            &[("name", &requester), ("resource", &resource)],
        );
        view! {
            <div class="field">
                <label for=field.clone()>{i18n.tr("approvals-reason")}</label>
                <input id=field type="text" maxlength="500" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev)) />
            </div>
            <div class="dialog-actions">
                <button type="button" aria-label=approve_label disabled=move || decide.pending().get() on:click=move |_| { decide.dispatch(true); }>
                    {i18n.tr("approvals-approve")}
                </button>
                <button type="button" class="danger" aria-label=reject_label disabled=move || decide.pending().get() on:click=move |_| { decide.dispatch(false); }>
                    {i18n.tr("approvals-reject")}
                </button>
            </div>
        }
    });
    view! {
        <li class="booking-card">
            <h3><a href=format!("/resources/{}", card.resource_id)>{card.resource_name.clone()}</a></h3>
            <p class="when">{when}</p>
            <p class="meta">{move || i18n.t_with("approvals-requested-by", "name", &card.username)}</p>
            {(!card.title.is_empty()).then(|| view! { <p class="title">{card.title.clone()}</p> })}
            {(!card.reason.is_empty()).then(|| {
                let reason = card.reason.clone();
                view! { <p class="reason">{move || i18n.t_with("approvals-reason-given", "reason", &reason)}</p> }
            })}
            {move || failure.get().map(|e| view! { <p class="form-error" role="alert">{i18n.t(e.message_key())}</p> })}
            {actions}
        </li>
    }
}
