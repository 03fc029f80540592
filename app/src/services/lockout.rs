//! Failed-login throttling. Failures are counted per account *and* client address, so a
//! stranger elsewhere cannot lock a user out, plus a higher ceiling per address, so one client
//! cannot try every account. Sessions already open are never affected. The records live in
//! the database, so several server processes share them.

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

use super::{ServiceError, like_literal};
use crate::persistence::entities::login_failure;
use sea_orm::sea_query::LikeExpr;

pub const WINDOW_MINUTES: i64 = 15;
pub const ACCOUNT_LIMIT: u64 = 5;
pub const ADDRESS_LIMIT: u64 = 50;

fn account_prefix(username_key: &str) -> String {
    format!("account:{username_key}@")
}

fn account_key(username_key: &str, address: &str) -> String {
    format!("{}{address}", account_prefix(username_key))
}

fn address_key(address: &str) -> String {
    format!("address:{address}")
}

/// Refuses with `RateLimited` (and how long to wait) while either limit is reached.
pub async fn check(
    db: &impl ConnectionTrait,
    username_key: &str,
    address: &str,
) -> Result<(), ServiceError> {
    for (key, limit) in [
        (account_key(username_key, address), ACCOUNT_LIMIT),
        (address_key(address), ADDRESS_LIMIT),
    ] {
        let since = Utc::now() - Duration::minutes(WINDOW_MINUTES);
        let recent = login_failure::Entity::find()
            .filter(login_failure::Column::Key.eq(&key))
            .filter(login_failure::Column::FailedAt.gt(since));
        if recent.clone().count(db).await? >= limit {
            let oldest = recent
                .order_by_asc(login_failure::Column::FailedAt)
                .one(db)
                .await?
                .map_or_else(Utc::now, |row| row.failed_at);
            let free_at = oldest + Duration::minutes(WINDOW_MINUTES);
            let retry_after_secs = (free_at - Utc::now()).num_seconds().max(1) as u64;
            return Err(ServiceError::RateLimited { retry_after_secs });
        }
    }
    Ok(())
}

pub async fn record_failure(
    db: &impl ConnectionTrait,
    username_key: &str,
    address: &str,
) -> Result<(), ServiceError> {
    let now = Utc::now();
    for key in [account_key(username_key, address), address_key(address)] {
        login_failure::ActiveModel {
            key: Set(key),
            failed_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
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
