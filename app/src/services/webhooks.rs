//! Webhooks: addresses that are sent a signed JSON POST when something happens.
//!
//! The changes that raise an event (`enqueue`) write one delivery row per subscribed webhook
//! in their own transaction: a refused or rolled-back change sends nothing, and a committed
//! one is sent even if the process stops before sending it. The delivery worker (in the
//! server) claims due rows (`claim_due`), posts them and reports back (`finish`); failures are
//! retried with doubling delays, up to `MAX_ATTEMPTS` tries. A claim holds a row for
//! a minute, so a process that dies mid-send leaves it to be tried again, and on
//! PostgreSQL several processes claim with `SKIP LOCKED`, never the same row at once.
//! Receivers get each event at least once; `X-Webhook-Delivery` names the row, for dedupe.
//!
//! Who may: `webhook:<action>:all` manages every webhook, and a webhook made with
//! `webhook:create:all` hears of every event; with only `:own`, one manages one's own
//! webhooks, which hear only of one's own bookings and waitlist offers (and of resources,
//! which everyone may read). A webhook of a deactivated account hears nothing.

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, KeyInit, Mac};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::{LockBehavior, LockType},
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::Sha256;

use super::authz::Principal;
use super::authz::load_grants;
use super::secrets::{hex, new_token};
use super::writer::Writer;
use super::{ServiceError, audit, booking};
use crate::domain::permissions::{Action, Model, RecordOwnership};
use crate::pagination::{Page, PageRequest};
use crate::persistence::entities::{reservation, resource, user, webhook, webhook_delivery};

/// The events a webhook may subscribe to.
pub const EVENTS: &[&str] = &[
    "reservation.created",
    "reservation.cancelled",
    "reservation.updated",
    "reservation.approved",
    "reservation.rejected",
    "waitlist.offer",
    "waitlist.accepted",
    "waitlist.expired",
    "resource.created",
    "resource.updated",
    "resource.deleted",
];

/// The event `POST /webhooks/{id}/test` sends; tried once, never retried.
pub const TEST_EVENT: &str = "webhook.test";

/// How many times a delivery is tried before it is marked failed.
pub const MAX_ATTEMPTS: i32 = 10;

/// How long a claimed delivery is held for the process sending it, in seconds.
const CLAIM_LEASE_SECS: i64 = 60;

/// The longest wait between two tries.
const MAX_BACKOFF_SECS: i64 = 6 * 3600;

const MAX_URL: usize = 2000;
const MAX_DESCRIPTION: usize = 500;
/// The most webhooks one account may have.
const MAX_WEBHOOKS: u64 = 50;

/// The scope of a webhook made with `webhook:create:all`: it hears of every event.
const ALL_SCOPE: &str = "all";
/// The scope of a webhook made with only `webhook:create:own`.
const OWN_SCOPE: &str = "own";

const PENDING: &str = "pending";
const DELIVERED: &str = "delivered";
const FAILED: &str = "failed";

/// A webhook as the REST API shows it (the secret only once, on creation).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Webhook {
    pub id: i64,
    pub url: String,
    pub events: Vec<String>,
    pub description: String,
    pub active: bool,
    /// `all` (every event) or `own` (events about the owner's records).
    pub scope: String,
    pub owner_id: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new webhook with its signing secret, which is shown this once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CreatedWebhook {
    #[serde(flatten)]
    pub webhook: Webhook,
    pub secret: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct NewWebhook {
    pub url: String,
    pub events: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// `is_active` is accepted too, as the system Reserver replaces named it.
    #[serde(default, alias = "is_active")]
    pub active: Option<bool>,
}

/// `PATCH /webhooks/{id}`: the fields given change.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct WebhookChange {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub events: Option<Vec<String>>,
    #[serde(default)]
    pub description: Option<String>,
    /// `is_active` is accepted too, as the system Reserver replaces named it.
    #[serde(default, alias = "is_active")]
    pub active: Option<bool>,
}

