//! The week grid of one resource and the booking dialog it opens. The grid is a set of
//! buttons with one tab stop: arrow keys move between slots, Enter or Space starts and ends a
//! selection, Escape drops it; a click, a drag over free time with the mouse, or touching and
//! holding a free hour, then sliding the finger, selects too.
//! The dialog checks the proposal with the server as it is edited, before anything is booked.

use std::task::{Poll, Waker};

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{I18n, use_i18n};
use crate::reservations::series_fns::{
    self, PlannedOccurrence, SeriesBooking, book_series, preview_series,
};
use crate::reservations::server_fns::{
    BookingCheck, BookingOutcome, LocalSpan, ZonedSpan, book_slot, check_booking, is_clock,
};
use crate::reservations::waitlist_fns::join_waitlist;
use crate::resources::server_fns::{SlotState, WeekDay};
use crate::ui::forms::{next_day_hint, show_modal_when_in_document, span_text};
use crate::ui::lazy::{NotLoaded, lazy_view};
use crate::ui::live;

/// What a page that books (home, a resource, the timeline), its grid and its dialog share.
#[derive(Clone, Copy)]
pub struct BookingState {
    /// The resource the dialog books; `Some` from the first time it is opened (`None` again
    /// if its code could not be fetched, so opening it tries again).
    target: RwSignal<Option<BookingTarget>>,
    /// The range the dialog proposes; `Some` while it is open (or its code is still loading).
    draft: RwSignal<Option<LocalSpan>>,
    /// The outcome of the last booking, announced politely.
    announcement: RwSignal<Option<Announcement>>,
    /// Bumped when the week shown is out of date and must be read again.
    pub version: RwSignal<u32>,
    /// The id of what opened the dialog (or had focus when the page was read again), focused
    /// again once it closes or the page is back.
    return_focus: RwSignal<Option<String>>,
    /// A range is being chosen on the grid (by keyboard, mouse or a finger held on it).
    selecting: RwSignal<bool>,
    /// Readings of the page that came back while a range was being chosen, woken once it is
    /// over (see [`BookingState::choice_over`]).
    held: StoredValue<Vec<Waker>>,
    /// Something changed while the dialog was open or a range was being chosen: the page is
    /// read again once that is over.
    stale: StoredValue<bool>,
}

/// What the booking dialog books: a resource, whose zone its times are in.
#[derive(Clone, Debug, PartialEq)]
pub struct BookingTarget {
    pub resource_id: i64,
    pub timezone: String,
    pub requires_approval: bool,
}

#[derive(Clone, Debug, PartialEq)]
enum Announcement {
    Booked(LocalSpan),
    Requested(LocalSpan),
    Joined(LocalSpan),
    Series(SeriesBooking),
    /// The dialog's code could not be fetched.
    NotLoaded,
}

impl BookingState {
    /// The booking state of a page that books (home, a resource, the timeline). For someone
    /// signed in, the booking dialog's code is fetched once the browser is idle after the page
    /// comes up, so the first range chosen rarely waits for it.
    pub fn provide() -> Self {
        #[cfg(feature = "hydrate")]
        {
            let user = crate::ui::session::use_current_user();
            let fetch = move || {
                if matches!(user.0.get_untracked(), Some(Ok(Some(_)))) {
                    // A failure is told when the dialog is first opened (`not_loaded`).
                    leptos::task::spawn_local(async {
                        let _ = __preload_booking_dialog().await;
                    });
                }
            };
            // Safari has no idle callbacks: a moment after the page is up will do.
            if request_idle_callback_with_handle(fetch).is_err() {
                set_timeout(fetch, std::time::Duration::from_millis(500));
            }
        }
        let state = BookingState {
            target: RwSignal::new(None),
            draft: RwSignal::new(None),
            announcement: RwSignal::new(None),
            version: RwSignal::new(0),
            return_focus: RwSignal::new(None),
            selecting: RwSignal::new(false),
            held: StoredValue::new(Vec::new()),
            stale: StoredValue::new(false),
        };
        provide_context(state);
        state
    }

    /// Reads the page again when a booking, or a resource's status, changes anywhere (live
    /// updates) on a resource for which `shown` is true. While the booking dialog is open, or a
    /// range is being chosen on the grid, the page waits until that is over, so nothing being
    /// typed, checked or selected is lost.
    pub fn follow_live(self, shown: impl Fn(i64) -> bool + 'static) {
        live::follow(
            move |change| change.kind != "waitlist_offer" && change.resource_id.is_some_and(&shown),
            move || {
                if self.draft.get_untracked().is_some() || self.selecting.get_untracked() {
                    self.stale.set_value(true);
                } else {
                    self.read_again();
                }
            },
        );
        // A choice given up without opening the dialog (Escape, a cancelled drag): catch up.
        // (Closing the dialog catches up by itself; focus returns once the page is back.)
        Effect::new(move |_| {
            if !self.selecting.get()
                && self.draft.get_untracked().is_none()
                && self.stale.get_value()
            {
                self.stale.set_value(false);
                self.read_again();
            }
        });
    }

