//! Accounts: first-run set-up, registration, login (with lockout and MFA), the profile and
//! preferences, password changes, and the built-in roles every installation has.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, SqlErr, TransactionTrait,
};
use serde_json::json;

use super::audit;
use super::authz::{Principal, load_grants};
use super::secrets::{dummy_password_hash, hash_password, verify_password};
use super::{ServiceError, lockout, mfa};
use crate::accounts::{PreferencesUpdate, UserProfile};
use crate::domain::password::broken_rules;
use crate::domain::permissions::{Action, BuiltinRole, Model};
use crate::i18n::Locale;
use crate::persistence::entities::{app_setting, role, role_permission, user, user_role};

const SETUP_COMPLETED: &str = "setup_completed";

/// What registration, set-up and admins provide to create an account.
#[derive(Clone, Debug, Default)]
pub struct NewAccount {
    pub username: String,
    pub password: String,
    pub email: Option<String>,
}

/// Usernames: 3 to 64 letters, digits, `.`, `_`, `-`, `+` or `@` (so an e-mail address is one).
pub fn validate_username(username: &str) -> Result<String, ServiceError> {
    let username = username.trim();
    let valid_chars = username
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '@'));
    if !(3..=64).contains(&username.chars().count()) || !valid_chars {
        return Err(ServiceError::InvalidInput(
            "username must be 3 to 64 letters, digits, '.', '_', '-', '+' or '@'".to_owned(),
        ));
    }
    Ok(username.to_owned())
}

pub(super) fn validate_email(email: Option<&str>) -> Result<Option<String>, ServiceError> {
    let Some(email) = email.map(str::trim).filter(|e| !e.is_empty()) else {
        return Ok(None);
    };
    let plausible = email.len() <= 254
        && !email.contains(char::is_whitespace)
        && email
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'));
    if plausible {
        Ok(Some(email.to_owned()))
    } else {
        Err(ServiceError::InvalidInput(format!(
            "not an e-mail address: {email:?}"
        )))
    }
}

pub(super) fn check_password(username: &str, password: &str) -> Result<(), ServiceError> {
    let broken = broken_rules(username, password);
    if broken.is_empty() {
        Ok(())
    } else {
        Err(ServiceError::WeakPassword(broken))
    }
}