/// One event sent (or to be sent) to one webhook.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Delivery {
    pub id: i64,
    pub webhook_id: i64,
    pub event: String,
    /// `pending`, `delivered` or `failed` (no tries left).
    pub status: String,
    pub attempts: i32,
    /// The receiver's HTTP status on the last try; none when it could not be reached.
    pub response_status: Option<i32>,
    /// Why the last try failed.
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// When a pending delivery is tried next.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The body sent.
    pub payload: Value,
}

/// A delivery claimed for sending (no `Debug`: it holds the secret).
#[derive(Clone)]
pub struct Due {
    pub id: i32,
    pub url: String,
    pub secret: String,
    pub event: String,
    pub payload: String,
    /// Which try this is (1 for the first).
    pub attempt: i32,
    /// Made with only `webhook:create:own`: posts only to public addresses, unless the host
    /// allows more (`OwnReach`).
    pub own: bool,
}

/// What became of one try.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// The receiver answered with this status.
    Answered(u16),
    /// It could not be reached, or did not answer in time.
    Unreachable(String),
}

/// `sha256=<hex HMAC-SHA256(secret, body)>`, the `X-Webhook-Signature` of a body.
pub fn signature(secret: &str, body: &str) -> String {
    // HMAC takes keys of any length.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(body.as_bytes());
    format!("sha256={}", hex(&mac.finalize().into_bytes()))
}

/// The wait before try `attempt + 1` after try `attempt` failed: `base`, doubling each time,
/// at most six hours.
pub fn backoff(base: Duration, attempt: i32) -> Duration {
    let doublings = u32::try_from(attempt.saturating_sub(1))
        .unwrap_or(0)
        .min(30);
    let secs = base.num_seconds().max(1).saturating_mul(1_i64 << doublings);
    Duration::seconds(secs.min(MAX_BACKOFF_SECS))
}

// ---- Raising events --------------------------------------------------------------------

/// Queues `event` about `data` for every active webhook of an active account that subscribes
/// to it and may hear of it, by its owner's grants now (not when it was made): all-scope ones
/// while the owner holds `webhook:read:all`, own-scope ones while the owner holds some
/// `webhook:read` and `subject` (whose record it is) is the owner or none (everyone's).
async fn enqueue(
    tx: &impl ConnectionTrait,
    event: &str,
    subject: Option<i32>,
    data: Value,
) -> Result<(), ServiceError> {
    let hooks = webhook::Entity::find()
        .filter(webhook::Column::Active.eq(true))
        .filter(webhook::Column::OwnerId.in_subquery(active_accounts()))
        .all(tx)
        .await?;
    let now = Utc::now();
    let mut body = None;
    for hook in hooks {
        if !subscribed(&hook, event) {
            continue;
        }
        let (_, grants) = load_grants(tx, hook.owner_id).await?;
        let hears = if hook.scope == ALL_SCOPE {
            grants.may_all(Model::Webhook, Action::Read)
        } else {
            grants.may(Model::Webhook, Action::Read) && subject.is_none_or(|s| s == hook.owner_id)
        };
        if !hears {
            continue;
        }
        let body = body.get_or_insert_with(|| {
            json!({"event": event, "created_at": now, "data": data}).to_string()
        });
        webhook_delivery::ActiveModel {
            webhook_id: Set(hook.id),
            event: Set(event.to_owned()),
            payload: Set(body.clone()),
            status: Set(PENDING.to_owned()),
            attempts: Set(0),
            next_attempt_at: Set(now),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(tx)
        .await?;
    }
    Ok(())
}

/// The ids of accounts that are not deactivated.
fn active_accounts() -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(user::Column::Id)
        .from(user::Entity)
        .and_where(user::Column::IsActive.eq(true))
        .to_owned()
}

fn subscribed(hook: &webhook::Model, event: &str) -> bool {
    serde_json::from_str::<Vec<String>>(&hook.events)
        .is_ok_and(|events| events.iter().any(|e| e == event))
}

/// The events a line of a booking's history raises (`action` as in `reservation_events`).
fn reservation_events(action: &str) -> &'static [&'static str] {
    match action {
        "created" => &["reservation.created"],
        "offer_accepted" => &["waitlist.accepted", "reservation.created"],
        "offered" => &["waitlist.offer"],
        "offer_expired" => &["waitlist.expired"],
        "cancelled" => &["reservation.cancelled"],
        "rescheduled" | "edited" => &["reservation.updated"],
        "approved" => &["reservation.approved"],
        "rejected" => &["reservation.rejected"],
        _ => &[],
    }
}

