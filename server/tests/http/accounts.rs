//! Setup, registration, login, tokens, lockout, MFA, sessions and personal tokens over HTTP.

use reqwest::Method;
use serde_json::json;

use crate::support::{Engine, PASSWORD, spawn_app};

on_both_engines!(
    setup_creates_the_first_admin_once,
    registration_enforces_the_password_policy_and_unique_usernames,
    tokens_authenticate_refresh_rotates_and_reuse_revokes_the_family,
    logout_stops_access_and_refresh_tokens_at_once,
    five_failed_logins_lock_that_account_from_that_address_only,
    an_address_failing_on_many_accounts_is_stopped_but_not_one_failing_often_on_a_few,
    mfa_enrolment_then_login_needs_a_code,
    preferences_are_validated_and_saved,
    personal_tokens_work_until_revoked,
    sessions_are_listed_and_revocation_is_immediate,
    a_session_ends_after_its_idle_time_and_at_its_absolute_expiry,
);

async fn setup_creates_the_first_admin_once(engine: Engine) {
    let app = spawn_app(engine).await;
    let (status, body) = app.get_json("/api/v1/setup/status").await;
    assert_eq!((status, body), (200, json!({"setup_complete": false})));
    // No account exists before set-up: no default admin, no default password.
    assert_eq!(app.token("admin", "admin", None).await.status(), 401);

    let token = app.admin_token().await;
    let (_, me) = app.get_as(&token, "/api/v1/users/me").await;
    assert_eq!(me["username"], "admin");
    assert_eq!(me["roles"], json!(["admin"]));
    assert_eq!(me["mfa_enabled"], false);
    for field in ["id", "email", "timezone", "locale"] {
        assert!(me.get(field).is_some(), "users/me lacks {field}: {me}");
    }

    let (status, body) = app.get_json("/api/v1/setup/status").await;
    assert_eq!((status, body), (200, json!({"setup_complete": true})));
    let (status, body) = app
        .post_json(
            "/api/v1/setup/initialize",
            json!({"username": "mallory", "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(app.token("mallory", PASSWORD, None).await.status(), 401);
    // Once set up it is 409 whatever the body, even one that would not do.
    let (status, body) = app.post_json("/api/v1/setup/initialize", json!({})).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("conflict")),
        "{body}"
    );
}

async fn registration_enforces_the_password_policy_and_unique_usernames(engine: Engine) {
    let app = spawn_app(engine).await;
    let (status, body) = app
        .post_json(
            "/api/v1/register",
            json!({"username": "alice", "password": PASSWORD, "email": "alice@example.org"}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["username"], "alice");
    assert!(body["id"].is_i64());
    assert_eq!(body["roles"], json!(["user"]));

    for (password, rule) in [
        ("Sh0rt!", "too_short"),
        ("lowercase1!", "needs_uppercase"),
        ("UPPERCASE1!", "needs_lowercase"),
        ("NoDigits!!", "needs_digit"),
        ("NoSpecial12", "needs_special"),
        ("xxBob-2026x", "contains_username"),
    ] {
        let (status, body) = app
            .post_json(
                "/api/v1/register",
                json!({"username": "bob", "password": password}),
            )
            .await;
        assert_eq!(status, 422, "{password}: {body}");
        assert_eq!(body["code"], "weak_password");
        assert!(
            body["rules"]
                .as_array()
                .is_some_and(|r| r.contains(&json!(rule))),
            "{password}: {body}"
        );
        assert!(
            body["detail"].as_str().is_some_and(|d| d.contains("must")),
            "{body}"
        );
    }

    let (status, body) = app
        .post_json(
            "/api/v1/register",
            json!({"username": "ALICE", "password": PASSWORD}),
        )
        .await;
    assert_eq!(
        status, 409,
        "usernames are unique whatever their case: {body}"
    );
    let (status, _) = app
        .post_json(
            "/api/v1/register",
            json!({"username": "a b", "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 422);
    // An e-mail address is a username like any other.
    let (status, body) = app
        .post_json(
            "/api/v1/register",
            json!({"username": "dana+desk@example.com", "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["username"], "dana+desk@example.com");
    let (status, _) = app
        .post_json("/api/v1/register", json!({"username": "carol"}))
        .await;
    assert_eq!(status, 422, "a missing field is a validation error");
    let response = app
        .client
        .post(app.url("/api/v1/register"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert!(body["detail"].is_string() && body["code"].is_string());
    // The failed attempts stored nothing.
    assert_eq!(app.token("bob", "Sh0rt!", None).await.status(), 401);
}

async fn tokens_authenticate_refresh_rotates_and_reuse_revokes_the_family(engine: Engine) {
    let app = spawn_app(engine).await;
    app.user_token("dana").await;
    let response = app.token("dana", PASSWORD, None).await;
    assert_eq!(response.status(), 200);
    let pair: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(pair["token_type"], "bearer");
    assert!(pair["expires_in"].as_u64().is_some_and(|s| s > 0));
    let access = pair["access_token"].as_str().expect("access");
    let refresh = pair["refresh_token"].as_str().expect("refresh");

    assert_eq!(app.get_as(access, "/api/v1/users/me").await.0, 200);
    assert_eq!(app.get_json("/api/v1/users/me").await.0, 401);
    assert_eq!(app.get_as("not-a-token", "/api/v1/users/me").await.0, 401);
    assert_eq!(
        app.get_as(refresh, "/api/v1/users/me").await.0,
        401,
        "a refresh token is no access token"
    );
    assert_eq!(
        app.token("dana", "Wr0ng-password", None).await.status(),
        401
    );

    let (status, second) = app
        .post_json("/api/v1/token/refresh", json!({"refresh_token": refresh}))
        .await;
    assert_eq!(status, 200, "{second}");
    let second_access = second["access_token"].as_str().expect("access");
    assert_ne!(second_access, access);
    assert_eq!(app.get_as(second_access, "/api/v1/users/me").await.0, 200);
    assert_eq!(
        app.get_as(access, "/api/v1/users/me").await.0,
        401,
        "the old access token is retired"
    );

    // Someone replays the spent refresh token: refused, and the whole family dies.
    let (status, body) = app
        .post_json("/api/v1/token/refresh", json!({"refresh_token": refresh}))
        .await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(app.get_as(second_access, "/api/v1/users/me").await.0, 401);
    let (status, _) = app
        .post_json(
            "/api/v1/token/refresh",
            json!({"refresh_token": second["refresh_token"]}),
        )
        .await;
    assert_eq!(status, 401);
}

async fn logout_stops_access_and_refresh_tokens_at_once(engine: Engine) {
    let app = spawn_app(engine).await;
    app.user_token("erin").await;
    let pair: serde_json::Value = app
        .token("erin", PASSWORD, None)
        .await
        .json()
        .await
        .expect("JSON");
    let access = pair["access_token"].as_str().expect("access");
    let other_device = app.access_token("erin").await;

    let (status, _) = app
        .send_as(Method::POST, access, "/api/v1/logout", None)
        .await;
    assert_eq!(status, 204);
    assert_eq!(app.get_as(access, "/api/v1/users/me").await.0, 401);
    let (status, _) = app
        .post_json(
            "/api/v1/token/refresh",
            json!({"refresh_token": pair["refresh_token"]}),
        )
        .await;
    assert_eq!(status, 401);
    assert_eq!(
        app.get_as(&other_device, "/api/v1/users/me").await.0,
        200,
        "other logins stay"
    );
}

async fn five_failed_logins_lock_that_account_from_that_address_only(engine: Engine) {
    let app = spawn_app(engine).await;
    let open_session = app.user_token("frank").await;
    app.user_token("grace").await;
    for attempt in 1..=5 {
        assert_eq!(
            app.token("frank", "Wr0ng-guess!", None).await.status(),
            401,
            "attempt {attempt}"
        );
    }
    let locked = app.token("frank", PASSWORD, None).await;
    assert_eq!(locked.status(), 429, "even the right password waits");
    let retry_after: u64 = locked.headers()["retry-after"]
        .to_str()
        .expect("header")
        .parse()
        .expect("seconds");
    assert!((1..=15 * 60).contains(&retry_after), "{retry_after}");
    let body: serde_json::Value = locked.json().await.expect("JSON");
    assert_eq!(body["code"], "rate_limited");

    assert_eq!(
        app.get_as(&open_session, "/api/v1/users/me").await.0,
        200,
        "open sessions are untouched"
    );
    assert_eq!(
        app.token("grace", PASSWORD, None).await.status(),
        200,
        "other accounts are not locked"
    );
    // Unknown usernames count like known ones: probing does not reveal who exists.
    for _ in 0..5 {
        assert_eq!(
            app.token("nobody", "Wr0ng-guess!", None).await.status(),
            401
        );
    }
    assert_eq!(
        app.token("nobody", "Wr0ng-guess!", None).await.status(),
        429
    );
}

async fn an_address_failing_on_many_accounts_is_stopped_but_not_one_failing_often_on_a_few(
    engine: Engine,
) {
    use app::services::lockout::{ACCOUNT_LIMIT, ADDRESS_ACCOUNTS_LIMIT};
    let app = spawn_app(engine).await;
    app.user_token("quinn").await;
    // An office behind one address: ten people each get locked out after five typos...
    let few = 10;
    for person in 0..few {
        for _ in 0..ACCOUNT_LIMIT {
            let status = app
                .token(&format!("typist{person}"), "Wr0ng-guess!", None)
                .await
                .status();
            assert_eq!(status, 401);
        }
    }
    // ...which locks out none of the others there.
    assert_eq!(app.token("quinn", PASSWORD, None).await.status(), 200);
    // One client trying a password on account after account is stopped, on every account.
    for name in few..ADDRESS_ACCOUNTS_LIMIT {
        let status = app
            .token(&format!("sprayed{name}"), "Summer2026!", None)
            .await
            .status();
        assert_eq!(status, 401, "account {name}");
    }
    let refused = app.token("quinn", PASSWORD, None).await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
}

fn current_code(secret: &str) -> String {
    code_at(secret, 0)
}

/// The code `steps` 30-second steps from now (the server accepts one step of drift).
fn code_at(secret: &str, steps: i64) -> String {
    let secret = app::services::mfa::base32_decode(secret).expect("base32 secret");
    let step = chrono::Utc::now().timestamp() / 30 + steps;
    app::services::mfa::totp_code(&secret, step as u64)
}

async fn mfa_enrolment_then_login_needs_a_code(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.user_token("heidi").await;
    let (status, setup) = app
        .send_as(Method::POST, &token, "/api/v1/auth/mfa/setup", None)
        .await;
    assert_eq!(status, 200, "{setup}");
    let secret = setup["secret"].as_str().expect("secret").to_owned();
    let url = setup["otpauth_url"].as_str().expect("url");
    assert!(
        url.starts_with("otpauth://totp/Reserver%3Aheidi?secret="),
        "{url}"
    );
    assert!(
        url.contains("algorithm=SHA1") && url.contains("digits=6") && url.contains("period=30")
    );

    let (status, _) = app
        .send_as(
            Method::POST,
            &token,
            "/api/v1/auth/mfa/verify",
            Some(json!({"code": "000000"})),
        )
        .await;
    assert_eq!(status, 422, "a wrong code does not turn MFA on");
    let (status, verified) = app
        .send_as(
            Method::POST,
            &token,
            "/api/v1/auth/mfa/verify",
            Some(json!({"code": current_code(&secret)})),
        )
        .await;
    assert_eq!(status, 200, "{verified}");
    let backup: Vec<String> =
        serde_json::from_value(verified["backup_codes"].clone()).expect("codes");
    assert_eq!(backup.len(), 10);

    let missing = app.token("heidi", PASSWORD, None).await;
    assert_eq!(missing.status(), 401);
    assert_eq!(
        missing.json::<serde_json::Value>().await.expect("JSON")["code"],
        "mfa_required"
    );
    let wrong = app.token("heidi", PASSWORD, Some("123456")).await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(
        wrong.json::<serde_json::Value>().await.expect("JSON")["code"],
        "mfa_required"
    );
    // The code that turned MFA on also signs in, once: turning MFA on is not a sign-in.
    let enrolment_code = current_code(&secret);
    let first = app.token("heidi", PASSWORD, Some(&enrolment_code)).await;
    assert_eq!(first.status(), 200, "the code just used to turn MFA on");
    assert_eq!(
        app.token("heidi", PASSWORD, Some(&enrolment_code))
            .await
            .status(),
        401,
        "a TOTP code cannot be replayed"
    );
    // A later one works, once.
    let next = code_at(&secret, 1);
    assert_eq!(
        app.token("heidi", PASSWORD, Some(&next)).await.status(),
        200
    );
    assert_eq!(
        app.token("heidi", PASSWORD, Some(&next)).await.status(),
        401,
        "nor can the next one"
    );
    assert_eq!(
        app.token("heidi", PASSWORD, Some(&backup[0]))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.token("heidi", PASSWORD, Some(&backup[0]))
            .await
            .status(),
        401,
        "backup codes are single use"
    );

    let (_, me) = app.get_as(&token, "/api/v1/users/me").await;
    assert_eq!(me["mfa_enabled"], true);
    let (status, _) = app
        .send_as(
            Method::POST,
            &token,
            "/api/v1/auth/mfa/disable",
            Some(json!({"code": "000000"})),
        )
        .await;
    assert_eq!(status, 422, "a wrong code does not turn MFA off");
    // Signed in already, the person may turn MFA off with the code they signed in with.
    let (status, _) = app
        .send_as(
            Method::POST,
            &token,
            "/api/v1/auth/mfa/disable",
            Some(json!({"code": next})),
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(app.token("heidi", PASSWORD, None).await.status(), 200);
}

async fn preferences_are_validated_and_saved(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.user_token("ivan").await;
    let (status, me) = app
        .send_as(
            Method::PATCH,
            &token,
            "/api/v1/users/me/preferences",
            Some(json!({"timezone": "Europe/Paris", "locale": "fr", "email_notifications": false, "reminder_minutes": 30})),
        )
        .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(
        (me["timezone"].as_str(), me["locale"].as_str()),
        (Some("Europe/Paris"), Some("fr"))
    );
    assert_eq!(me["email_notifications"], false);
    assert_eq!(me["reminder_minutes"], 30);

    for bad in [
        json!({"timezone": "Mars/Olympus"}),
        json!({"locale": "de"}),
        json!({"reminder_minutes": -5}),
    ] {
        let (status, body) = app
            .send_as(
                Method::PATCH,
                &token,
                "/api/v1/users/me/preferences",
                Some(bad.clone()),
            )
            .await;
        assert_eq!(status, 422, "{bad}: {body}");
    }
    let (_, me) = app.get_as(&token, "/api/v1/users/me").await;
    assert_eq!(
        me["timezone"], "Europe/Paris",
        "a refused update changes nothing"
    );
}

async fn personal_tokens_work_until_revoked(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.user_token("judy").await;
    let (status, created) = app
        .send_as(
            Method::POST,
            &token,
            "/api/v1/users/me/tokens",
            Some(json!({"name": "backup script", "expires_in_days": 30})),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let secret = created["secret"].as_str().expect("secret shown once");
    let (status, me) = app.get_as(secret, "/api/v1/users/me").await;
    assert_eq!((status, me["username"].as_str()), (200, Some("judy")));

    let (_, list) = app.get_as(&token, "/api/v1/users/me/tokens").await;
    assert_eq!(list["data"].as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list["total_count"], 1);
    assert!(
        list["data"][0].get("secret").is_none(),
        "the secret is never shown again"
    );
    let id = created["id"].as_i64().expect("id");

    let stranger = app.user_token("mallory").await;
    let (status, _) = app
        .send_as(
            Method::DELETE,
            &stranger,
            &format!("/api/v1/users/me/tokens/{id}"),
            None,
        )
        .await;
    assert_eq!(status, 404);
    let (status, _) = app
        .send_as(
            Method::DELETE,
            &token,
            &format!("/api/v1/users/me/tokens/{id}"),
            None,
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(app.get_as(secret, "/api/v1/users/me").await.0, 401);
}

async fn sessions_are_listed_and_revocation_is_immediate(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let token = app.user_token("kim").await;
    let cookie = app.session_cookie(&token).await;
    let as_browser = |path: &str| {
        app.client
            .get(app.url(path))
            .header("cookie", cookie.clone())
            .send()
    };

    assert_eq!(
        as_browser("/api/v1/users/me").await.expect("sent").status(),
        200
    );
    let (_, mine) = app.get_as(&token, "/api/v1/users/me/sessions").await;
    let sessions = mine["data"].as_array().expect("list");
    assert_eq!(sessions.len(), 1);
    let session_id = sessions[0]["id"].as_i64().expect("id");

    // Another user can neither see nor revoke it; a user cannot list everyone's.
    let other = app.user_token("lee").await;
    let (status, _) = app
        .send_as(
            Method::DELETE,
            &other,
            &format!("/api/v1/users/me/sessions/{session_id}"),
            None,
        )
        .await;
    assert_eq!(status, 404);
    assert_eq!(app.get_as(&other, "/api/v1/sessions").await.0, 403);

    let (status, all) = app.get_as(&admin, "/api/v1/sessions").await;
    assert_eq!(status, 200);
    assert!(
        all["data"]
            .as_array()
            .expect("list")
            .iter()
            .any(|s| s["id"] == session_id && s["username"] == "kim")
    );
    let (status, _) = app
        .send_as(
            Method::DELETE,
            &admin,
            &format!("/api/v1/sessions/{session_id}"),
            None,
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(
        as_browser("/api/v1/users/me").await.expect("sent").status(),
        401,
        "revoked at once"
    );
}

#[tokio::test]
async fn a_cross_site_post_with_a_session_cookie_is_refused() {
    let app = spawn_app(Engine::Sqlite).await;
    app.user_token("nina").await;
    let cookie = app.session_cookie(&app.access_token("nina").await).await;
    let host = app.address.trim_start_matches("http://").to_owned();

    let forged = app
        .client
        .post(app.url("/api/v1/logout"))
        .header("cookie", &cookie)
        .header("origin", "https://evil.example")
        .send()
        .await
        .expect("sent");
    assert_eq!(forged.status(), 403);
    assert_eq!(
        forged.json::<serde_json::Value>().await.expect("JSON")["code"],
        "cross_site_request"
    );
    let no_origin = app
        .client
        .post(app.url("/api/v1/logout"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("sent");
    assert_eq!(no_origin.status(), 403);
    let still = app
        .client
        .get(app.url("/api/v1/users/me"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("sent");
    assert_eq!(still.status(), 200, "the forged requests did nothing");

    let same_site = app
        .client
        .post(app.url("/api/v1/logout"))
        .header("cookie", &cookie)
        .header("origin", format!("http://{host}"))
        .send()
        .await
        .expect("sent");
    assert_eq!(same_site.status(), 204);
}

#[tokio::test]
async fn the_api_rate_limit_answers_429_with_retry_after() {
    let database = crate::support::TestDatabase::create(Engine::Sqlite).await;
    let app = crate::support::spawn_app_with(database, &[("--api-rate-limit", "5")]).await;
    for _ in 0..5 {
        assert_eq!(app.get("/api/v1/setup/status").await.status(), 200);
    }
    let limited = app.get("/api/v1/setup/status").await;
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().contains_key("retry-after"));
    assert_eq!(
        app.get("/live").await.status(),
        200,
        "probes are not API calls"
    );
}

async fn a_session_ends_after_its_idle_time_and_at_its_absolute_expiry(engine: Engine) {
    use app::persistence::entities::credential;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let app = spawn_app(engine).await;
    let token = app.user_token("ola").await;
    let (_, profile) = app.get_as(&token, "/api/v1/users/me").await;
    let user_id = profile["id"].as_i64().expect("id") as i32;
    let me = |cookie: String| {
        let request = app
            .client
            .get(app.url("/api/v1/users/me"))
            .header("cookie", cookie);
        async move { request.send().await.expect("sent").status().as_u16() }
    };
    // Moves a time of every browser session of ola `minutes` into the past.
    let backdate = |column: credential::Column, minutes: i64| {
        let db = app.db.clone();
        async move {
            credential::Entity::update_many()
                .col_expr(
                    column,
                    Expr::value(chrono::Utc::now() - chrono::Duration::minutes(minutes)),
                )
                .filter(credential::Column::UserId.eq(user_id))
                .filter(credential::Column::Kind.eq("session"))
                .exec(&db)
                .await
                .expect("backdate");
        }
    };

    // Default idle time: 60 minutes without a request.
    let cookie = app.session_cookie(&token).await;
    backdate(credential::Column::LastUsedAt, 59).await;
    assert_eq!(me(cookie.clone()).await, 200, "59 idle minutes are fine");
    backdate(credential::Column::LastUsedAt, 61).await;
    assert_eq!(me(cookie).await, 401, "61 idle minutes end the session");

    // Use keeps a session alive, but not past its absolute expiry.
    let cookie = app.session_cookie(&token).await;
    assert_eq!(me(cookie.clone()).await, 200);
    backdate(credential::Column::ExpiresAt, 1).await;
    assert_eq!(me(cookie).await, 401);
}

#[tokio::test]
async fn behind_a_trusted_proxy_lockout_is_per_forwarded_client_and_forgeries_are_ignored() {
    use crate::support::{TestDatabase, spawn_app_with};
    let attempt = |app: &crate::support::TestApp, forwarded_for: &str, password: &str| {
        let request = app
            .client
            .post(app.url("/api/v1/token"))
            .header("x-forwarded-for", forwarded_for)
            .form(&[("username", "pat"), ("password", password)]);
        async move { request.send().await.expect("sent").status().as_u16() }
    };

    // The test client connects from 127.0.0.1: trusted as a proxy here.
    let database = TestDatabase::create(Engine::Sqlite).await;
    let app = spawn_app_with(database, &[("--trusted-proxies", "127.0.0.1,10.9.9.9")]).await;
    app.user_token("pat").await;
    for _ in 0..5 {
        assert_eq!(attempt(&app, "198.51.100.1", "Wr0ng-guess!").await, 401);
    }
    assert_eq!(attempt(&app, "198.51.100.1", PASSWORD).await, 429);
    assert_eq!(
        attempt(&app, "198.51.100.2", PASSWORD).await,
        200,
        "another client behind the same proxy is not locked out"
    );
    // What a client writes before the trusted proxies is not believed.
    assert_eq!(
        attempt(&app, "203.0.113.5, 198.51.100.1, 10.9.9.9", PASSWORD).await,
        429
    );

    // Without trusted proxies the header is ignored: everyone here is 127.0.0.1.
    let database = TestDatabase::create(Engine::Sqlite).await;
    let app = spawn_app_with(database, &[]).await;
    app.user_token("pat").await;
    for n in 0..5 {
        assert_eq!(
            attempt(&app, &format!("198.51.100.{n}"), "Wr0ng-guess!").await,
            401
        );
    }
    assert_eq!(attempt(&app, "198.51.100.99", PASSWORD).await, 429);
}