/// Creates the built-in roles that are missing, and keeps `admin` holding every permission.
pub async fn ensure_builtin_roles(db: &DatabaseConnection) -> Result<(), ServiceError> {
    for builtin in BuiltinRole::ALL {
        let existing = role::Entity::find()
            .filter(role::Column::Name.eq(builtin.name()))
            .one(db)
            .await?;
        let (role_id, fresh) = match existing {
            Some(row) => (row.id, false),
            None => {
                let row = role::ActiveModel {
                    name: Set(builtin.name().to_owned()),
                    description: Set(builtin.description().to_owned()),
                    is_builtin: Set(true),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                (row.id, true)
            }
        };
        // Other built-in roles keep whatever an admin made of them.
        if fresh || builtin == BuiltinRole::Admin {
            let have: Vec<String> = role_permission::Entity::find()
                .filter(role_permission::Column::RoleId.eq(role_id))
                .all(db)
                .await?
                .into_iter()
                .map(|row| row.permission)
                .collect();
            for permission in builtin.default_permissions() {
                let text = permission.to_string();
                if !have.contains(&text) {
                    role_permission::ActiveModel {
                        role_id: Set(role_id),
                        permission: Set(text),
                    }
                    .insert(db)
                    .await?;
                }
            }
        }
    }
    Ok(())
}

pub async fn setup_complete(db: &impl ConnectionTrait) -> Result<bool, ServiceError> {
    Ok(app_setting::Entity::find_by_id(SETUP_COMPLETED.to_owned())
        .one(db)
        .await?
        .is_some())
}

/// Creates the first admin. Only once: afterwards, and for a request that loses a race, 409.
#[tracing::instrument(skip_all, fields(username = %account.username))]
pub async fn initialize(
    db: &DatabaseConnection,
    account: NewAccount,
) -> Result<UserProfile, ServiceError> {
    let already = || ServiceError::Conflict("setup is already complete".to_owned());
    if setup_complete(db).await? {
        return Err(already());
    }
    let user_id = db
        .transaction::<_, i32, ServiceError>(|txn| {
            Box::pin(async move {
                let inserted = app_setting::ActiveModel {
                    key: Set(SETUP_COMPLETED.to_owned()),
                    value: Set(Utc::now().to_rfc3339()),
                }
                .insert(txn)
                .await;
                if let Err(error) = inserted {
                    return Err(match error.sql_err() {
                        Some(SqlErr::UniqueConstraintViolation(_)) => already(),
                        _ => error.into(),
                    });
                }
                let id = create_user(txn, &account, &[BuiltinRole::Admin]).await?;
                let details = json!({"username": account.username.trim()});
                audit::record(txn, Some(id), "setup.initialized", Some(id), details).await?;
                Ok(id)
            })
        })
        .await?;
    profile(db, user_id).await
}

/// `reserver admin create`: the first admin (completing set-up) or, once set-up is done,
/// another one, e.g. to regain access when every admin is locked out.
#[tracing::instrument(skip_all, fields(username = %account.username))]
pub async fn create_admin(
    db: &DatabaseConnection,
    account: NewAccount,
) -> Result<UserProfile, ServiceError> {
    if !setup_complete(db).await? {
        match initialize(db, account.clone()).await {
            // Set-up finished meanwhile: fall through to an additional admin.
            Err(ServiceError::Conflict(_)) if setup_complete(db).await? => {}
            other => return other,
        }
    }
    let user_id = db
        .transaction::<_, i32, ServiceError>(|txn| {
            Box::pin(async move {
                let id = create_user(txn, &account, &[BuiltinRole::Admin]).await?;
                // Made from the command line, by whoever runs the server: no actor.
                let details = json!({"username": account.username.trim(), "roles": ["admin"]});
                audit::record(txn, None, "user.created", Some(id), details).await?;
                Ok(id)
            })
        })
        .await?;
    profile(db, user_id).await
}

/// Public registration: a new account with the `user` role.
#[tracing::instrument(skip_all, fields(username = %account.username))]
pub async fn register(
    db: &DatabaseConnection,
    account: NewAccount,
) -> Result<UserProfile, ServiceError> {
    let user_id = db
        .transaction::<_, i32, ServiceError>(|txn| {
            Box::pin(async move {
                let id = create_user(txn, &account, &[BuiltinRole::User]).await?;
                let details = json!({"username": account.username.trim()});
                audit::record(txn, Some(id), "user.registered", Some(id), details).await?;
                Ok(id)
            })
        })
        .await?;
    profile(db, user_id).await
}

/// Validates and stores a new account with the given built-in roles.
pub async fn create_user(
    db: &impl ConnectionTrait,
    account: &NewAccount,
    roles: &[BuiltinRole],
) -> Result<i32, ServiceError> {
    let username = validate_username(&account.username)?;
    let email = validate_email(account.email.as_deref())?;
    check_password(&username, &account.password)?;
    let now = Utc::now();
    let row = user::ActiveModel {
        username_key: Set(username.to_lowercase()),
        username: Set(username.clone()),
        email: Set(email),
        display_name: Set(String::new()),
        password_hash: Set(hash_password(&account.password)?),
        timezone: Set("UTC".to_owned()),
        locale: Set(Locale::En.code().to_owned()),
        is_active: Set(true),
        must_change_password: Set(false),
        email_notifications: Set(true),
        reminder_minutes: Set(15),
        mfa_secret: Set(None),
        mfa_enabled: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|error| match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            ServiceError::Conflict(format!("the username {username:?} is taken"))
        }
        _ => error.into(),
    })?;
    for builtin in roles {
        let role = role::Entity::find()
            .filter(role::Column::Name.eq(builtin.name()))
            .one(db)
            .await?
            .ok_or_else(|| ServiceError::Internal(format!("role {} missing", builtin.name())))?;
        user_role::ActiveModel {
            user_id: Set(row.id),
            role_id: Set(role.id),
        }
        .insert(db)
        .await?;
    }
    Ok(row.id)
}

/// Checks a username and password (and MFA code when enabled) from `address`, applying the
/// lockout. Wrong username and wrong password are indistinguishable to the caller.
#[tracing::instrument(skip(db, password, mfa_code))]
pub async fn authenticate(
    db: &DatabaseConnection,
    username: &str,
    password: &str,
    mfa_code: Option<&str>,
    address: &str,
) -> Result<user::Model, ServiceError> {
    let username_key = username.trim().to_lowercase();
    lockout::check(db, &username_key, address).await?;
    let found = user::Entity::find()
        .filter(user::Column::UsernameKey.eq(&username_key))
        .one(db)
        .await?;
    let stored = found
        .as_ref()
        .map_or(dummy_password_hash(), |u| u.password_hash.as_str());
    let password_ok = verify_password(password, stored);
    let found_id = found.as_ref().map(|u| u.id);
    // The name typed is kept only when it is an account's: people type their password into
    // the username field. A line that cannot be written does not turn the 401 into a 500.
    let username = found.as_ref().map(|u| u.username.clone());
    let failed = async |reason: &str| {
        let details = json!({"username": username, "address": address, "reason": reason});
        if let Err(error) =
            audit::record(db, found_id, "session.sign_in_failed", None, details).await
        {
            tracing::warn!(%error, "could not write a failed sign-in to the audit log");
        }
    };
    let user = match found {
        Some(user) if password_ok && user.is_active => user,
        _ => {
            lockout::record_failure(db, &username_key, address).await?;
            failed("credentials").await;
            return Err(ServiceError::Unauthorized {
                code: "invalid_credentials",
                detail: "incorrect username or password".to_owned(),
            });
        }
    };
    if user.mfa_enabled {
        let Some(code) = mfa_code.map(str::trim).filter(|c| !c.is_empty()) else {
            return Err(ServiceError::Unauthorized {
                code: "mfa_required",
                detail: "enter the code from your authenticator app".to_owned(),
            });
        };
        if !mfa::accept_login_code(db, &user, code).await? {
            lockout::record_failure(db, &username_key, address).await?;
            failed("mfa_code").await;
            return Err(ServiceError::Unauthorized {
                code: "mfa_required",
                detail: "that authentication code is not valid".to_owned(),
            });
        }
    }
    lockout::clear(db, &username_key, address).await?;
    let details = json!({"address": address});
    audit::record(db, found_id, "session.signed_in", None, details).await?;
    Ok(user)
}