/// Queues the events a change to a booking raises; `data` is the booking after the change.
pub(crate) async fn reservation_changed(
    tx: &impl ConnectionTrait,
    row: &reservation::Model,
    action: &str,
) -> Result<(), ServiceError> {
    let events = reservation_events(action);
    if events.is_empty() {
        return Ok(());
    }
    let data = booking::to_api_json(row)?;
    for event in events {
        enqueue(tx, event, Some(row.user_id), data.clone()).await?;
    }
    Ok(())
}

/// Queues `resource.<verb>` (`created`, `updated`, `deleted`) about `row`.
pub(crate) async fn resource_changed(
    tx: &impl ConnectionTrait,
    row: &resource::Model,
    verb: &str,
) -> Result<(), ServiceError> {
    let data = json!({
        "id": row.id,
        "name": row.name,
        "description": row.description,
        "status": row.status,
        "resource_type_id": row.resource_type_id,
        "group_id": row.group_id,
        "capacity": row.capacity,
        "timezone": row.timezone,
        "requires_approval": row.requires_approval,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    });
    enqueue(tx, &format!("resource.{verb}"), None, data).await
}

// ---- Managing webhooks -----------------------------------------------------------------

fn to_api(row: webhook::Model) -> Webhook {
    Webhook {
        id: row.id.into(),
        events: serde_json::from_str(&row.events).unwrap_or_default(),
        url: row.url,
        description: row.description,
        active: row.active,
        scope: row.scope,
        owner_id: row.owner_id.into(),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

/// An absolute `http` or `https` address with a host and no user name or password in it.
fn validate_url(url: &str) -> Result<String, ServiceError> {
    let url = url.trim();
    let bad = |why: &str| Err(ServiceError::InvalidInput(format!("url {why}")));
    if url.is_empty() {
        return bad("is required");
    }
    if url.len() > MAX_URL {
        return bad(&format!("must be at most {MAX_URL} characters"));
    }
    let Ok(parsed) = url.parse::<http::Uri>() else {
        return bad("is not a valid address");
    };
    if !matches!(parsed.scheme_str(), Some("http" | "https")) {
        return bad("must start with http:// or https://");
    }
    match parsed.authority() {
        None => bad("must name a host"),
        Some(authority) if authority.as_str().contains('@') => {
            bad("must not hold a user name or password")
        }
        Some(authority) if authority.host().is_empty() => bad("must name a host"),
        Some(_) => Ok(url.to_owned()),
    }
}

/// The scope a webhook of `stored` scope acts under when `principal` changes or tests it:
/// `all` only while they hold `webhook:create:all`.
fn scope_for(principal: &Principal, stored: &str) -> &'static str {
    if stored == ALL_SCOPE && principal.grants.may_all(Model::Webhook, Action::Create) {
        ALL_SCOPE
    } else {
        OWN_SCOPE
    }
}

/// Where webhooks made with only `webhook:create:own` may post. Any account may have those,
/// so by default they may not make the server post into its own network; administrators'
/// webhooks (`webhook:create:all`) may post anywhere.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OwnReach {
    /// Public addresses only. An address written as a number is refused when the webhook is
    /// saved; a name is checked each time a delivery is sent, against what it resolves to then.
    #[default]
    Public,
    /// Any address (`RESERVER_WEBHOOK_PRIVATE_ADDRESSES=true`), for receivers on the same network.
    Any,
}

/// Why a delivery to a non-public address was not sent.
pub const NOT_PUBLIC: &str = "the receiver's address is not public (loopback, private, link-local or reserved); webhooks of your own may post only to public addresses";

impl OwnReach {
    /// Refuses `url` for a webhook of `scope` when its host is an address this reach forbids.
    fn check(self, scope: &str, url: &str) -> Result<(), ServiceError> {
        match numeric_host(url) {
            Some(ip) if self.forbids(scope == OWN_SCOPE, ip) => Err(ServiceError::InvalidInput(
                format!("url is refused: {NOT_PUBLIC}"),
            )),
            _ => Ok(()),
        }
    }

