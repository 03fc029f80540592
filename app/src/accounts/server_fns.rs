//! The account server functions the pages call. Each is a thin wrapper over one service call;
//! the session cookie is set and cleared here because it is part of the HTTP exchange.

use leptos::prelude::*;

use super::{MfaEnrolment, NewPersonalToken, PersonalToken, SessionInfo, UserProfile};
use crate::error::AppError;

#[cfg(feature = "ssr")]
mod http_side {
    use http::HeaderValue;
    use http::header::SET_COOKIE;
    use leptos::prelude::*;

    use crate::accounts::cookie;
    use crate::error::AppError;
    use crate::services::credentials::ClientInfo;
    use crate::services::{AuthSettings, credentials};

    pub fn client() -> ClientInfo {
        use_context::<http::request::Parts>()
            .map(|parts| crate::services::client::client_info(&parts))
            .unwrap_or_default()
    }

    fn secure(settings: &AuthSettings) -> bool {
        settings.secure_cookies
            || use_context::<http::request::Parts>().is_some_and(|p| cookie::is_https(&p.headers))
    }

    fn set_cookie(value: String) -> Result<(), AppError> {
        let response = use_context::<leptos_axum::ResponseOptions>().ok_or(AppError::Internal)?;
        let value = HeaderValue::from_str(&value).map_err(|_| AppError::Internal)?;
        response.append_header(SET_COOKIE, value);
        Ok(())
    }

    /// Opens a session for `user_id` and hands its cookie to the browser.
    pub async fn sign_in(user_id: i32) -> Result<(), AppError> {
        let db = crate::services::database()?;
        let settings = use_context::<AuthSettings>().unwrap_or_default();
        let secret = credentials::start_session(&db, &settings, user_id, &client()).await?;
        set_cookie(cookie::set_session(
            &secret,
            settings.session_absolute.as_secs(),
            secure(&settings),
        ))
    }

    /// The feed address with `token`, on the host the page was asked from.
    pub fn feed_url(token: &str) -> String {
        let parts = use_context::<http::request::Parts>();
        let headers = parts
            .as_ref()
            .map(|p| p.headers.clone())
            .unwrap_or_default();
        let authority = parts
            .as_ref()
            .and_then(|p| p.uri.authority().map(|a| a.to_string()));
        crate::services::calendar::feed_url(&headers, authority.as_deref(), token)
    }

    pub fn forget_cookie() -> Result<(), AppError> {
        let settings = use_context::<AuthSettings>().unwrap_or_default();
        set_cookie(cookie::clear_session(secure(&settings)))
    }
}

/// The signed-in user, or `None` for a visitor.
#[server(prefix = "/api/fn", endpoint = "current_user")]
pub async fn current_user() -> Result<Option<UserProfile>, AppError> {
    crate::error::answer(async move {
        use crate::services::{accounts, current_principal};
        match current_principal().await {
            Ok(principal) => {
                let db = crate::services::database()?;
                Ok(Some(accounts::profile(&db, principal.user_id).await?))
            }
            Err(AppError::Unauthorized) => Ok(None),
            Err(other) => Err(other),
        }
    })
    .await
}

/// Whether the first admin exists yet.
#[server(prefix = "/api/fn", endpoint = "setup_status")]
pub async fn setup_status() -> Result<bool, AppError> {
    crate::error::answer(async move {
        let db = crate::services::database()?;
        Ok(crate::services::accounts::setup_complete(&db).await?)
    })
    .await
}

/// Creates the first admin and signs them in.
#[server(prefix = "/api/fn", endpoint = "initialize_setup")]
pub async fn initialize_setup(
    username: String,
    password: String,
    email: Option<String>,
) -> Result<(), AppError> {
    crate::error::answer(async move {
        use crate::services::accounts::{self, NewAccount};
        let db = crate::services::database()?;
        let profile = accounts::initialize(
            &db,
            NewAccount {
                username,
                password,
                email,
            },
        )
        .await?;
        http_side::sign_in(i32::try_from(profile.id).map_err(|_| AppError::Internal)?).await
    })
    .await
}

/// Public registration (role `user`).
#[server(prefix = "/api/fn", endpoint = "register_account")]
pub async fn register_account(
    username: String,
    password: String,
    email: Option<String>,
) -> Result<(), AppError> {
    crate::error::answer(async move {
        use crate::services::accounts::{self, NewAccount};
        let db = crate::services::database()?;
        accounts::register(
            &db,
            NewAccount {
                username,
                password,
                email,
            },
        )
        .await?;
        Ok(())
    })
    .await
}

