//! Failed-login throttling. Failures are counted per account *and* client address, so a
//! stranger elsewhere cannot lock a user out, plus a ceiling on how many different accounts
//! one address may fail on, so one client cannot try a password on every account. Many
//! failures on a few accounts (an office behind one NAT address) never lock out that
//! address's other people. Sessions already open are never affected. The records live in the
//! database, so several server processes share them.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Select, Set,
};

use super::{ServiceError, like_literal};
use crate::persistence::entities::login_failure;
use sea_orm::sea_query::LikeExpr;

pub const WINDOW_MINUTES: i64 = 15;
pub const ACCOUNT_LIMIT: u64 = 5;
/// How many different accounts one address may fail to sign in to within the window.
pub const ADDRESS_ACCOUNTS_LIMIT: u64 = 50;

fn account_prefix(username_key: &str) -> String {
    format!("account:{username_key}@")
}

fn account_key(username_key: &str, address: &str) -> String {
    format!("{}{address}", account_prefix(username_key))
}

/// Refuses with `RateLimited` (and how long to wait) while either limit is reached.
pub async fn check(
    db: &impl ConnectionTrait,
    username_key: &str,
    address: &str,
) -> Result<(), ServiceError> {
    let since = Utc::now() - Duration::minutes(WINDOW_MINUTES);
    let recent = login_failure::Entity::find().filter(login_failure::Column::FailedAt.gt(since));
    let this_account = recent
        .clone()
        .filter(login_failure::Column::Key.eq(account_key(username_key, address)));
    if this_account.clone().count(db).await? >= ACCOUNT_LIMIT {
        return Err(limited_until_oldest_expires(db, this_account).await?);
    }
    // Every account's key ends with "@<address>", whatever the username holds.
    let from_address = recent.filter(
        login_failure::Column::Key
            .like(LikeExpr::new(format!("account:%@{}", like_literal(address))).escape('\\')),
    );
    let accounts = from_address
        .clone()
        .select_only()
        .column(login_failure::Column::Key)
        .distinct()
        .count(db)
        .await?;
    if accounts >= ADDRESS_ACCOUNTS_LIMIT {
        return Err(limited_until_oldest_expires(db, from_address).await?);
    }
    Ok(())
}

/// `RateLimited` until the oldest of `failures` leaves the window.
async fn limited_until_oldest_expires(
    db: &impl ConnectionTrait,
    failures: Select<login_failure::Entity>,
) -> Result<ServiceError, ServiceError> {
    let oldest: DateTime<Utc> = failures
        .order_by_asc(login_failure::Column::FailedAt)
        .one(db)
        .await?
        .map_or_else(Utc::now, |row| row.failed_at);
    let free_at = oldest + Duration::minutes(WINDOW_MINUTES);
    let retry_after_secs = (free_at - Utc::now()).num_seconds().max(1) as u64;
    Ok(ServiceError::RateLimited { retry_after_secs })
}

pub async fn record_failure(
    db: &impl ConnectionTrait,
    username_key: &str,
    address: &str,
) -> Result<(), ServiceError> {
    let now = Utc::now();
    login_failure::ActiveModel {
        key: Set(account_key(username_key, address)),
        failed_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // Old records no longer count; keep the table small.
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::FailedAt.lt(now - Duration::minutes(WINDOW_MINUTES)))
        .exec(db)
        .await?;
    Ok(())
}

/// A successful login forgives that account's failures from that address.
pub async fn clear(
    db: &impl ConnectionTrait,
    username_key: &str,
    address: &str,
) -> Result<(), ServiceError> {
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Key.eq(account_key(username_key, address)))
        .exec(db)
        .await?;
    Ok(())
}

/// An admin's password reset lifts that account's lockout from every address.
pub async fn clear_account(
    db: &impl ConnectionTrait,
    username_key: &str,
) -> Result<(), ServiceError> {
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Key.like(
            LikeExpr::new(format!("{}%", like_literal(&account_prefix(username_key)))).escape('\\'),
        ))
        .exec(db)
        .await?;
    Ok(())
}