    /// Whether a webhook (`own`: made with only `webhook:create:own`) may not post to `ip`.
    pub fn forbids(self, own: bool, ip: IpAddr) -> bool {
        own && self == OwnReach::Public && !is_public(ip)
    }
}

/// The host of `url` when it is written as an address rather than a name, read as the URL
/// standard (and the HTTP client) reads it: `http://127.1/` and `http://2130706433/` are
/// 127.0.0.1. Such a host is connected to without resolving, so it is checked as it stands.
pub fn numeric_host(url: &str) -> Option<IpAddr> {
    match url::Url::parse(url).ok()?.host()? {
        url::Host::Ipv4(ip) => Some(IpAddr::V4(ip)),
        url::Host::Ipv6(ip) => Some(IpAddr::V6(ip)),
        url::Host::Domain(_) => None,
    }
}

/// Whether `ip` is an address on the public internet: not loopback, private, link-local,
/// shared (carrier NAT), multicast, documentation, benchmarking or otherwise reserved.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            !(v4.is_unspecified()
                || v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0 && c == 0)
                || (a == 198 && (18..20).contains(&b))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            let segments = v6.segments();
            // IPv4 carried in IPv6 (mapped, or NAT64's well-known prefix) is judged as IPv4.
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            if segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
                let [.., a, b, c, d] = v6.octets();
                return is_public(IpAddr::V4(std::net::Ipv4Addr::new(a, b, c, d)));
            }
            // Only global unicast (2000::/3), less documentation, Teredo, 6to4 (which carry
            // an IPv4 address of their own) and the other special blocks of 2001::/23.
            (segments[0] & 0xe000) == 0x2000
                && segments[0] != 0x2002
                && !(segments[0] == 0x2001 && segments[1] < 0x0200)
                && segments[..2] != [0x2001, 0x0db8]
        }
    }
}

/// Known, without repeats, at least one.
fn validate_events(events: &[String]) -> Result<Vec<String>, ServiceError> {
    let unknown: Vec<&str> = events
        .iter()
        .map(String::as_str)
        .filter(|e| !EVENTS.contains(e))
        .collect();
    if !unknown.is_empty() {
        return Err(ServiceError::InvalidInput(format!(
            "unknown events: {} (known: {})",
            unknown.join(", "),
            EVENTS.join(", ")
        )));
    }
    let mut chosen: Vec<String> = Vec::new();
    for event in events {
        if !chosen.contains(event) {
            chosen.push(event.clone());
        }
    }
    if chosen.is_empty() {
        return Err(ServiceError::InvalidInput(
            "events must name at least one event".to_owned(),
        ));
    }
    Ok(chosen)
}

/// `scheme://host[:port]` of a stored (valid) address: what the audit log keeps of it.
fn site(url: &str) -> String {
    url.parse::<http::Uri>()
        .ok()
        .and_then(|uri| {
            Some(format!(
                "{}://{}",
                uri.scheme_str()?,
                uri.authority()?.host()
            ))
        })
        .unwrap_or_default()
}

fn events_text(events: &[String]) -> String {
    Value::from(events.to_vec()).to_string()
}

/// A webhook the caller may `action`; another's that the caller may not even read is missing.
async fn find_for(
    db: &impl ConnectionTrait,
    principal: &Principal,
    id: i64,
    action: Action,
) -> Result<webhook::Model, ServiceError> {
    let id = i32::try_from(id).map_err(|_| ServiceError::NotFound)?;
    let row = webhook::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let ownership = RecordOwnership {
        owner_user_id: Some(row.owner_id.into()),
        group_ids: Vec::new(),
    };
    principal.require_on(Model::Webhook, action, &ownership)?;
    Ok(row)
}

