//! Lifetimes of sessions and tokens, and cookie security; set by the host's configuration.

use std::time::Duration;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthSettings {
    /// A browser session ends this long after login, however active.
    pub session_absolute: Duration,
    /// A browser session ends after this long without a request.
    pub session_idle: Duration,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    /// Always mark cookies `Secure` (they are also when a request arrived over HTTPS).
    pub secure_cookies: bool,
}

impl Default for AuthSettings {
    fn default() -> Self {
        AuthSettings {
            session_absolute: Duration::from_secs(8 * 3600),
            session_idle: Duration::from_secs(3600),
            access_token_ttl: Duration::from_secs(15 * 60),
            refresh_token_ttl: Duration::from_secs(30 * 24 * 3600),
            secure_cookies: false,
        }
    }
}
