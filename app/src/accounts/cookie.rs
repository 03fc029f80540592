//! The browser session cookie: an opaque random secret, `HttpOnly` (scripts never see it),
//! `SameSite=Lax`, and `Secure` over HTTPS or when configured.

use http::HeaderMap;
use http::header::COOKIE;

pub const SESSION_COOKIE: &str = "reserver_session";

/// The session secret a request carries, if any.
pub fn session_secret(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|header| header.split(';'))
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| name.trim() == SESSION_COOKIE)
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
}

/// Whether the request arrived over HTTPS (directly or through a proxy that says so).
pub fn is_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|proto| proto.eq_ignore_ascii_case("https"))
}

/// `Set-Cookie` value that stores `secret` for `max_age_secs`.
pub fn set_session(secret: &str, max_age_secs: u64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{SESSION_COOKIE}={secret}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Lax{secure}"
    )
}

/// `Set-Cookie` value that removes the session cookie.
pub fn clear_session(secure: bool) -> String {
    set_session("", 0, secure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_http_only_and_same_site() {
        let cookie = set_session("abc", 60, false);
        assert_eq!(
            cookie,
            "reserver_session=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Lax"
        );
        assert!(set_session("abc", 60, true).ends_with("; Secure"));
    }

    #[test]
    fn the_secret_is_found_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            "reserver_lang=fr; reserver_session=s3cr3t".parse().unwrap(),
        );
        assert_eq!(session_secret(&headers), Some("s3cr3t"));
        headers.insert(COOKIE, "reserver_session=".parse().unwrap());
        assert_eq!(session_secret(&headers), None);
    }
}