/// `POST /webhooks`: the new webhook and its secret.
pub async fn create(
    db: &DatabaseConnection,
    principal: &Principal,
    reach: OwnReach,
    new: NewWebhook,
) -> Result<CreatedWebhook, ServiceError> {
    let own = RecordOwnership {
        owner_user_id: Some(principal.user_id.into()),
        group_ids: Vec::new(),
    };
    if !principal
        .grants
        .may_on(Model::Webhook, Action::Create, &own)
    {
        return Err(ServiceError::Forbidden);
    }
    let url = validate_url(&new.url)?;
    let events = validate_events(&new.events)?;
    let description =
        super::validate_description(new.description.as_deref().unwrap_or(""), MAX_DESCRIPTION)?;
    let scope = if principal.grants.may_all(Model::Webhook, Action::Create) {
        ALL_SCOPE
    } else {
        OWN_SCOPE
    };
    reach.check(scope, &url)?;
    let secret = format!("whsec_{}", new_token()?);
    let owned = webhook::Entity::find()
        .filter(webhook::Column::OwnerId.eq(principal.user_id))
        .count(db)
        .await?;
    if owned >= MAX_WEBHOOKS {
        return Err(ServiceError::Conflict(format!(
            "an account may have at most {MAX_WEBHOOKS} webhooks"
        )));
    }
    let now = Utc::now();
    let txn = sea_orm::TransactionTrait::begin(db).await?;
    let row = webhook::ActiveModel {
        owner_id: Set(principal.user_id),
        url: Set(url),
        events: Set(events_text(&events)),
        secret: Set(secret.clone()),
        scope: Set(scope.to_owned()),
        active: Set(new.active.unwrap_or(true)),
        description: Set(description),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = json!({"site": site(&row.url), "events": events, "scope": scope});
    audit::record(
        &txn,
        Some(principal.user_id),
        "webhook.created",
        Some(row.id),
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(CreatedWebhook {
        webhook: to_api(row),
        secret,
    })
}

/// `GET /webhooks`: every webhook for holders of `webhook:read:all`, otherwise one's own;
/// oldest first.
pub async fn list(
    db: &DatabaseConnection,
    principal: &Principal,
    page: PageRequest,
) -> Result<Page<Webhook>, ServiceError> {
    principal.require(Model::Webhook, Action::Read)?;
    let mut query = webhook::Entity::find().order_by_asc(webhook::Column::Id);
    if !principal.grants.may_all(Model::Webhook, Action::Read) {
        query = query.filter(webhook::Column::OwnerId.eq(principal.user_id));
    }
    let total = query.clone().count(db).await?;
    if let Some(after) = page.after {
        query = query.filter(webhook::Column::Id.gt(after));
    }
    let rows = query.limit(page.limit + 1).all(db).await?;
    Page::from_rows(
        rows,
        page,
        Some(total),
        |r| i64::from(r.id),
        |r| Ok(to_api(r)),
    )
}

/// `GET /webhooks/{id}`.
pub async fn get(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i64,
) -> Result<Webhook, ServiceError> {
    Ok(to_api(find_for(db, principal, id, Action::Read).await?))
}

/// `PATCH /webhooks/{id}`.
pub async fn update(
    db: &DatabaseConnection,
    principal: &Principal,
    reach: OwnReach,
    id: i64,
    change: WebhookChange,
) -> Result<Webhook, ServiceError> {
    let row = find_for(db, principal, id, Action::Update).await?;
    // A webhook made with `webhook:create:all` keeps that scope only while its address is
    // changed by someone who holds it (an admin demoted since may not point it inside).
    let scope = scope_for(principal, &row.scope);
    let mut active = row.into_active_model();
    if let Some(url) = &change.url {
        let url = validate_url(url)?;
        reach.check(scope, &url)?;
        active.url = Set(url);
        active.scope = Set(scope.to_owned());
    }
    if let Some(events) = &change.events {
        active.events = Set(events_text(&validate_events(events)?));
    }
    if let Some(description) = &change.description {
        active.description = Set(super::validate_description(description, MAX_DESCRIPTION)?);
    }
    if let Some(on) = change.active {
        active.active = Set(on);
    }
    active.updated_at = Set(Utc::now());
    let txn = sea_orm::TransactionTrait::begin(db).await?;
    let row = active.update(&txn).await?;
    let mut details = audit::changes(&change);
    if let Some(url) = details.get_mut("url") {
        // Addresses often carry a token in their path or query: the log keeps the site.
        *url = Value::from(site(&row.url));
    }
    audit::record(
        &txn,
        Some(principal.user_id),
        "webhook.updated",
        Some(row.id),
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(to_api(row))
}

/// `DELETE /webhooks/{id}`, with its deliveries.
pub async fn delete(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i64,
) -> Result<(), ServiceError> {
    let row = find_for(db, principal, id, Action::Delete).await?;
    let txn = sea_orm::TransactionTrait::begin(db).await?;
    webhook::Entity::delete_by_id(row.id).exec(&txn).await?;
    let details = json!({"site": site(&row.url)});
    audit::record(
        &txn,
        Some(principal.user_id),
        "webhook.deleted",
        Some(row.id),
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

// ---- Deliveries ------------------------------------------------------------------------

fn delivery_to_api(row: webhook_delivery::Model) -> Delivery {
    Delivery {
        id: row.id.into(),
        webhook_id: row.webhook_id.into(),
        next_attempt_at: (row.status == PENDING).then_some(row.next_attempt_at),
        payload: serde_json::from_str(&row.payload).unwrap_or(Value::Null),
        event: row.event,
        status: row.status,
        attempts: row.attempts,
        response_status: row.response_status,
        error: row.last_error,
        created_at: row.created_at,
        last_attempt_at: row.last_attempt_at,
        delivered_at: row.delivered_at,
    }
}

/// `GET /webhooks/{id}/deliveries?status=`: newest first.
pub async fn deliveries(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i64,
    status: Option<&str>,
    page: PageRequest,
) -> Result<Page<Delivery>, ServiceError> {
    let hook = find_for(db, principal, id, Action::Read).await?;
    let mut query = webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::WebhookId.eq(hook.id))
        .order_by_desc(webhook_delivery::Column::Id);
    if let Some(status) = status.filter(|s| !s.is_empty()) {
        if ![PENDING, DELIVERED, FAILED].contains(&status) {
            return Err(ServiceError::InvalidInput(format!(
                "status must be one of {PENDING}, {DELIVERED}, {FAILED}"
            )));
        }
        query = query.filter(webhook_delivery::Column::Status.eq(status));
    }
    let total = query.clone().count(db).await?;
    if let Some(after) = page.after {
        query = query.filter(webhook_delivery::Column::Id.lt(after));
    }
    let rows = query.limit(page.limit + 1).all(db).await?;
    Page::from_rows(
        rows,
        page,
        Some(total),
        |r| i64::from(r.id),
        |r| Ok(delivery_to_api(r)),
    )
}

/// One delivery, as its webhook's reader sees it.
pub async fn delivery(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i64,
    delivery_id: i64,
) -> Result<Delivery, ServiceError> {
    let hook = find_for(db, principal, id, Action::Read).await?;
    let delivery_id = i32::try_from(delivery_id).map_err(|_| ServiceError::NotFound)?;
    webhook_delivery::Entity::find_by_id(delivery_id)
        .filter(webhook_delivery::Column::WebhookId.eq(hook.id))
        .one(db)
        .await?
        .map(delivery_to_api)
        .ok_or(ServiceError::NotFound)
}

/// `POST /webhooks/{id}/test`: a `webhook.test` delivery, already claimed for the caller to
/// send at once (it is tried once, whether or not the webhook is active).
pub async fn start_test(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i64,
) -> Result<Due, ServiceError> {
    let hook = find_for(db, principal, id, Action::Update).await?;
    let own = scope_for(principal, &hook.scope) == OWN_SCOPE;
    let now = Utc::now();
    let payload = json!({
        "event": TEST_EVENT,
        "created_at": now,
        "data": {"webhook_id": hook.id, "message": "This is a test delivery from Reserver."},
    })
    .to_string();
    let row = webhook_delivery::ActiveModel {
        webhook_id: Set(hook.id),
        event: Set(TEST_EVENT.to_owned()),
        payload: Set(payload.clone()),
        status: Set(PENDING.to_owned()),
        attempts: Set(1),
        next_attempt_at: Set(now + lease()),
        last_attempt_at: Set(Some(now)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Due {
        id: row.id,
        url: hook.url,
        secret: hook.secret,
        event: TEST_EVENT.to_owned(),
        payload,
        attempt: 1,
        own,
    })
}

fn lease() -> Duration {
    Duration::seconds(CLAIM_LEASE_SECS)
}

/// The due deliveries of active webhooks, soonest first.
fn due_at(now: DateTime<Utc>) -> sea_orm::Select<webhook_delivery::Entity> {
    let active_hooks = Query::select()
        .column(webhook::Column::Id)
        .from(webhook::Entity)
        .and_where(webhook::Column::Active.eq(true))
        .and_where(webhook::Column::OwnerId.in_subquery(active_accounts()))
        .to_owned();
    webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::Status.eq(PENDING))
        .filter(webhook_delivery::Column::Event.ne(TEST_EVENT))
        .filter(webhook_delivery::Column::NextAttemptAt.lte(now))
        .filter(webhook_delivery::Column::WebhookId.in_subquery(active_hooks))
        .order_by_asc(webhook_delivery::Column::NextAttemptAt)
        .order_by_asc(webhook_delivery::Column::Id)
}

/// Claims up to `limit` due deliveries of active webhooks for this process to send: each is
/// held for a minute and counted as a try. When nothing is due it only reads, so the
/// worker's every-second look takes no write lock.
pub async fn claim_due(db: &DatabaseConnection, limit: u64) -> Result<Vec<Due>, ServiceError> {
    if due_at(Utc::now()).one(db).await?.is_none() {
        return Ok(Vec::new());
    }
    let mut writer = Writer::new(db);
    loop {
        let started = writer.begin().await?;
        let txn = &*started;
        let outcome = async {
            let now = Utc::now();
            let mut query = due_at(now).limit(limit);
            if txn.get_database_backend() == DbBackend::Postgres {
                query = query.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
            }
            let rows = query.all(txn).await?;
            let mut claimed = Vec::with_capacity(rows.len());
            for row in rows {
                let Some(hook) = webhook::Entity::find_by_id(row.webhook_id).one(txn).await? else {
                    continue;
                };
                let attempt = row.attempts + 1;
                let mut active = row.into_active_model();
                active.attempts = Set(attempt);
                active.next_attempt_at = Set(now + lease());
                active.last_attempt_at = Set(Some(now));
                let row = active.update(txn).await?;
                claimed.push(Due {
                    id: row.id,
                    own: hook.scope == OWN_SCOPE,
                    url: hook.url,
                    secret: hook.secret,
                    event: row.event,
                    payload: row.payload,
                    attempt,
                });
            }
            Ok(claimed)
        }
        .await;
        if let Some(done) = writer.finish(started, outcome).await {
            return done;
        }
    }
}

/// Records what became of a try: a 2xx answer delivers it; otherwise it is tried again after
/// `backoff(retry_base, attempt)`, or marked failed when no tries are left (a test at once).
/// A claim that lapsed and was taken by another process is left to that process.
pub async fn finish(
    db: &DatabaseConnection,
    due: &Due,
    outcome: &Outcome,
    retry_base: Duration,
) -> Result<(), ServiceError> {
    let now = Utc::now();
    let (response_status, error) = match outcome {
        Outcome::Answered(status) if (200..300).contains(status) => (Some(*status), None),
        Outcome::Answered(status) => (
            Some(*status),
            Some(format!("the receiver answered HTTP {status}")),
        ),
        Outcome::Unreachable(why) => (None, Some(why.clone())),
    };
    let mut update = webhook_delivery::ActiveModel {
        id: sea_orm::Unchanged(due.id),
        response_status: Set(response_status.map(i32::from)),
        last_error: Set(error.clone()),
        ..Default::default()
    };
    if error.is_none() {
        update.status = Set(DELIVERED.to_owned());
        update.delivered_at = Set(Some(now));
    } else if due.attempt >= MAX_ATTEMPTS || due.event == TEST_EVENT {
        update.status = Set(FAILED.to_owned());
    } else {
        update.next_attempt_at = Set(now + backoff(retry_base, due.attempt));
    }
    webhook_delivery::Entity::update_many()
        .set(update)
        .filter(webhook_delivery::Column::Id.eq(due.id))
        .filter(webhook_delivery::Column::Status.eq(PENDING))
        .filter(webhook_delivery::Column::Attempts.eq(due.attempt))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes delivered and failed deliveries older than `keep`; returns how many.
pub async fn prune(db: &DatabaseConnection, keep: Duration) -> Result<u64, ServiceError> {
    let done = webhook_delivery::Entity::delete_many()
        .filter(webhook_delivery::Column::Status.is_in([DELIVERED, FAILED]))
        .filter(webhook_delivery::Column::CreatedAt.lt(Utc::now() - keep))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_hmac_sha256_of_the_body_in_hex() {
        // RFC 4231, test case 2.
        assert_eq!(
            signature("Jefe", "what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn retries_wait_twice_as_long_each_time_up_to_six_hours() {
        let base = Duration::seconds(30);
        assert_eq!(backoff(base, 1), Duration::seconds(30));
        assert_eq!(backoff(base, 2), Duration::seconds(60));
        assert_eq!(backoff(base, 4), Duration::seconds(240));
        assert_eq!(backoff(base, 30), Duration::hours(6));
    }

    #[test]
    fn the_log_keeps_only_the_site_of_an_address() {
        assert_eq!(
            site("https://hooks.example.com:8443/T0/B1/secret?token=x"),
            "https://hooks.example.com"
        );
    }

    #[test]
    fn only_web_addresses_with_a_host_are_accepted() {
        assert!(validate_url(" https://hooks.example.com/in?x=1 ").is_ok());
        assert!(validate_url("http://127.0.0.1:8080/hook").is_ok());
        for bad in [
            "",
            "hooks.example.com",
            "ftp://example.com/",
            "https://user:pw@example.com/",
            "https:///path",
            "not a url",
        ] {
            assert!(validate_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_addresses_on_the_public_internet_are_public() {
        for public in [
            "93.184.215.14",
            "8.8.8.8",
            "2606:4700::1111",
            "64:ff9b::808:808",
        ] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "198.18.0.1",
            "240.0.0.1",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "64:ff9b::a01:203",
            "64:ff9b:1::a01:203",
            "2001:db8::1",
            "::7f00:1",
            "::ffff:0:7f00:1",
            "fec0::1",
            "100::1",
            "2002:7f00:1::1",
            "2001:0:4136:e378::1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
    }

    #[test]
    fn own_webhooks_may_not_name_a_private_address() {
        let reach = OwnReach::Public;
        for url in [
            "http://127.0.0.1:8080/hook",
            "http://[::1]/hook",
            "https://10.0.0.7/",
            "http://127.1/x",
            "http://2130706433/x",
            "http://0x7f000001/x",
        ] {
            assert!(reach.check(OWN_SCOPE, url).is_err(), "{url}");
            assert!(reach.check(ALL_SCOPE, url).is_ok(), "{url}");
            assert!(OwnReach::Any.check(OWN_SCOPE, url).is_ok(), "{url}");
        }
        // Names are judged by what they resolve to when a delivery is sent.
        assert!(reach.check(OWN_SCOPE, "http://localhost:8080/").is_ok());
        assert!(reach.check(OWN_SCOPE, "https://93.184.215.14/in").is_ok());
    }

    #[test]
    fn events_must_be_known_and_are_kept_once() {
        let events = ["resource.created".to_owned(), "resource.created".to_owned()];
        assert_eq!(validate_events(&events).unwrap(), ["resource.created"]);
        assert!(validate_events(&[]).is_err());
        assert!(validate_events(&["reservation.exploded".to_owned()]).is_err());
    }

    #[test]
    fn each_booking_change_raises_its_events() {
        assert_eq!(
            reservation_events("offer_accepted"),
            ["waitlist.accepted", "reservation.created"]
        );
        assert_eq!(reservation_events("rescheduled"), ["reservation.updated"]);
        assert!(reservation_events("offer_declined").is_empty());
        for action in ["created", "cancelled", "approved", "rejected", "offered"] {
            for event in reservation_events(action) {
                assert!(EVENTS.contains(event), "{event}");
            }
        }
    }
}
