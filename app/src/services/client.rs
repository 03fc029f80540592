//! Who is on the other end of a request: the client's address (seen through trusted reverse
//! proxies) and browser, as recorded with sessions and used for lockout and rate limits.

use std::net::IpAddr;

use http::header::USER_AGENT;
use http::request::Parts;

use super::credentials::ClientInfo;

/// The client's address, resolved once per request by the host and kept in the request's
/// extensions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl ClientAddr {
    /// The peer's address, unless the peer is a trusted proxy: then the nearest address in
    /// `X-Forwarded-For` that is not itself a trusted proxy. Entries a client wrote before
    /// reaching the first trusted proxy are never believed.
    pub fn resolve(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[IpAddr]) -> ClientAddr {
        if !trusted.contains(&peer) {
            return ClientAddr(peer);
        }
        let hops: Vec<IpAddr> = forwarded_for
            .unwrap_or_default()
            .split(',')
            .map_while(|hop| hop.trim().parse().ok())
            .collect();
        let client = hops
            .iter()
            .rev()
            .find(|hop| !trusted.contains(hop))
            .or(hops.first())
            .copied()
            .unwrap_or(peer);
        ClientAddr(client)
    }
}

/// Where a request came from, for the session or token it opens.
pub fn client_info(parts: &Parts) -> ClientInfo {
    ClientInfo {
        address: parts
            .extensions
            .get::<ClientAddr>()
            .map(|ClientAddr(ip)| ip.to_string())
            .unwrap_or_default(),
        user_agent: parts
            .headers
            .get(USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_a_trusted_proxy_the_peer_is_the_client_whatever_the_headers_say() {
        assert_eq!(
            ClientAddr::resolve(ip("203.0.113.9"), Some("1.2.3.4"), &[]),
            ClientAddr(ip("203.0.113.9"))
        );
    }

    #[test]
    fn behind_trusted_proxies_the_nearest_untrusted_hop_is_the_client() {
        let proxies = [ip("10.0.0.1"), ip("10.0.0.2")];
        // The client forged "6.6.6.6"; the first proxy appended the real address.
        assert_eq!(
            ClientAddr::resolve(
                ip("10.0.0.1"),
                Some("6.6.6.6, 198.51.100.7, 10.0.0.2"),
                &proxies
            ),
            ClientAddr(ip("198.51.100.7"))
        );
        assert_eq!(
            ClientAddr::resolve(ip("10.0.0.1"), None, &proxies),
            ClientAddr(ip("10.0.0.1"))
        );
        assert_eq!(
            ClientAddr::resolve(ip("10.0.0.1"), Some("garbage"), &proxies),
            ClientAddr(ip("10.0.0.1"))
        );
    }
}