/// Checks the credentials (and MFA code) and opens a browser session. Answers whether the
/// person must choose a new password (after an admin's reset) before anything else.
#[server(prefix = "/api/fn", endpoint = "login")]
pub async fn login(
    username: String,
    password: String,
    mfa_code: Option<String>,
) -> Result<bool, AppError> {
    crate::error::answer(async move {
        let db = crate::services::database()?;
        let address = http_side::client().address;
        let user = crate::services::accounts::authenticate(
            &db,
            &username,
            &password,
            mfa_code.as_deref(),
            &address,
        )
        .await?;
        http_side::sign_in(user.id).await?;
        Ok(user.must_change_password)
    })
    .await
}

/// Ends this browser session.
#[server(prefix = "/api/fn", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    crate::error::answer(async move {
        if let Ok(principal) = crate::services::current_principal().await {
            let db = crate::services::database()?;
            crate::services::credentials::logout(&db, &principal).await?;
        }
        http_side::forget_cookie()
    })
    .await
}

/// Live browser sessions: the caller's, or everyone's for `/admin/sessions`.
#[server(prefix = "/api/fn", endpoint = "list_sessions")]
pub async fn list_sessions(everyone: bool) -> Result<Vec<SessionInfo>, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::credentials::list_sessions(&db, &principal, everyone).await?)
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "revoke_session")]
pub async fn revoke_session(id: i64) -> Result<(), AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        let id = i32::try_from(id).map_err(|_| AppError::NotFound)?;
        Ok(crate::services::credentials::revoke_session(&db, &principal, id).await?)
    })
    .await
}

/// Saves the profile form: name, e-mail (empty: none), time zone and language.
#[server(prefix = "/api/fn", endpoint = "update_profile")]
pub async fn update_profile(
    display_name: String,
    email: String,
    timezone: String,
    locale: String,
) -> Result<UserProfile, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        let update = super::PreferencesUpdate {
            display_name: Some(display_name),
            email: Some(email),
            timezone: Some(timezone),
            locale: Some(locale),
            ..Default::default()
        };
        Ok(crate::services::accounts::update_preferences(&db, &principal, update).await?)
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::accounts::change_password(
            &db,
            &principal,
            &current_password,
            &new_password,
        )
        .await?)
    })
    .await
}

/// Starts MFA enrolment: a new secret and its QR code, not yet in force.
#[server(prefix = "/api/fn", endpoint = "begin_mfa")]
pub async fn begin_mfa() -> Result<MfaEnrolment, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::mfa::begin_enrolment(&db, &principal).await?)
    })
    .await
}

/// Turns MFA on with a code from the app; answers the single-use backup codes.
#[server(prefix = "/api/fn", endpoint = "confirm_mfa")]
pub async fn confirm_mfa(code: String) -> Result<Vec<String>, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::mfa::confirm_enrolment(&db, &principal, &code).await?)
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "disable_mfa")]
pub async fn disable_mfa(code: String) -> Result<(), AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::mfa::disable(&db, &principal, &code).await?)
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "list_tokens")]
pub async fn list_tokens() -> Result<Vec<PersonalToken>, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::credentials::list_personal_tokens(&db, &principal).await?)
    })
    .await
}

/// A personal API token; its secret is in the answer and never again.
#[server(prefix = "/api/fn", endpoint = "create_token")]
pub async fn create_token(
    name: String,
    expires_in_days: i64,
) -> Result<NewPersonalToken, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::credentials::create_personal_token(
            &db,
            &principal,
            &name,
            expires_in_days,
        )
        .await?)
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "revoke_token")]
pub async fn revoke_token(id: i64) -> Result<(), AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        let id = i32::try_from(id).map_err(|_| AppError::NotFound)?;
        Ok(crate::services::credentials::revoke_personal_token(&db, &principal, id).await?)
    })
    .await
}

/// The address of the signed-in person's calendar feed (made the first time it is asked for).
#[server(prefix = "/api/fn", endpoint = "calendar_feed")]
pub async fn calendar_feed() -> Result<String, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        let token = crate::services::calendar::feed_token(&db, &principal).await?;
        Ok(http_side::feed_url(&token))
    })
    .await
}

/// A new address for the calendar feed; the old one stops working.
#[server(prefix = "/api/fn", endpoint = "renew_calendar_feed")]
pub async fn renew_calendar_feed() -> Result<String, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        let token = crate::services::calendar::regenerate_feed_token(&db, &principal).await?;
        Ok(http_side::feed_url(&token))
    })
    .await
}
