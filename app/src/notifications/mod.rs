//! Notifications: what happened to a person's bookings, and what waits for them as an
//! approver. The server keeps the facts; the words are written when they are read, in the
//! reader's language, by the same code on the server (REST) and in the browser (the page).

pub mod server_fns;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use fluent::{FluentArgs, FluentValue};

use crate::i18n::{Locale, long_date, translate, translate_with};
use crate::reservations::server_fns::LocalSpan;

/// What a notification is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// Booked, and it holds.
    ReservationConfirmed,
    /// Booked, waiting for an approver.
    ReservationPending,
    ReservationApproved,
    ReservationRejected,
    /// Someone else moved it.
    ReservationRescheduled,
    /// Someone else cancelled it.
    ReservationCancelled,
    /// A recurring series was booked (`occurrences` of them).
    SeriesConfirmed,
    SeriesPending,
    /// Someone else cancelled several bookings of a series at once.
    SeriesCancelled,
    /// Someone asks to book a resource the reader approves.
    ApprovalRequested,
    /// Freed time the reader waited for is held for them.
    WaitlistOffer,
    /// The held time was not taken in time and has passed on.
    WaitlistOfferExpired,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 12] = [
        NotificationKind::ReservationConfirmed,
        NotificationKind::ReservationPending,
        NotificationKind::ReservationApproved,
        NotificationKind::ReservationRejected,
        NotificationKind::ReservationRescheduled,
        NotificationKind::ReservationCancelled,
        NotificationKind::SeriesConfirmed,
        NotificationKind::SeriesPending,
        NotificationKind::SeriesCancelled,
        NotificationKind::ApprovalRequested,
        NotificationKind::WaitlistOffer,
        NotificationKind::WaitlistOfferExpired,
    ];

    /// The name stored and sent as `type`.
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::ReservationConfirmed => "reservation_confirmed",
            NotificationKind::ReservationPending => "reservation_pending",
            NotificationKind::ReservationApproved => "reservation_approved",
            NotificationKind::ReservationRejected => "reservation_rejected",
            NotificationKind::ReservationRescheduled => "reservation_rescheduled",
            NotificationKind::ReservationCancelled => "reservation_cancelled",
            NotificationKind::SeriesConfirmed => "series_confirmed",
            NotificationKind::SeriesPending => "series_pending",
            NotificationKind::SeriesCancelled => "series_cancelled",
            NotificationKind::ApprovalRequested => "approval_requested",
            NotificationKind::WaitlistOffer => "waitlist_offer",
            NotificationKind::WaitlistOfferExpired => "waitlist_offer_expired",
        }
    }

    pub fn parse(text: &str) -> Option<NotificationKind> {
        NotificationKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }

    /// The page where the reader acts on it.
    pub fn link(self) -> &'static str {
        match self {
            NotificationKind::ApprovalRequested => "/approvals",
            NotificationKind::WaitlistOffer | NotificationKind::WaitlistOfferExpired => "/waitlist",
            _ => "/reservations",
        }
    }

    /// The Fluent key of its message; `<key>-title` is its title.
    fn key(self) -> String {
        format!("notification-{}", self.as_str().replace('_', "-"))
    }
}

/// What a notification says, before it is put into words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationFacts {
    pub kind: NotificationKind,
    pub resource_name: String,
    /// The resource's zone, in which `span` is written.
    pub zone: String,
    /// The (first) booking's time.
    pub span: LocalSpan,
    pub occurrences: u32,
    /// Who asked, in an approval request.
    pub person: String,
    /// Why, when one was given.
    pub reason: String,
}

impl NotificationFacts {
    pub fn title(&self, locale: Locale) -> String {
        translate_with(locale, &format!("{}-title", self.kind.key()), &[])
    }

