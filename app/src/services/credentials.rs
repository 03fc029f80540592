//! Browser sessions and API tokens. Each is a random secret handed to the client once and
//! stored as its SHA-256, with an expiry, so every kind can be listed and revoked at once.
//! Access and refresh tokens issued together share a family: spending a refresh token twice
//! (a sign it was stolen) revokes the whole family.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde_json::json;

use super::audit;
use super::authz::{Principal, load_grants};
use super::secrets::{hex, new_token, random_bytes, token_hash};
use super::writer::Writer;
use super::{AuthSettings, ServiceError};
use crate::accounts::{NewPersonalToken, PersonalToken, SessionInfo, TokenPair};
use crate::domain::permissions::{Action, Model, RecordOwnership};
use crate::persistence::entities::{credential, user};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CredentialKind {
    Session,
    Access,
    Refresh,
    Personal,
}

impl CredentialKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialKind::Session => "session",
            CredentialKind::Access => "access",
            CredentialKind::Refresh => "refresh",
            CredentialKind::Personal => "personal",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [
            CredentialKind::Session,
            CredentialKind::Access,
            CredentialKind::Refresh,
            CredentialKind::Personal,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

/// Where a request came from, recorded with the sessions it opens.
#[derive(Clone, Debug, Default)]
pub struct ClientInfo {
    pub address: String,
    pub user_agent: String,
}

fn ttl(duration: std::time::Duration) -> Duration {
    Duration::from_std(duration).unwrap_or(Duration::hours(1))
}

struct Issue<'a> {
    user_id: i32,
    kind: CredentialKind,
    family_id: Option<String>,
    name: String,
    client: &'a ClientInfo,
    expires_at: DateTime<Utc>,
}