pub async fn profile(db: &impl ConnectionTrait, user_id: i32) -> Result<UserProfile, ServiceError> {
    let user = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (roles, grants) = load_grants(db, user_id).await?;
    Ok(UserProfile {
        id: user.id.into(),
        username: user.username,
        email: user.email,
        display_name: user.display_name,
        roles,
        permissions: grants.permissions.iter().map(ToString::to_string).collect(),
        timezone: user.timezone,
        locale: user.locale,
        mfa_enabled: user.mfa_enabled,
        email_notifications: user.email_notifications,
        reminder_minutes: user.reminder_minutes,
        must_change_password: user.must_change_password,
    })
}

/// Changes the caller's own preferences, validating each given field.
pub async fn update_preferences(
    db: &DatabaseConnection,
    principal: &Principal,
    update: PreferencesUpdate,
) -> Result<UserProfile, ServiceError> {
    principal.require(Model::User, Action::Update)?;
    let user = user::Entity::find_by_id(principal.user_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut row: user::ActiveModel = user.into();
    apply_preferences(&mut row, update)?;
    row.updated_at = Set(Utc::now());
    row.update(db).await?;
    profile(db, principal.user_id).await
}

/// Validates each given preference and sets it on `row`; absent fields stay as they are.
pub(super) fn apply_preferences(
    row: &mut user::ActiveModel,
    update: PreferencesUpdate,
) -> Result<(), ServiceError> {
    if let Some(timezone) = update.timezone {
        if timezone.parse::<chrono_tz::Tz>().is_err() {
            return Err(ServiceError::InvalidInput(format!(
                "unknown time zone {timezone:?}; use an IANA name such as Europe/Paris"
            )));
        }
        row.timezone = Set(timezone);
    }
    if let Some(locale) = update.locale {
        let Some(parsed) = Locale::from_tag(&locale) else {
            return Err(ServiceError::InvalidInput(format!(
                "unsupported language {locale:?}; use en, es or fr"
            )));
        };
        row.locale = Set(parsed.code().to_owned());
    }
    if let Some(on) = update.email_notifications {
        row.email_notifications = Set(on);
    }
    if let Some(minutes) = update.reminder_minutes {
        if !(0..=10_080).contains(&minutes) {
            return Err(ServiceError::InvalidInput(
                "reminder_minutes must be between 0 and 10080 (one week)".to_owned(),
            ));
        }
        row.reminder_minutes = Set(minutes);
    }
    if let Some(name) = update.display_name {
        let name = name.trim().to_owned();
        if name.chars().count() > 100 {
            return Err(ServiceError::InvalidInput(
                "display name must be at most 100 characters".to_owned(),
            ));
        }
        row.display_name = Set(name);
    }
    if let Some(email) = update.email {
        row.email = Set(validate_email(Some(&email))?);
    }
    Ok(())
}

/// Changes the caller's password after checking the current one.
pub async fn change_password(
    db: &DatabaseConnection,
    principal: &Principal,
    current: &str,
    new: &str,
) -> Result<(), ServiceError> {
    principal.require(Model::User, Action::Update)?;
    let user = user::Entity::find_by_id(principal.user_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !verify_password(current, &user.password_hash) {
        return Err(ServiceError::InvalidInput(
            "the current password is not correct".to_owned(),
        ));
    }
    check_password(&user.username, new)?;
    let mut row: user::ActiveModel = user.into();
    row.password_hash = Set(hash_password(new)?);
    row.must_change_password = Set(false);
    row.updated_at = Set(Utc::now());
    let txn = db.begin().await?;
    row.update(&txn).await?;
    let id = Some(principal.user_id);
    audit::record(&txn, id, "user.password_changed", id, json!({})).await?;
    txn.commit().await?;
    Ok(())
}