    pub fn message(&self, locale: Locale) -> String {
        let when = translate_with(
            locale,
            "reservations-when",
            &[
                ("date", &long_date(locale, self.span.date)),
                ("start", &self.span.start),
                ("end", &self.span.end_words(locale)),
                ("zone", &self.zone),
            ],
        );
        let mut args = FluentArgs::new();
        args.set("resource", FluentValue::from(self.resource_name.as_str()));
        args.set("when", FluentValue::from(when));
        args.set("count", FluentValue::from(self.occurrences));
        args.set("person", FluentValue::from(self.person.as_str()));
        let message = translate(locale, &self.kind.key(), Some(&args));
        if self.reason.is_empty() {
            message
        } else {
            let reason = translate_with(locale, "notification-reason", &[("reason", &self.reason)]);
            format!("{message} {reason}")
        }
    }
}

/// A notification as `GET /api/v1/notifications` lists it, in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i64,
    #[serde(rename = "type")]
    pub kind: NotificationKind,
    pub title: String,
    pub message: String,
    /// The page of the web app where it can be acted on.
    pub link: String,
    pub read: bool,
    pub read_at: Option<DateTime<Utc>>,
    pub reservation_id: Option<i64>,
    pub resource_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

/// The answer to `POST /api/v1/notifications/mark-all-read`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkedRead {
    pub message: String,
    /// How many were unread until now.
    pub updated: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn facts(kind: NotificationKind, reason: &str) -> NotificationFacts {
        NotificationFacts {
            kind,
            resource_name: "Salle Verte".to_owned(),
            zone: "Europe/Paris".to_owned(),
            span: LocalSpan::on(
                NaiveDate::from_ymd_opt(2027, 3, 1).expect("date"),
                "09:00".to_owned(),
                "10:30".to_owned(),
            ),
            occurrences: 4,
            person: "Bea".to_owned(),
            reason: reason.to_owned(),
        }
    }

    #[test]
    fn every_kind_has_words_in_every_language() {
        for kind in NotificationKind::ALL {
            assert_eq!(NotificationKind::parse(kind.as_str()), Some(kind));
            for locale in Locale::ALL {
                let shown = facts(kind, "");
                let (title, message) = (shown.title(locale), shown.message(locale));
                assert!(!title.starts_with("notification-"), "{kind:?} {locale:?}");
                assert!(!message.starts_with("notification-"), "{kind:?} {locale:?}");
                assert!(message.contains("Salle Verte"), "{message}");
            }
        }
    }

    #[test]
    fn messages_name_the_time_the_reason_and_the_count_in_the_readers_language() {
        let cancelled = facts(NotificationKind::ReservationCancelled, "Deep clean");
        assert_eq!(cancelled.title(Locale::En), "Booking cancelled");
        assert_eq!(
            cancelled.message(Locale::En),
            "Your booking of Salle Verte on Monday, 1 March, 09:00–10:30 (Europe/Paris) was cancelled. Reason: Deep clean"
        );
        assert!(
            cancelled
                .message(Locale::Es)
                .contains("1 de marzo, 09:00–10:30 (Europe/Paris)")
        );
        assert!(cancelled.message(Locale::Fr).contains("Motif : Deep clean"));
        let series = facts(NotificationKind::SeriesConfirmed, "");
        assert!(
            series.message(Locale::En).contains("4 bookings"),
            "{}",
            series.message(Locale::En)
        );
        let request = facts(NotificationKind::ApprovalRequested, "");
        assert!(request.message(Locale::Es).contains("Bea"));
    }

    #[test]
    fn an_overnight_booking_is_said_to_end_the_next_day() {
        let mut overnight = facts(NotificationKind::ReservationConfirmed, "");
        overnight.span.start = "22:00".to_owned();
        overnight.span.end = "02:00".to_owned();
        overnight.span.ends_on = NaiveDate::from_ymd_opt(2027, 3, 2);
        for (locale, words) in [
            (Locale::En, "22:00–02:00 the next day (Europe/Paris)"),
            (Locale::Es, "22:00–02:00 del día siguiente (Europe/Paris)"),
            (Locale::Fr, "22:00–02:00 le lendemain (Europe/Paris)"),
        ] {
            let message = overnight.message(locale);
            assert!(message.contains(words), "{message}");
        }
    }
}