    /// Whether a range is being chosen on the grid; once it no longer is, the readings of the
    /// page held back meanwhile go on.
    fn set_selecting(self, selecting: bool) {
        self.selecting.try_set(selecting);
        if !selecting {
            for reading in self
                .held
                .try_update_value(std::mem::take)
                .unwrap_or_default()
            {
                reading.wake();
            }
        }
    }

    /// Resolves once no range is being chosen on the grid. A page read again (a change heard
    /// live) awaits this before showing what it read: a reading already under way when a drag
    /// or a keyboard selection began would otherwise build the grid anew under it and drop
    /// the range being chosen.
    pub fn choice_over(self) -> impl Future<Output = ()> + Send + 'static {
        std::future::poll_fn(move |cx| {
            if self.selecting.try_get_untracked() == Some(true) {
                self.held
                    .try_update_value(|held| held.push(cx.waker().clone()));
                Poll::Pending
            } else {
                Poll::Ready(())
            }
        })
    }

    /// Reads the page again; what had keyboard focus has it again once the page is back (see
    /// [`BookingState::refocus_when_back`]).
    fn read_again(self) {
        if let Some(id) = focused_id() {
            self.return_focus.set(Some(id));
        }
        self.version.update(|v| *v += 1);
    }

    /// For a view the page builds anew each time it is read again: once it is back, keyboard
    /// focus returns to what had it (the slot or button that opened the dialog), or to
    /// `fallback` when that is no longer there (a resource just booked leaves "free now").
    pub fn refocus_when_back(self, fallback: String) {
        Effect::new(move |_| {
            if let Some(id) = self.return_focus.get_untracked()
                && self.draft.get_untracked().is_none()
            {
                self.return_focus.set(None);
                // The page updates what it shows in place once this view is built: until then
                // the element that had focus may still be there, about to go. Focus someone
                // has moved meanwhile stays where they put it.
                let fallback = fallback.clone();
                request_animation_frame(move || {
                    if focus_lost() && !focus_element(&id) {
                        focus_element(&fallback);
                    }
                });
            }
        });
    }
}

impl BookingState {
    /// Opens the dialog on `draft`, a range of `target`; `return_to` is focused again once
    /// it closes.
    pub fn open(self, target: BookingTarget, draft: LocalSpan, return_to: String) {
        if self.target.with_untracked(|t| t.as_ref() != Some(&target)) {
            self.target.set(Some(target));
        }
        self.return_focus.set(Some(return_to));
        self.draft.set(Some(draft));
        if self
            .announcement
            .with_untracked(|a| a == &Some(Announcement::NotLoaded))
        {
            self.announcement.set(None);
        }
    }

    /// The dialog's code could not be fetched: say so, and give focus back (or, if something
    /// changed meanwhile, read the page again). Opening it again tries again.
    fn not_loaded(self) {
        self.target.set(None);
        self.draft.set(None);
        self.announcement.set(Some(Announcement::NotLoaded));
        if self.stale.get_value() {
            self.stale.set_value(false);
            self.version.update(|v| *v += 1);
        } else {
            self.focus_back();
        }
    }

    /// Gives focus back to what opened the dialog, at once (the page is not read again).
    fn focus_back(self) {
        if let Some(id) = self.return_focus.try_update(Option::take).flatten() {
            focus_element(&id);
        }
    }
}

pub fn use_booking() -> BookingState {
    expect_context::<BookingState>()
}

fn cell_id(day: usize, slot: usize) -> String {
    format!("slot-{day}-{slot}")
}

/// The day and slot of a cell id made by [`cell_id`].
fn parse_cell_id(id: &str) -> Option<(usize, usize)> {
    let (day, slot) = id.strip_prefix("slot-")?.split_once('-')?;
    Some((day.parse().ok()?, slot.parse().ok()?))
}

/// The grid cell under a point of the viewport: a finger held on one slot stays captured by
/// it, so the slot it has moved to is found by position.
fn cell_at(x: i32, y: i32) -> Option<(usize, usize)> {
    #[cfg(feature = "hydrate")]
    let id = document()
        .element_from_point(x as f32, y as f32)?
        .closest(".slot")
        .ok()??
        .id();
    #[cfg(not(feature = "hydrate"))]
    let id = {
        let _ = (x, y);
        String::new()
    };
    parse_cell_id(&id)
}

/// How long a finger rests on a free hour before moving it selects hours instead of scrolling.
const TOUCH_HOLD: std::time::Duration = std::time::Duration::from_millis(400);

/// Moves keyboard focus to the element with `id`; false if the page has no such element or
/// it cannot take focus.
pub fn focus_element(id: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            .is_some_and(|element| {
                let _ = element.focus();
                document().active_element().as_ref() == Some(element.as_ref())
            })
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = id;
        false
    }
}

/// Nothing on the page has keyboard focus (what had it was removed, or it was never given).
fn focus_lost() -> bool {
    #[cfg(feature = "hydrate")]
    {
        document().active_element().is_none_or(|element| {
            document()
                .body()
                .is_some_and(|body| element == *body.as_ref())
        })
    }
    #[cfg(not(feature = "hydrate"))]
    false
}

