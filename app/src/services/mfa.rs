//! Two-factor authentication with TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps,
//! one step of clock drift either way) and ten single-use backup codes.

use chrono::Utc;
use hmac::{Hmac, KeyInit, Mac};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, Set, TransactionTrait,
};
use serde_json::json;
use sha1::Sha1;

use super::ServiceError;
use super::audit;
use super::authz::Principal;
use super::secrets::{random_bytes, token_hash};
use crate::accounts::MfaEnrolment;
use crate::domain::permissions::{Action, Model};
use crate::persistence::entities::{mfa_backup_code, user};

const ISSUER: &str = "Reserver";
const STEP_SECONDS: i64 = 30;
const BACKUP_CODES: usize = 10;
const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(BASE32[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(BASE32[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text.chars().filter(|c| *c != '=' && !c.is_whitespace()) {
        let value = BASE32
            .iter()
            .position(|&b| b as char == c.to_ascii_uppercase())? as u32;
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Some(out)
}

/// The 6-digit code for `secret` at 30-second step `counter` (RFC 4226 truncation).
pub fn totp_code(secret: &[u8], counter: u64) -> String {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let value = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:06}", value % 1_000_000)
}

/// The step at which `code` is valid for `secret` at `unix_time`, allowing one step of
/// drift either way.
pub fn totp_step(secret: &[u8], code: &str, unix_time: i64) -> Option<i64> {
    let code = code.trim().replace(' ', "");
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let step = unix_time.div_euclid(STEP_SECONDS);
    (-1..=1).map(|drift| step + drift).find(|&candidate| {
        u64::try_from(candidate).is_ok_and(|counter| totp_code(secret, counter) == code)
    })
}

/// Records `step` as used unless it (or a later one) already was; false for a replay. One
/// conditional update, so two requests racing with the same code cannot both win.
async fn claim_step(
    db: &impl ConnectionTrait,
    user_id: i32,
    step: i64,
) -> Result<bool, ServiceError> {
    let claimed = user::Entity::update_many()
        .col_expr(user::Column::MfaLastStep, Expr::value(step))
        .filter(user::Column::Id.eq(user_id))
        .filter(
            Condition::any()
                .add(user::Column::MfaLastStep.is_null())
                .add(user::Column::MfaLastStep.lt(step)),
        )
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

fn qr_svg(text: &str) -> String {
    use qrcodegen::{QrCode, QrCodeEcc};
    let Ok(qr) = QrCode::encode_text(text, QrCodeEcc::Medium) else {
        return String::new();
    };
    let border = 4;
    let size = qr.size() + border * 2;
    let mut path = String::new();
    for y in 0..qr.size() {
        for x in 0..qr.size() {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + border, y + border));
            }
        }
    }
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##
    )
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn own_user(
    db: &DatabaseConnection,
    principal: &Principal,
) -> Result<user::Model, ServiceError> {
    principal.require(Model::User, Action::Update)?;
    user::Entity::find_by_id(principal.user_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// Starts enrolment: a new secret, stored but not yet enforced until a code verifies it.
pub async fn begin_enrolment(
    db: &DatabaseConnection,
    principal: &Principal,
) -> Result<MfaEnrolment, ServiceError> {
    let user = own_user(db, principal).await?;
    if user.mfa_enabled {
        return Err(ServiceError::Conflict(
            "two-factor authentication is already on; turn it off first".to_owned(),
        ));
    }
    let secret = base32_encode(&random_bytes(20)?);
    let label = percent_encode(&format!("{ISSUER}:{}", user.username));
    let otpauth_url = format!(
        "otpauth://totp/{label}?secret={secret}&issuer={ISSUER}&algorithm=SHA1&digits=6&period=30"
    );
    let mut row: user::ActiveModel = user.into();
    row.mfa_secret = Set(Some(secret.clone()));
    row.update(db).await?;
    Ok(MfaEnrolment {
        qr_svg: qr_svg(&otpauth_url),
        secret,
        otpauth_url,
    })
}

fn new_backup_code() -> Result<String, ServiceError> {
    let code = base32_encode(&random_bytes(7)?);
    Ok(format!("{}-{}", &code[..5], &code[5..10]))
}

fn normalise_backup_code(code: &str) -> String {
    code.trim().to_ascii_uppercase().replace([' ', '-'], "")
}

/// Turns MFA on once `code` proves the authenticator app holds the secret; returns the
/// backup codes, shown this once.
pub async fn confirm_enrolment(
    db: &DatabaseConnection,
    principal: &Principal,
    code: &str,
) -> Result<Vec<String>, ServiceError> {
    let user = own_user(db, principal).await?;
    if user.mfa_enabled {
        return Err(ServiceError::Conflict(
            "two-factor authentication is already on".to_owned(),
        ));
    }
    let secret = user
        .mfa_secret
        .as_deref()
        .and_then(base32_decode)
        .ok_or_else(|| ServiceError::Conflict("start two-factor set-up first".to_owned()))?;
    let Some(step) = totp_step(&secret, code, Utc::now().timestamp()) else {
        return Err(ServiceError::InvalidInput(
            "that code is not valid; check the time on your device".to_owned(),
        ));
    };
    let codes: Vec<String> = (0..BACKUP_CODES)
        .map(|_| new_backup_code())
        .collect::<Result<_, _>>()?;
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| token_hash(&normalise_backup_code(c)))
        .collect();
    let user_id = user.id;
    db.transaction::<_, (), ServiceError>(|txn| {
        Box::pin(async move {
            mfa_backup_code::Entity::delete_many()
                .filter(mfa_backup_code::Column::UserId.eq(user_id))
                .exec(txn)
                .await?;
            for code_hash in hashes {
                mfa_backup_code::ActiveModel {
                    user_id: Set(user_id),
                    code_hash: Set(code_hash),
                    used_at: Set(None),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
            // The code proved the device; it is not a sign-in, so it stays good for the
            // first one (and no earlier step ever will be).
            let mut row: user::ActiveModel = user.into();
            row.mfa_enabled = Set(true);
            row.mfa_last_step = Set(Some(step - 1));
            row.update(txn).await?;
            let id = Some(user_id);
            audit::record(txn, id, "mfa.enabled", id, json!({})).await
        })
    })
    .await?;
    Ok(codes)
}

/// Turns MFA off; needs a current code (or a backup code).
pub async fn disable(
    db: &DatabaseConnection,
    principal: &Principal,
    code: &str,
) -> Result<(), ServiceError> {
    let user = own_user(db, principal).await?;
    if !user.mfa_enabled {
        return Err(ServiceError::Conflict(
            "two-factor authentication is already off".to_owned(),
        ));
    }
    // The person is signed in already: a current code (even the one they signed in with) or
    // an unused backup code shows they still hold the device.
    if current_step(&user, code).is_none() && !use_backup_code(db, &user, code).await? {
        return Err(ServiceError::InvalidInput(
            "that code is not valid".to_owned(),
        ));
    }
    let id = Some(user.id);
    let txn = db.begin().await?;
    mfa_backup_code::Entity::delete_many()
        .filter(mfa_backup_code::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?;
    let mut row: user::ActiveModel = user.into();
    row.mfa_enabled = Set(false);
    row.mfa_secret = Set(None);
    row.update(&txn).await?;
    audit::record(&txn, id, "mfa.disabled", id, json!({})).await?;
    txn.commit().await?;
    Ok(())
}

/// A TOTP code not used to sign in before, or an unused backup code (which is then used up).
pub async fn accept_login_code(
    db: &DatabaseConnection,
    user: &user::Model,
    code: &str,
) -> Result<bool, ServiceError> {
    match current_step(user, code) {
        Some(step) => claim_step(db, user.id, step).await,
        None => use_backup_code(db, user, code).await,
    }
}

/// The step at which `code` is a current TOTP code for `user`, if it is one.
fn current_step(user: &user::Model, code: &str) -> Option<i64> {
    let secret = user.mfa_secret.as_deref().and_then(base32_decode)?;
    totp_step(&secret, code, Utc::now().timestamp())
}

/// Uses up `code` if it is one of `user`'s unused backup codes.
async fn use_backup_code(
    db: &DatabaseConnection,
    user: &user::Model,
    code: &str,
) -> Result<bool, ServiceError> {
    let used = mfa_backup_code::Entity::update_many()
        .col_expr(mfa_backup_code::Column::UsedAt, Expr::value(Utc::now()))
        .filter(mfa_backup_code::Column::UserId.eq(user.id))
        .filter(mfa_backup_code::Column::CodeHash.eq(token_hash(&normalise_backup_code(code))))
        .filter(mfa_backup_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(used.rows_affected == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA1, secret "12345678901234567890" (last 6 digits).
    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        let secret = b"12345678901234567890";
        for (time, code) in [
            (59_i64, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
        ] {
            assert_eq!(totp_code(secret, (time / 30) as u64), code, "t={time}");
            assert_eq!(totp_step(secret, code, time), Some(time / 30));
        }
    }

    #[test]
    fn one_step_of_drift_is_tolerated_and_no_more() {
        let secret = b"12345678901234567890";
        let code = totp_code(secret, 1_000);
        assert_eq!(totp_step(secret, &code, 1_000 * 30 + 29), Some(1_000));
        assert_eq!(totp_step(secret, &code, 1_001 * 30), Some(1_000));
        assert_eq!(totp_step(secret, &code, 999 * 30), Some(1_000));
        assert_eq!(totp_step(secret, &code, 1_002 * 30), None);
        assert_eq!(totp_step(secret, "12345", 0), None);
        assert_eq!(totp_step(secret, "abcdef", 0), None);
    }

    #[test]
    fn base32_round_trips_and_matches_rfc_4648() {
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32_decode("MZXW6YTBOI").unwrap(), b"foobar");
        assert_eq!(base32_decode("mzxw6ytboi======").unwrap(), b"foobar");
        assert!(base32_decode("not base32!").is_none());
    }

    #[test]
    fn the_qr_code_is_an_svg_image() {
        let svg = qr_svg("otpauth://totp/Reserver:alice?secret=ABC");
        assert!(svg.starts_with("<svg") && svg.contains("<path"));
    }
}