async fn issue(
    db: &impl ConnectionTrait,
    spec: Issue<'_>,
) -> Result<(credential::Model, String), ServiceError> {
    let secret = new_token()?;
    let now = Utc::now();
    let row = credential::ActiveModel {
        user_id: Set(spec.user_id),
        kind: Set(spec.kind.as_str().to_owned()),
        secret_hash: Set(token_hash(&secret)),
        family_id: Set(spec.family_id),
        name: Set(spec.name),
        user_agent: Set(spec.client.user_agent.chars().take(300).collect()),
        client_address: Set(spec.client.address.clone()),
        created_at: Set(now),
        last_used_at: Set(now),
        expires_at: Set(spec.expires_at),
        spent_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((row, secret))
}

/// Opens a browser session; the returned secret goes into the session cookie.
pub async fn start_session(
    db: &DatabaseConnection,
    settings: &AuthSettings,
    user_id: i32,
    client: &ClientInfo,
) -> Result<String, ServiceError> {
    let (_, secret) = issue(
        db,
        Issue {
            user_id,
            kind: CredentialKind::Session,
            family_id: None,
            name: String::new(),
            client,
            expires_at: Utc::now() + ttl(settings.session_absolute),
        },
    )
    .await?;
    Ok(secret)
}

/// Resolves a presented secret of one of the `accepted` kinds to its principal, or 401.
pub async fn authenticate_secret(
    db: &DatabaseConnection,
    settings: &AuthSettings,
    secret: &str,
    accepted: &[CredentialKind],
) -> Result<Principal, ServiceError> {
    let found = credential::Entity::find()
        .filter(credential::Column::SecretHash.eq(token_hash(secret)))
        .find_also_related(user::Entity)
        .one(db)
        .await?;
    let now = Utc::now();
    let (row, kind, user) = still_valid(settings, found, accepted, now)?;
    // Recording every request would make each read a write; a minute's precision is plenty
    // for idle expiry and for the "last used" column.
    // On SQLite it queues with the other writes instead of waiting in the busy handler.
    if now - row.last_used_at > Duration::seconds(60) {
        let mut writer = Writer::new(db);
        loop {
            let started = writer.begin().await?;
            let outcome = credential::Entity::update_many()
                .col_expr(credential::Column::LastUsedAt, Expr::value(now))
                .filter(credential::Column::Id.eq(row.id))
                .exec(&*started)
                .await
                .map_err(ServiceError::from);
            if let Some(done) = writer.finish(started, outcome).await {
                done?;
                break;
            }
        }
    }
    principal_of(db, row, kind, user).await
}

/// `principal` again, if the credential it signed in with still holds (not revoked, expired
/// or idle; the account still active), with the grants it has now; else 401. Unlike
/// [`authenticate_secret`] this records no use, so a long-lived connection that checks now
/// and then does not keep an idle session alive.
pub async fn recheck(
    db: &DatabaseConnection,
    settings: &AuthSettings,
    principal: &Principal,
) -> Result<Principal, ServiceError> {
    let found = credential::Entity::find_by_id(principal.credential_id)
        .find_also_related(user::Entity)
        .one(db)
        .await?;
    let (row, kind, user) = still_valid(settings, found, &[principal.credential_kind], Utc::now())?;
    principal_of(db, row, kind, user).await
}

/// The credential and its account, if it is of an `accepted` kind and neither it nor the
/// account has lapsed.
fn still_valid(
    settings: &AuthSettings,
    found: Option<(credential::Model, Option<user::Model>)>,
    accepted: &[CredentialKind],
    now: DateTime<Utc>,
) -> Result<(credential::Model, CredentialKind, user::Model), ServiceError> {
    let invalid = || ServiceError::unauthorized("missing, invalid, expired or revoked credentials");
    let (row, user) = found.ok_or_else(invalid)?;
    let kind = CredentialKind::parse(&row.kind).ok_or_else(invalid)?;
    if !accepted.contains(&kind) || row.revoked_at.is_some() || row.expires_at <= now {
        return Err(invalid());
    }
    if kind == CredentialKind::Session && row.last_used_at + ttl(settings.session_idle) <= now {
        return Err(invalid());
    }
    let user = user.filter(|u| u.is_active).ok_or_else(invalid)?;
    Ok((row, kind, user))
}

async fn principal_of(
    db: &DatabaseConnection,
    row: credential::Model,
    kind: CredentialKind,
    user: user::Model,
) -> Result<Principal, ServiceError> {
    let (roles, grants) = load_grants(db, user.id).await?;
    Ok(Principal {
        user_id: user.id,
        username: user.username,
        roles,
        grants,
        credential_id: row.id,
        credential_kind: kind,
        family_id: row.family_id,
    })
}

async fn issue_pair(
    db: &impl ConnectionTrait,
    settings: &AuthSettings,
    user_id: i32,
    family_id: String,
    client: &ClientInfo,
) -> Result<TokenPair, ServiceError> {
    let now = Utc::now();
    let (_, access_token) = issue(
        db,
        Issue {
            user_id,
            kind: CredentialKind::Access,
            family_id: Some(family_id.clone()),
            name: String::new(),
            client,
            expires_at: now + ttl(settings.access_token_ttl),
        },
    )
    .await?;
    let (_, refresh_token) = issue(
        db,
        Issue {
            user_id,
            kind: CredentialKind::Refresh,
            family_id: Some(family_id),
            name: String::new(),
            client,
            expires_at: now + ttl(settings.refresh_token_ttl),
        },
    )
    .await?;
    Ok(TokenPair {
        access_token,
        refresh_token,
        token_type: "bearer".to_owned(),
        expires_in: settings.access_token_ttl.as_secs(),
    })
}

/// A fresh access/refresh pair starting a new token family.
pub async fn issue_token_pair(
    db: &DatabaseConnection,
    settings: &AuthSettings,
    user_id: i32,
    client: &ClientInfo,
) -> Result<TokenPair, ServiceError> {
    let family = hex(&random_bytes(16)?);
    issue_pair(db, settings, user_id, family, client).await
}

async fn revoke_family(db: &impl ConnectionTrait, family_id: &str) -> Result<(), ServiceError> {
    credential::Entity::update_many()
        .col_expr(credential::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(credential::Column::FamilyId.eq(family_id))
        .filter(credential::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Exchanges a refresh token for a new pair. The old refresh token is spent; presenting a
/// spent one revokes its whole family.
pub async fn refresh(
    db: &DatabaseConnection,
    settings: &AuthSettings,
    refresh_token: &str,
    client: &ClientInfo,
) -> Result<TokenPair, ServiceError> {
    let invalid = || ServiceError::unauthorized("invalid, expired or revoked refresh token");
    let row = credential::Entity::find()
        .filter(credential::Column::SecretHash.eq(token_hash(refresh_token)))
        .filter(credential::Column::Kind.eq(CredentialKind::Refresh.as_str()))
        .one(db)
        .await?
        .ok_or_else(invalid)?;
    let family = row.family_id.clone().ok_or_else(invalid)?;
    if row.spent_at.is_some() {
        tracing::warn!(
            user_id = row.user_id,
            "refresh token reused; revoking its family"
        );
        revoke_family(db, &family).await?;
        return Err(ServiceError::unauthorized(
            "this refresh token was already used; every token of its family is now revoked",
        ));
    }
    if row.revoked_at.is_some() || row.expires_at <= Utc::now() {
        return Err(invalid());
    }
    let client = client.clone();
    let settings = settings.clone();
    db.transaction::<_, TokenPair, ServiceError>(|txn| {
        Box::pin(async move {
            // Spend it only if nobody else did meanwhile: two racing refreshes get one pair.
            let spent = credential::Entity::update_many()
                .col_expr(credential::Column::SpentAt, Expr::value(Utc::now()))
                .filter(credential::Column::Id.eq(row.id))
                .filter(credential::Column::SpentAt.is_null())
                .exec(txn)
                .await?;
            if spent.rows_affected != 1 {
                return Err(ServiceError::unauthorized(
                    "this refresh token was already used",
                ));
            }
            // The access tokens issued with the old refresh token stop working too.
            credential::Entity::update_many()
                .col_expr(credential::Column::RevokedAt, Expr::value(Utc::now()))
                .filter(credential::Column::FamilyId.eq(&family))
                .filter(credential::Column::Kind.eq(CredentialKind::Access.as_str()))
                .filter(credential::Column::RevokedAt.is_null())
                .exec(txn)
                .await?;
            issue_pair(txn, &settings, row.user_id, family, &client).await
        })
    })
    .await
    .map_err(Into::into)
}

/// Ends what authenticated this request: the session, or the whole token family.
pub async fn logout(db: &DatabaseConnection, principal: &Principal) -> Result<(), ServiceError> {
    let txn = db.begin().await?;
    match &principal.family_id {
        Some(family) => revoke_family(&txn, family).await?,
        None => revoke(&txn, principal.credential_id).await?,
    }
    let details = json!({"credential": principal.credential_kind.as_str()});
    let (actor, credential) = (Some(principal.user_id), Some(principal.credential_id));
    audit::record(&txn, actor, "session.signed_out", credential, details).await?;
    txn.commit().await?;
    Ok(())
}

async fn revoke(db: &impl ConnectionTrait, credential_id: i32) -> Result<(), ServiceError> {
    credential::Entity::update_many()
        .col_expr(credential::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(credential::Column::Id.eq(credential_id))
        .filter(credential::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Revokes every session and token of a user at once (disabled account, forced reset).
pub(super) async fn revoke_all_for_user(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<(), ServiceError> {
    credential::Entity::update_many()
        .col_expr(credential::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(credential::Column::UserId.eq(user_id))
        .filter(credential::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Live browser sessions: the caller's own, or everyone's (`session:read:all`) when
/// `everyone` is asked for.
pub async fn list_sessions(
    db: &DatabaseConnection,
    principal: &Principal,
    everyone: bool,
) -> Result<Vec<SessionInfo>, ServiceError> {
    let mut query = credential::Entity::find()
        .filter(credential::Column::Kind.eq(CredentialKind::Session.as_str()))
        .filter(credential::Column::RevokedAt.is_null())
        .filter(credential::Column::ExpiresAt.gt(Utc::now()))
        .order_by_desc(credential::Column::LastUsedAt);
    if everyone {
        if !principal.grants.may_all(Model::Session, Action::Read) {
            return Err(ServiceError::Forbidden);
        }
    } else {
        principal.require(Model::Session, Action::Read)?;
        query = query.filter(credential::Column::UserId.eq(principal.user_id));
    }
    let rows = query.all(db).await?;
    let user_ids: Vec<i32> = rows.iter().map(|r| r.user_id).collect();
    let names: std::collections::HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.username))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| SessionInfo {
            id: row.id.into(),
            user_id: row.user_id.into(),
            username: names.get(&row.user_id).cloned().unwrap_or_default(),
            user_agent: row.user_agent,
            client_address: row.client_address,
            created_at: row.created_at,
            last_used_at: row.last_used_at,
            expires_at: row.expires_at,
            current: row.id == principal.credential_id,
        })
        .collect())
}

/// Revokes a browser session: one's own, or anyone's with `session:delete:all`.
pub async fn revoke_session(
    db: &DatabaseConnection,
    principal: &Principal,
    session_id: i32,
) -> Result<(), ServiceError> {
    let row = credential::Entity::find_by_id(session_id)
        .filter(credential::Column::Kind.eq(CredentialKind::Session.as_str()))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let ownership = RecordOwnership {
        owner_user_id: Some(row.user_id.into()),
        group_ids: Vec::new(),
    };
    principal.require_on(Model::Session, Action::Delete, &ownership)?;
    let txn = db.begin().await?;
    revoke(&txn, row.id).await?;
    let details = json!({"user_id": row.user_id});
    let actor = Some(principal.user_id);
    audit::record(&txn, actor, "session.revoked", Some(row.id), details).await?;
    txn.commit().await?;
    Ok(())
}

fn personal_token(row: credential::Model) -> PersonalToken {
    PersonalToken {
        id: row.id.into(),
        name: row.name,
        created_at: row.created_at,
        last_used_at: row.last_used_at,
        expires_at: row.expires_at,
    }
}

/// A named token for scripts, valid for `days` (1 to 365); its secret is returned once.
pub async fn create_personal_token(
    db: &DatabaseConnection,
    principal: &Principal,
    name: &str,
    days: i64,
) -> Result<NewPersonalToken, ServiceError> {
    principal.require(Model::User, Action::Update)?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ServiceError::InvalidInput(
            "a token needs a name of 1 to 100 characters".to_owned(),
        ));
    }
    if !(1..=365).contains(&days) {
        return Err(ServiceError::InvalidInput(
            "a token lasts between 1 and 365 days".to_owned(),
        ));
    }
    let txn = db.begin().await?;
    let (row, secret) = issue(
        &txn,
        Issue {
            user_id: principal.user_id,
            kind: CredentialKind::Personal,
            family_id: None,
            name: name.to_owned(),
            client: &ClientInfo::default(),
            expires_at: Utc::now() + Duration::days(days),
        },
    )
    .await?;
    let details = json!({"name": row.name, "expires_at": row.expires_at});
    let actor = Some(principal.user_id);
    audit::record(&txn, actor, "token.created", Some(row.id), details).await?;
    txn.commit().await?;
    Ok(NewPersonalToken {
        token: personal_token(row),
        secret,
    })
}

pub async fn list_personal_tokens(
    db: &DatabaseConnection,
    principal: &Principal,
) -> Result<Vec<PersonalToken>, ServiceError> {
    principal.require(Model::User, Action::Read)?;
    Ok(credential::Entity::find()
        .filter(credential::Column::UserId.eq(principal.user_id))
        .filter(credential::Column::Kind.eq(CredentialKind::Personal.as_str()))
        .filter(credential::Column::RevokedAt.is_null())
        .filter(credential::Column::ExpiresAt.gt(Utc::now()))
        .order_by_desc(credential::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(personal_token)
        .collect())
}

/// Revokes one of the caller's personal tokens; another user's is reported missing.
pub async fn revoke_personal_token(
    db: &DatabaseConnection,
    principal: &Principal,
    token_id: i32,
) -> Result<(), ServiceError> {
    principal.require(Model::User, Action::Update)?;
    let row = credential::Entity::find_by_id(token_id)
        .filter(credential::Column::Kind.eq(CredentialKind::Personal.as_str()))
        .filter(credential::Column::UserId.eq(principal.user_id))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let txn = db.begin().await?;
    revoke(&txn, row.id).await?;
    let details = json!({"name": row.name});
    let actor = Some(principal.user_id);
    audit::record(&txn, actor, "token.revoked", Some(row.id), details).await?;
    txn.commit().await?;
    Ok(())
}