/// The id of the element that has keyboard focus, if it has one.
fn focused_id() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        document()
            .active_element()
            .map(|element| element.id())
            .filter(|id| !id.is_empty())
    }
    #[cfg(not(feature = "hydrate"))]
    None
}

/// Where an arrow, Home or End key moves focus from slot `at` of a grid whose days hold
/// `lengths` slots: up and down within a day, left and right to the nearest day with slots.
pub fn neighbour(lengths: &[usize], at: (usize, usize), key: &str) -> Option<(usize, usize)> {
    let (day, slot) = at;
    let len = |d: usize| lengths.get(d).copied().unwrap_or_default();
    let beside = |d: usize| (d, slot.min(len(d).saturating_sub(1)));
    match key {
        "ArrowDown" => (slot + 1 < len(day)).then_some((day, slot + 1)),
        "ArrowUp" => slot.checked_sub(1).map(|s| (day, s)),
        "ArrowRight" => (day + 1..lengths.len()).find(|&d| len(d) > 0).map(beside),
        "ArrowLeft" => (0..day).rev().find(|&d| len(d) > 0).map(beside),
        "Home" => (len(day) > 0).then_some((day, 0)),
        "End" => len(day).checked_sub(1).map(|s| (day, s)),
        _ => None,
    }
}

fn between(slot: usize, a: usize, b: usize) -> bool {
    (a.min(b)..=a.max(b)).contains(&slot)
}

/// The polite announcement of the last booking made on this page.
#[component]
pub fn BookingAnnouncer() -> impl IntoView {
    let i18n = use_i18n();
    let booking = use_booking();
    let text = move || {
        booking.announcement.get().map(|a| {
            let (key, span, link, link_key) = match &a {
                Announcement::Series(done) => return series_announcement(done),
                Announcement::NotLoaded => {
                    return view! { <p class="error">{i18n.tr("booking-not-loaded")}</p> }
                        .into_any();
                }
                Announcement::Booked(span) => {
                    ("booking-booked", span, "/reservations", "booking-see-mine")
                }
                Announcement::Requested(span) => (
                    "booking-requested",
                    span,
                    "/reservations",
                    "booking-see-mine",
                ),
                Announcement::Joined(span) => {
                    ("booking-joined", span, "/waitlist", "booking-see-waitlist")
                }
            };
            let date = i18n.date(span.date);
            let message = i18n.t_args(
                key,
                &[
                    ("date", &date),
                    ("start", &span.start),
                    ("end", &span.end_words(i18n.locale())),
                ],
            );
            view! { <p class="notice">{message} " " <a href=link>{i18n.t(link_key)}</a></p> }
                .into_any()
        })
    };
    view! { <div class="announcer" role="status" aria-live="polite">{text}</div> }
}

/// "Booked 3 of 4 occurrences", and the list of the skipped ones.
fn series_announcement(done: &SeriesBooking) -> AnyView {
    let i18n = use_i18n();
    let created = done.created.len();
    let total = created + done.skipped.len();
    let key = if done.pending {
        "booking-series-requested"
    } else {
        "booking-series-booked"
    };
    let message = i18n.t_args(
        key,
        &[
            ("created", &created.to_string()),
            ("total", &total.to_string()),
        ],
    );
    let skipped = (!done.skipped.is_empty()).then(|| {
        let items = done
            .skipped
            .iter()
            .map(|o| view! { <li>{occurrence_text(o, &done.timezone)}</li> })
            .collect_view();
        view! {
            <p>{i18n.t("booking-series-skipped-heading")}</p>
            <ul class="occurrences">{items}</ul>
        }
    });
    view! {
        <div class="notice">
            <p>{message} " " <a href="/reservations">{i18n.t("booking-see-mine")}</a></p>
            {skipped}
        </div>
    }
    .into_any()
}

/// One occurrence of a series in words: its date and time, and why it would be skipped.
/// "It overlaps a booking from 14:00 to 15:00.", naming the booking's date when it is not
/// `date` (the proposal's): an overnight proposal may meet one on the next day.
fn conflict_text(i18n: I18n, conflict: &LocalSpan, date: Option<chrono::NaiveDate>) -> String {
    let end = conflict.end_words(i18n.locale());
    if date == Some(conflict.date) {
        i18n.t_args(
            "booking-conflict",
            &[("start", &conflict.start), ("end", &end)],
        )
    } else {
        i18n.t_args(
            "booking-conflict-on",
            &[
                ("date", &i18n.date(conflict.date)),
                ("start", &conflict.start),
                ("end", &end),
            ],
        )
    }
}

fn occurrence_text(occurrence: &PlannedOccurrence, zone: &str) -> String {
    let i18n = use_i18n();
    let when = span_text(i18n, &occurrence.span, zone);
    if occurrence.bookable() {
        return i18n.t_with("occurrence-free", "when", &when);
    }
    let reasons = occurrence
        .conflicts
        .iter()
        .map(|c| conflict_text(i18n, c, Some(occurrence.span.date)))
        .chain(occurrence.violations.iter().map(|key| i18n.t(key)))
        .collect::<Vec<_>>()
        .join(" ");
    i18n.t_args(
        "occurrence-skipped",
        &[("when", &when), ("reasons", &reasons)],
    )
}

