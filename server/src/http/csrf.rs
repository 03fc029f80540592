//! Cross-site request forgery protection. A state-changing request (anything but GET, HEAD,
//! OPTIONS) from a browser must come from this site: its `Origin` (or, lacking that, its
//! `Referer`) must name the host it was sent to. Requests authenticated by a bearer token
//! carry no ambient credentials and pass; so do non-browser clients that send neither header
//! and no session cookie. Together with `SameSite=Lax` session cookies this closes CSRF for
//! forms and server functions alike.

use app::accounts::cookie;
use axum::extract::Request;
use axum::http::header::{AUTHORIZATION, HOST, ORIGIN, REFERER};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::api::{ApiError, is_api_path};

fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest))
}

pub(super) fn same_site(headers: &HeaderMap) -> Result<(), &'static str> {
    let Some(host) = headers.get(HOST).and_then(|v| v.to_str().ok()) else {
        return Err("the request names no host");
    };
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(origin) = header(ORIGIN) {
        return match host_of(origin) {
            Some(origin_host) if origin_host.eq_ignore_ascii_case(host) => Ok(()),
            _ => Err("the request came from another site"),
        };
    }
    if let Some(referer) = header(REFERER) {
        return match host_of(referer) {
            Some(referer_host) if referer_host.eq_ignore_ascii_case(host) => Ok(()),
            _ => Err("the request came from another site"),
        };
    }
    if cookie::session_secret(headers).is_some() {
        return Err("a signed-in browser request must say where it came from");
    }
    Ok(())
}

pub async fn guard(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let bearer = request.headers().contains_key(AUTHORIZATION);
    if safe || bearer {
        return next.run(request).await;
    }
    match same_site(request.headers()) {
        Ok(()) => next.run(request).await,
        Err(reason) => {
            tracing::warn!(path = %request.uri().path(), reason, "refused a cross-site request");
            if is_api_path(request.uri().path()) {
                ApiError::forbidden("cross_site_request", reason).into_response()
            } else {
                (StatusCode::FORBIDDEN, reason).into_response()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn same_origin_requests_pass_and_cross_site_ones_do_not() {
        let ok = headers(&[
            ("host", "reserver.example"),
            ("origin", "https://reserver.example"),
        ]);
        assert!(same_site(&ok).is_ok());
        let evil = headers(&[
            ("host", "reserver.example"),
            ("origin", "https://evil.example"),
        ]);
        assert!(same_site(&evil).is_err());
        let referer = headers(&[("host", "a:3000"), ("referer", "http://a:3000/login?x=1")]);
        assert!(same_site(&referer).is_ok());
        let bad_referer = headers(&[("host", "a:3000"), ("referer", "http://a:3001/")]);
        assert!(same_site(&bad_referer).is_err());
        let null_origin = headers(&[("host", "a"), ("origin", "null")]);
        assert!(same_site(&null_origin).is_err());
    }

    #[test]
    fn a_cookie_bearing_request_without_origin_or_referer_is_refused() {
        let scripted = headers(&[("host", "a")]);
        assert!(same_site(&scripted).is_ok());
        let with_cookie = headers(&[("host", "a"), ("cookie", "reserver_session=abc")]);
        assert!(same_site(&with_cookie).is_err());
    }
}
