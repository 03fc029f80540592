//! Accounts as clients see them: the signed-in user's profile, their sessions and API tokens.
//! Shared by the REST API, the server functions and the browser.

#[cfg(feature = "ssr")]
pub mod cookie;
pub mod server_fns;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The signed-in user (`GET /api/v1/users/me`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserProfile {
    pub id: i64,
    pub username: String,
    pub email: Option<String>,
    pub display_name: String,
    pub roles: Vec<String>,
    /// Every permission the user holds, as `<model>:<action>:<scope>`.
    pub permissions: Vec<String>,
    pub timezone: String,
    pub locale: String,
    pub mfa_enabled: bool,
    pub email_notifications: bool,
    pub reminder_minutes: i32,
    pub must_change_password: bool,
}

/// One browser session, for the lists on `/profile` and `/admin/sessions`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub id: i64,
    pub user_id: i64,
    pub username: String,
    pub user_agent: String,
    pub client_address: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The session making this request.
    pub current: bool,
}

/// A personal API token; its secret is shown once, at creation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonalToken {
    pub id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// What creating a personal token answers: the token record and its secret, once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewPersonalToken {
    #[serde(flatten)]
    pub token: PersonalToken,
    pub secret: String,
}

/// An access/refresh pair (`POST /api/v1/token`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    pub token_type: String,
    pub expires_in: u64,
}

/// Changes to one's own preferences; absent fields stay as they are.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PreferencesUpdate {
    pub timezone: Option<String>,
    pub locale: Option<String>,
    pub email_notifications: Option<bool>,
    pub reminder_minutes: Option<i32>,
    pub display_name: Option<String>,
    pub email: Option<String>,
}

/// What MFA enrolment shows: the secret for manual entry, the `otpauth://` URL, and its QR
/// code (`POST /api/v1/auth/mfa/setup`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MfaEnrolment {
    pub secret: String,
    pub otpauth_url: String,
    /// The `otpauth://` URL as an SVG QR code, to show in the page.
    pub qr_svg: String,
}