/// A week of slots of `target`; free ones open the booking dialog.
#[component]
pub fn WeekGrid(target: BookingTarget, week: Vec<WeekDay>) -> impl IntoView {
    let i18n = use_i18n();
    let booking = use_booking();
    let target = StoredValue::new(target);
    let first = week
        .iter()
        .enumerate()
        .find_map(|(d, day)| {
            day.slots
                .iter()
                .position(|s| s.state == SlotState::Free)
                .map(|s| (d, s))
        })
        .or_else(|| {
            week.iter()
                .position(|day| !day.slots.is_empty())
                .map(|d| (d, 0))
        })
        .unwrap_or_default();
    let days = StoredValue::new(week.clone());
    let focus = RwSignal::new(first);
    let anchor = RwSignal::new(None::<(usize, usize)>);
    let drag = RwSignal::new(None::<((usize, usize), (usize, usize))>);
    // A finger resting on a free hour: after TOUCH_HOLD it starts a drag (moving sooner scrolls).
    let hold = StoredValue::new(None::<TimeoutHandle>);
    let pressed = RwSignal::new(false);
    // A touch drag has just opened the dialog: the tap the browser may still send is not a new choice.
    let dragged = StoredValue::new(false);
    let release_hold = move || {
        if let Some(handle) = hold.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        pressed.set(false);
    };
    let start_hold = move |day: usize, slot: usize| {
        release_hold();
        let started = set_timeout_with_handle(
            move || {
                hold.set_value(None);
                drag.set(Some(((day, slot), (day, slot))));
                pressed.set(false);
            },
            TOUCH_HOLD,
        );
        hold.set_value(started.ok());
        pressed.set(true);
    };
    // Live updates wait while a range is being chosen: reading the week again would drop it.
    Effect::new(move |_| {
        booking.set_selecting(anchor.get().is_some() || drag.get().is_some() || pressed.get());
    });
    // A grid replaced mid-choice (another view, another week) is choosing nothing any more.
    on_cleanup(move || booking.set_selecting(false));

    booking.refocus_when_back(cell_id(first.0, first.1));

    let open = move |day: usize, a: usize, b: usize| {
        let (from, to) = (a.min(b), a.max(b));
        let draft = days.with_value(|w| {
            let d = w.get(day)?;
            Some(LocalSpan::on(
                d.date,
                d.slots.get(from)?.start.clone(),
                d.slots.get(to)?.end.clone(),
            ))
        });
        if let Some(draft) = draft {
            anchor.set(None);
            booking.open(target.get_value(), draft, cell_id(day, b));
        }
    };
    let is_open = move |day: usize, slot: usize| {
        days.with_value(|w| {
            w.get(day)
                .and_then(|d| d.slots.get(slot))
                .is_some_and(|s| s.state.opens_dialog())
        })
    };
    // Enter or Space: the first press starts a selection (on a free slot, or a taken one to
    // join its waitlist), the second (on the same day) ends it and opens the dialog.
    let choose = move |day: usize, slot: usize| match anchor.get_untracked() {
        Some((d, start)) if d == day => open(day, start, slot),
        _ if is_open(day, slot) => anchor.set(Some((day, slot))),
        _ => {}
    };
    let selected = move |day: usize, slot: usize| {
        if let Some(((d, from), (_, to))) = drag.get() {
            return d == day && between(slot, from, to);
        }
        match (anchor.get(), focus.get()) {
            (Some((d, start)), (fd, fs)) if d == day => {
                between(slot, start, if fd == day { fs } else { start })
            }
            _ => false,
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent, day: usize, slot: usize| {
        let key = ev.key();
        match key.as_str() {
            "Enter" | " " => {
                ev.prevent_default();
                choose(day, slot);
            }
            "Escape" if anchor.get_untracked().is_some() => {
                ev.prevent_default();
                anchor.set(None);
            }
            other => {
                let lengths: Vec<usize> =
                    days.with_value(|w| w.iter().map(|d| d.slots.len()).collect());
                if let Some((d, s)) = neighbour(&lengths, (day, slot), other) {
                    ev.prevent_default();
                    focus.set((d, s));
                    focus_element(&cell_id(d, s));
                }
            }
        }
    };
    let selection_text = move || {
        anchor.get().and_then(|(day, slot)| {
            days.with_value(|w| {
                let start = &w.get(day)?.slots.get(slot)?.start;
                Some(i18n.t_with("grid-selection-started", "start", start))
            })
        })
    };

    let columns = week
        .into_iter()
        .enumerate()
        .map(|(day, column)| {
            let date = column.date;
            let free = column.slots.iter().filter(|s| s.state == SlotState::Free).count();
            let body = if column.is_blackout {
                let reason = column.blackout_reason.unwrap_or_default();
                view! { <p class="closed">{i18n.tr("resource-day-blackout")} " " {reason}</p> }
                    .into_any()
            } else if column.slots.is_empty() {
                view! { <p class="closed">{i18n.tr("resource-day-closed")}</p> }.into_any()
            } else {
                let cells = column
                    .slots
                    .into_iter()
                    .enumerate()
                    .map(|(slot, label)| {
                        let state = label.state;
                        let free = state == SlotState::Free;
                        let opens = state.opens_dialog();
                        view! {
                            <li>
                                <button
                                    type="button"
                                    id=cell_id(day, slot)
                                    class="slot"
                                    data-state=state.as_str()
                                    data-available=free.to_string()
                                    data-selected=move || selected(day, slot).to_string()
                                    aria-disabled=(!opens).then_some("true")
                                    tabindex=move || if focus.get() == (day, slot) { "0" } else { "-1" }
                                    on:focus=move |_| focus.set((day, slot))
                                    on:keydown=move |ev| on_key(ev, day, slot)
                                    on:click=move |ev| {
                                        // Keyboard presses are handled on keydown.
                                        if ev.detail() != 0 && opens && !dragged.get_value() {
                                            open(day, slot, slot);
                                        }
                                        dragged.set_value(false);
                                    }
                                    on:pointerdown=move |ev| {
                                        dragged.set_value(false);
                                        if !free || !ev.is_primary() {
                                            return;
                                        }
                                        match ev.pointer_type().as_str() {
                                            "mouse" if ev.button() == 0 => {
                                                drag.set(Some(((day, slot), (day, slot))));
                                            }
                                            "touch" => start_hold(day, slot),
                                            _ => {}
                                        }
                                    }
                                >
                                    <span class="slot-time">{format!("{}–{}", label.start, label.end)}</span>
                                    {label.yours.map(|yours| view! {
                                        " "
                                        <span class="slot-yours">{your_time(i18n, &yours, date)}</span>
                                    })}
                                    " "
                                    <span class="slot-state">
                                        {move || {
                                            if selected(day, slot) {
                                                i18n.t("slot-selected")
                                            } else {
                                                i18n.t(state.label_key())
                                            }
                                        }}
                                    </span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="slots">{cells}</ul> }.into_any()
            };
            view! {
                <section class="day" aria-label=move || i18n.date(date)>
                    <h3>{move || i18n.date(date)}</h3>
                    <p class="day-summary">{move || i18n.t_count("resource-free-slots", "count", free)}</p>
                    {body}
                </section>
            }
        })
        .collect_view();

    view! {
        <p class="hint" id="grid-help">{i18n.tr("grid-help")}</p>
        <div
            class="week"
            role="group"
            aria-labelledby="week-heading"
            aria-describedby="grid-help"
            on:pointermove=move |ev| {
                if let Some((from, to)) = drag.get_untracked()
                    && let Some(under) = cell_at(ev.client_x(), ev.client_y())
                    && under.0 == from.0
                    && under != to
                {
                    drag.set(Some((from, under)));
                }
            }
            on:pointerup=move |ev| {
                release_hold();
                // A drag over several slots books the range; a plain click is handled by the slot.
                // A finger held still on one hour books that hour, as a tap would.
                if let Some((from, to)) = drag.get_untracked() {
                    drag.set(None);
                    let touch = ev.pointer_type() == "touch";
                    if from != to || touch {
                        dragged.set_value(touch);
                        open(from.0, from.1, to.1);
                    }
                }
            }
            // The browser took the touch to scroll it.
            on:pointercancel=move |_| {
                release_hold();
                drag.set(None);
            }
            on:pointerleave=move |ev| {
                if ev.pointer_type() == "mouse" {
                    drag.set(None);
                }
            }
            // While a finger drags over hours the page must not scroll under it, nor open the
            // long-press menu.
            on:touchmove=move |ev| {
                if drag.get_untracked().is_some() {
                    ev.prevent_default();
                }
            }
            on:contextmenu=move |ev| {
                if drag.get_untracked().is_some() {
                    ev.prevent_default();
                }
            }
        >
            {columns}
        </div>
        <p class="selection-status" role="status">{selection_text}</p>
    }
}

type Proposal = (String, String, String);

/// The booking dialog of a page, placed once outside what the page reads again, so a page
/// read again while it is open leaves it alone. Its code is not in the page's first load (see
/// [`BookingState::provide`]); the dialog is in the document from the first time it is opened,
/// and opens once it is there.
#[component]
pub fn BookingDialog() -> impl IntoView {
    let booking = use_booking();
    view! {
        <Suspense>
            {move || {
                booking
                    .target
                    .get()
                    .map(|target| {
                        Suspend::new(async move {
                            booking_dialog(target)
                                .await
                                .unwrap_or_else(|NotLoaded| {
                                    booking.not_loaded();
                                    ().into_any()
                                })
                        })
                    })
            }}
        </Suspense>
    }
}

lazy_view! {
    /// The dialog with its code, loaded on first use.
    fn booking_dialog(target: BookingTarget) {
        view! { <DialogForm target /> }.into_any()
    }
    preload __preload_booking_dialog
}

/// The modal dialog that books a range: date, start, end and a title, checked as they change.
#[component]
fn DialogForm(target: BookingTarget) -> impl IntoView {
    let BookingTarget {
        resource_id,
        timezone,
        requires_approval,
    } = target;
    let i18n = use_i18n();
    let booking = use_booking();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let date = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    // Repeating: "" (once), daily, weekly or monthly; ending after `count`, or on `until`.
    let repeat = RwSignal::new(String::new());
    let count = RwSignal::new(DEFAULT_COUNT.to_owned());
    let until = RwSignal::new(String::new());
    let checked = RwSignal::new(None::<(Proposal, Result<BookingCheck, AppError>)>);
    let previewed =
        RwSignal::new(None::<(series_fns::Form, Result<Vec<PlannedOccurrence>, AppError>)>);
    let failure = RwSignal::new(None::<AppError>);
    // Set once the week shown may be out of date (something was booked or found taken).
    let stale = booking.stale;
    let proposal = move || (date.get(), start.get(), end.get());
    // The series the form names, once it repeats (without the title, which changes nothing).
    let series = move || {
        let frequency = repeat.get();
        (!frequency.is_empty()).then(|| series_fns::Form {
            resource_id,
            date: date.get(),
            start: start.get(),
            end: end.get(),
            title: String::new(),
            frequency,
            count: count.get().trim().parse().unwrap_or_default(),
            until: until.get(),
        })
    };
    let join = Action::new(move |_: &()| {
        let (d, s, e) = proposal_untracked(date, start, end);
        async move { join_waitlist(resource_id, d, s, e).await }
    });
    let submit = Action::new(move |_: &()| {
        let (d, s, e) = proposal_untracked(date, start, end);
        let t = title.get_untracked();
        async move { book_slot(resource_id, d, s, e, t).await }
    });
    let submit_series = Action::new(move |_: &()| {
        let form = untrack(series).map(|form| series_fns::Form {
            title: title.get_untracked(),
            ..form
        });
        async move {
            match form {
                Some(form) => book_series(form).await,
                None => Err(AppError::InvalidInput(String::new())),
            }
        }
    });

    // Opening: the draft fills the fields and the dialog is shown modally.
    Effect::new(move |_| {
        let Some(draft) = booking.draft.get() else {
            return;
        };
        date.set(draft.date.to_string());
        start.set(draft.start);
        end.set(draft.end);
        title.set(String::new());
        repeat.set(String::new());
        count.set(DEFAULT_COUNT.to_owned());
        until.set(String::new());
        failure.set(None);
        checked.set(None);
        previewed.set(None);
        submit.value().set(None);
        submit_series.value().set(None);
        show_modal_when_in_document(dialog, None);
    });
    // Checking, each time the proposal changes while the dialog is open.
    Effect::new(move |_| {
        let key = proposal();
        if booking.draft.with(Option::is_none)
            || !repeat.with(String::is_empty)
            || !is_clock(&key.1)
            || !is_clock(&key.2)
        {
            return;
        }
        leptos::task::spawn_local(async move {
            let answer =
                check_booking(resource_id, key.0.clone(), key.1.clone(), key.2.clone()).await;
            checked.set(Some((key, answer)));
        });
    });
    // Previewing the series, each time it changes while the dialog is open.
    Effect::new(move |_| {
        let Some(form) = series() else {
            return;
        };
        if booking.draft.with(Option::is_none) || !is_clock(&form.start) || !is_clock(&form.end) {
            return;
        }
        leptos::task::spawn_local(async move {
            let answer = preview_series(form.clone()).await;
            previewed.set(Some((form, answer)));
        });
    });
    let close = move || {
        if let Some(element) = dialog.get_untracked() {
            element.close();
        }
    };
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(BookingOutcome::Booked { pending, span, .. })) => {
            booking.announcement.set(Some(if pending {
                Announcement::Requested(span)
            } else {
                Announcement::Booked(span)
            }));
            stale.set_value(true);
            close();
        }
        Some(Ok(BookingOutcome::Refused(found))) => {
            stale.set_value(true);
            checked.set(Some((proposal_untracked(date, start, end), Ok(found))));
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    Effect::new(move |_| match submit_series.value().get() {
        Some(Ok(done)) => {
            stale.set_value(true);
            if done.created.is_empty() {
                // Nothing could be booked: the preview shows why.
                if let Some(form) = untrack(series) {
                    previewed.set(Some((form, Ok(done.skipped))));
                }
            } else {
                booking.announcement.set(Some(Announcement::Series(done)));
                close();
            }
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    Effect::new(move |_| match join.value().get() {
        Some(Ok(entry)) => {
            booking
                .announcement
                .set(Some(Announcement::Joined(entry.wanted)));
            close();
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let on_close = move |_| {
        booking.draft.set(None);
        if stale.get_value() {
            // The page is read again; focus returns once it is back (`refocus_when_back`).
            stale.set_value(false);
            booking.version.update(|v| *v += 1);
        } else {
            booking.focus_back();
        }
    };

    let zone = timezone.clone();
    let verdict = move || {
        let (_, s, e) = proposal();
        if !is_clock(&s) || !is_clock(&e) {
            return view! { <p class="check-problem">{i18n.t("booking-bad-time")}</p> }.into_any();
        }
        if let Some(form) = series() {
            let current = previewed.with(|p| {
                p.as_ref()
                    .filter(|(key, _)| *key == form)
                    .map(|(_, answer)| answer.clone())
            });
            return series_preview(current, &zone);
        }
        let current = checked.with(|c| {
            c.as_ref()
                .filter(|(key, _)| *key == proposal())
                .map(|(_, answer)| answer.clone())
        });
        match current {
            None => view! { <p aria-busy="true">{i18n.t("booking-checking")}</p> }.into_any(),
            Some(Ok(check)) if check.available => {
                let key = if requires_approval {
                    "booking-free-approval"
                } else {
                    "booking-free"
                };
                view! {
                    <p class="check-ok">{i18n.t(key)}</p>
                    {your_zone(check.in_your_zone)}
                }
                .into_any()
            }
            Some(Ok(check)) => {
                // Only a time that is taken, and otherwise within the rules, can be waited for.
                let waitable = !check.conflicts.is_empty() && check.violations.is_empty();
                view! {
                {your_zone(check.in_your_zone)}
                <div class="check-problem">
                    <p>{i18n.t("booking-not-possible")}</p>
                    <ul>
                        {check
                            .conflicts
                            .into_iter()
                            .map(|c| {
                                let text = conflict_text(i18n, &c, date.with(|d| d.parse().ok()));
                                view! { <li>{text}</li> }
                            })
                            .collect_view()}
                        {check.violations.into_iter().map(|key| view! { <li>{i18n.t(&key)}</li> }).collect_view()}
                    </ul>
                    {waitable.then(|| view! {
                        <button type="button" class="secondary" disabled=move || join.pending().get() on:click=move |_| { failure.set(None); join.dispatch(()); }>
                            {i18n.t("booking-join-waitlist")}
                        </button>
                    })}
                </div>
            }
            .into_any()
            }
            Some(Err(error)) => {
                view! { <p class="check-problem">{i18n.t(error.message_key())}</p> }.into_any()
            }
        }
    };

    // An end earlier than the start is on the next day: say which.
    let next_day = move || {
        let (d, s, e) = proposal();
        next_day_hint(i18n, &d, &s, &e)
    };
    let form = view! {
            <form
                class="stacked-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    failure.set(None);
                    if repeat.with_untracked(String::is_empty) {
                        submit.dispatch(());
                    } else {
                        submit_series.dispatch(());
                    }
                }
            >
                <div class="field">
                    <label for="booking-date">{i18n.tr("booking-date")}</label>
                    <input id="booking-date" type="date" required prop:value=date on:input=move |ev| date.set(event_target_value(&ev)) />
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="booking-start">{i18n.tr("booking-start")}</label>
                        <input id="booking-start" type="text" inputmode="numeric" required size="5" aria-describedby="booking-time-hint" prop:value=start on:input=move |ev| start.set(event_target_value(&ev)) />
                    </div>
                    <div class="field">
                        <label for="booking-end">{i18n.tr("booking-end")}</label>
                        <input id="booking-end" type="text" inputmode="numeric" required size="5" aria-describedby="booking-time-hint booking-end-day" prop:value=end on:input=move |ev| end.set(event_target_value(&ev)) />
                    </div>
                </div>
                <p class="hint" id="booking-time-hint">{i18n.tr("booking-time-hint")}</p>
                <p class="hint" id="booking-end-day" aria-live="polite">{next_day}</p>
                <div class="field">
                    <label for="booking-title">{i18n.tr("booking-title")}</label>
                    <input id="booking-title" type="text" maxlength="200" prop:value=title on:input=move |ev| title.set(event_target_value(&ev)) />
                </div>
                <RepeatFields repeat count until />
                <div class="check" role="status" aria-live="polite">{verdict}</div>
                {move || failure.get().map(|e| view! { <p class="form-error" role="alert">{i18n.t(e.message_key())}</p> })}
                <div class="dialog-actions">
                    <button type="submit" disabled=move || submit.pending().get() || submit_series.pending().get()>{i18n.tr("booking-submit")}</button>
                    <button type="button" class="secondary" on:click=move |_| close()>{i18n.tr("booking-close")}</button>
                </div>
            </form>
    }
    .into_any();
    view! {
        <dialog node_ref=dialog class="booking-dialog" aria-labelledby="booking-dialog-heading" on:close=on_close>
            <h2 id="booking-dialog-heading">{i18n.tr("booking-dialog-heading")}</h2>
            <p class="hint">{move || i18n.t_with("booking-times-in-zone", "zone", &timezone)}</p>
            {form}
        </dialog>
    }
}

/// A slot's times in the person's own zone, saying so when they fall on another day than
/// the slot's `date` in the resource's zone.
pub(crate) fn your_time(i18n: I18n, yours: &LocalSpan, date: chrono::NaiveDate) -> String {
    let key = match yours.date.cmp(&date) {
        std::cmp::Ordering::Less => "slot-your-time-day-before",
        std::cmp::Ordering::Equal => "slot-your-time",
        std::cmp::Ordering::Greater => "slot-your-time-day-after",
    };
    i18n.t_args(key, &[("start", &yours.start), ("end", &yours.end)])
}

/// "In your zone (Europe/Paris): …", when the person's zone is not the resource's.
fn your_zone(elsewhere: Option<ZonedSpan>) -> Option<impl IntoView> {
    let i18n = use_i18n();
    elsewhere.map(|z| {
        let when = span_text(i18n, &z.span, &z.zone);
        view! { <p class="your-zone">{i18n.t_with("booking-in-your-zone", "when", &when)}</p> }
    })
}

/// How many times a new series repeats unless the person says otherwise.
const DEFAULT_COUNT: &str = "4";

/// The dialog's repeat choice: how often, and until when.
#[component]
fn RepeatFields(
    repeat: RwSignal<String>,
    count: RwSignal<String>,
    until: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let choices = [
        ("", "booking-repeat-none"),
        ("daily", "booking-repeat-daily"),
        ("weekly", "booking-repeat-weekly"),
        ("monthly", "booking-repeat-monthly"),
    ]
    .into_iter()
    .map(|(value, key)| view! { <option value=value selected=move || repeat.get() == value>{i18n.tr(key)}</option> })
    .collect_view();
    let ends = move || {
        (!repeat.with(String::is_empty)).then(|| {
            view! {
                <div class="field-row">
                    <div class="field">
                        <label for="booking-count">{i18n.tr("booking-repeat-count")}</label>
                        <input id="booking-count" type="number" min="1" max=series_fns::MAX_REPEAT.to_string() size="4" prop:value=count on:input=move |ev| count.set(event_target_value(&ev)) />
                    </div>
                    <div class="field">
                        <label for="booking-until">{i18n.tr("booking-repeat-until")}</label>
                        <input id="booking-until" type="date" aria-describedby="booking-until-hint" prop:value=until on:input=move |ev| until.set(event_target_value(&ev)) />
                    </div>
                </div>
                <p class="hint" id="booking-until-hint">{i18n.tr("booking-repeat-hint")}</p>
            }
        })
    };
    view! {
        <div class="field">
            <label for="booking-repeat">{i18n.tr("booking-repeat")}</label>
            <select id="booking-repeat" on:change=move |ev| repeat.set(event_target_value(&ev))>{choices}</select>
        </div>
        {ends}
    }
}

/// The occurrences a series would have, each free or skipped, with a count of each.
fn series_preview(
    current: Option<Result<Vec<PlannedOccurrence>, AppError>>,
    zone: &str,
) -> AnyView {
    let i18n = use_i18n();
    match current {
        None => view! { <p aria-busy="true">{i18n.t("booking-checking")}</p> }.into_any(),
        Some(Err(error)) => {
            view! { <p class="check-problem">{i18n.t(error.message_key())}</p> }.into_any()
        }
        Some(Ok(plan)) => {
            let free = plan.iter().filter(|o| o.bookable()).count();
            let summary = i18n.t_args(
                "booking-series-summary",
                &[
                    ("total", &plan.len().to_string()),
                    ("free", &free.to_string()),
                    ("skipped", &(plan.len() - free).to_string()),
                ],
            );
            let items = plan
                .iter()
                .map(|o| {
                    let state = if o.bookable() { "free" } else { "skipped" };
                    view! { <li data-state=state>{occurrence_text(o, zone)}</li> }
                })
                .collect_view();
            view! {
                <div class="series-preview">
                    <p class=if free == 0 { "check-problem" } else { "check-ok" }>{summary}</p>
                    <ul class="occurrences">{items}</ul>
                </div>
            }
            .into_any()
        }
    }
}

fn proposal_untracked(
    date: RwSignal<String>,
    start: RwSignal<String>,
    end: RwSignal<String>,
) -> Proposal {
    (
        date.get_untracked(),
        start.get_untracked(),
        end.get_untracked(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_found_again_from_its_id() {
        assert_eq!(parse_cell_id(&cell_id(3, 17)), Some((3, 17)));
        assert_eq!(parse_cell_id("slot-3"), None);
        assert_eq!(parse_cell_id("week-heading"), None);
        assert_eq!(parse_cell_id("slot-a-1"), None);
    }

    #[test]
    fn arrows_move_within_a_day_and_across_days_with_slots() {
        let lengths = [3, 0, 2];
        assert_eq!(neighbour(&lengths, (0, 0), "ArrowDown"), Some((0, 1)));
        assert_eq!(neighbour(&lengths, (0, 2), "ArrowDown"), None);
        assert_eq!(neighbour(&lengths, (0, 0), "ArrowUp"), None);
        // The closed day in between is skipped; the slot index is kept within the next day.
        assert_eq!(neighbour(&lengths, (0, 2), "ArrowRight"), Some((2, 1)));
        assert_eq!(neighbour(&lengths, (2, 0), "ArrowLeft"), Some((0, 0)));
        assert_eq!(neighbour(&lengths, (2, 1), "ArrowRight"), None);
        assert_eq!(neighbour(&lengths, (0, 1), "End"), Some((0, 2)));
        assert_eq!(neighbour(&lengths, (0, 1), "Home"), Some((0, 0)));
        assert_eq!(neighbour(&lengths, (0, 1), "a"), None);
    }

    #[test]
    fn only_whole_clock_readings_are_checked() {
        assert!(is_clock("09:30"));
        assert!(is_clock(" 24:00 "));
        assert!(!is_clock("9:30"));
        assert!(!is_clock("09:3"));
        assert!(!is_clock("09h30"));
    }
}
