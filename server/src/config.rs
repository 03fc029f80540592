//! Command line and configuration. Every setting comes from a flag, else the environment, else
//! a `.env` file in the working directory (loaded by `main` without overriding the
//! environment), else its default.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use std::time::Duration;

use app::services::AuthSettings;
use app::services::waitlist::BookingSettings;
use app::services::webhooks::OwnReach;
use clap::{Args, Parser, Subcommand};

pub const DEFAULT_DATABASE_URL: &str = "sqlite://./data/reserver.db?mode=rwc";

/// Reserver: share rooms, desks, equipment and people without double-booking.
#[derive(Debug, Parser)]
#[command(name = "reserver", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub settings: Settings,
}

#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Serve the web app, the REST API and the operations endpoints (the default).
    Serve,
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Administer accounts from the command line.
    #[command(subcommand)]
    Admin(AdminCommand),
}

#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum AdminCommand {
    /// Create an administrator: the first one (completing set-up) or another. The password
    /// is asked for twice at a terminal, or read as one line from standard input.
    Create {
        /// The new administrator's username.
        #[arg(long)]
        username: String,
        /// Their e-mail address.
        #[arg(long)]
        email: Option<String>,
    },
}

#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Address and port to listen on.
    #[arg(
        long,
        env = "RESERVER_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub addr: SocketAddr,

    /// Database to use: sqlite://PATH (created if missing) or postgres://USER@HOST[:PORT]/DB.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true, hide_env_values = true)]
    pub database_url: String,

    /// Log filter: a level (error, warn, info, debug, trace) or per-module directives
    /// such as `info,reserver=debug`.
    #[arg(long, env = "RESERVER_LOG", default_value = "info", global = true)]
    pub log_level: String,

    /// Write logs as JSON lines instead of human-readable text.
    #[arg(long, env = "RESERVER_LOG_JSON", global = true)]
    pub log_json: bool,

    /// Hours a browser session lasts after login, however active.
    #[arg(long, env = "RESERVER_SESSION_HOURS", default_value_t = 8, global = true, value_parser = clap::value_parser!(u64).range(1..=720))]
    pub session_hours: u64,

    /// Minutes without a request after which a browser session ends.
    #[arg(long, env = "RESERVER_SESSION_IDLE_MINUTES", default_value_t = 60, global = true, value_parser = clap::value_parser!(u64).range(1..=43_200))]
    pub session_idle_minutes: u64,

    /// Always mark cookies `Secure` (they are anyway on requests that arrive over HTTPS).
    #[arg(long, env = "RESERVER_SECURE_COOKIES", global = true)]
    pub secure_cookies: bool,

    /// API requests allowed per minute from one client address (0: no limit).
    #[arg(
        long,
        env = "RESERVER_API_RATE_LIMIT",
        default_value_t = 10_000,
        global = true
    )]
    pub api_rate_limit: u32,

    /// Addresses of reverse proxies in front of Reserver (comma-separated). Only requests
    /// from these have their `X-Forwarded-For` believed for lockout, rate limits and the
    /// addresses shown with sessions.
    #[arg(
        long,
        env = "RESERVER_TRUSTED_PROXIES",
        value_delimiter = ',',
        global = true
    )]
    pub trusted_proxies: Vec<std::net::IpAddr>,

    /// How long a waitlist offer holds its slot for the person offered it, in minutes.
    #[arg(long, env = "RESERVER_WAITLIST_OFFER_MINUTES", default_value_t = 30, global = true, value_parser = clap::value_parser!(u32).range(1..=10_080))]
    pub waitlist_offer_minutes: u32,

    /// Seconds before a failed webhook delivery is first tried again; each later retry waits
    /// twice as long (at most 6 hours), 10 tries in all.
    #[arg(long, env = "RESERVER_WEBHOOK_RETRY_SECONDS", default_value_t = 30, global = true, value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub webhook_retry_seconds: u32,

    /// Seconds between checks of an open live-update connection (`/ws`): its credential is
    /// checked again and it is pinged; one that left a ping unanswered for two intervals is closed.
    #[arg(long, env = "RESERVER_LIVE_CHECK_SECONDS", default_value_t = 30, global = true, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub live_check_seconds: u64,

    /// Let webhooks of accounts without `webhook:create:all` post to loopback, private and
    /// link-local addresses too (`true`), e.g. to receivers on the same network. By default
    /// they may post only to public addresses; administrators' webhooks may post anywhere.
    #[arg(long, env = "RESERVER_WEBHOOK_PRIVATE_ADDRESSES", default_value_t = false, action = clap::ArgAction::Set, global = true)]
    pub webhook_private_addresses: bool,

    /// Folder holding the built site (`pkg/`, icons). Default: `site/` next to the binary.
    #[arg(long, env = "LEPTOS_SITE_ROOT", global = true)]
    pub site_root: Option<PathBuf>,
}

impl Settings {
    pub fn auth(&self) -> AuthSettings {
        AuthSettings {
            session_absolute: Duration::from_secs(self.session_hours * 3600),
            session_idle: Duration::from_secs(self.session_idle_minutes * 60),
            secure_cookies: self.secure_cookies,
            ..AuthSettings::default()
        }
    }

    pub fn booking(&self) -> BookingSettings {
        BookingSettings {
            offer_hold: chrono::Duration::minutes(i64::from(self.waitlist_offer_minutes)),
        }
    }

    /// Where webhooks of one's own may post.
    pub fn webhook_reach(&self) -> OwnReach {
        if self.webhook_private_addresses {
            OwnReach::Any
        } else {
            OwnReach::Public
        }
    }

    /// The wait before the first retry of a failed webhook delivery.
    pub fn webhook_retry_base(&self) -> chrono::Duration {
        chrono::Duration::seconds(i64::from(self.webhook_retry_seconds))
    }

    /// The site folder: the configured one, else `site/` beside the executable (the layout the
    /// README build and a deployment produce), else `target/site` in the working directory.
    pub fn site_root(&self) -> PathBuf {
        if let Some(root) = &self.site_root {
            return root.clone();
        }
        let beside_binary = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join("site")));
        match beside_binary {
            Some(dir) if dir.join("pkg").is_dir() => dir,
            _ => Path::new("target").join("site"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_serve_on_localhost_with_the_embedded_database() {
        let cli = Cli::try_parse_from(["reserver"]).unwrap();
        assert_eq!(cli.command, None);
        assert_eq!(cli.settings.addr.to_string(), "127.0.0.1:3000");
        assert!(cli.settings.database_url.starts_with("sqlite://"));
    }

    #[test]
    fn flags_are_accepted_before_and_after_the_subcommand() {
        let cli =
            Cli::try_parse_from(["reserver", "migrate", "--database-url", "postgres://u@h/db"])
                .unwrap();
        assert_eq!(cli.command, Some(Command::Migrate));
        assert_eq!(cli.settings.database_url, "postgres://u@h/db");
        let cli = Cli::try_parse_from(["reserver", "--addr", "0.0.0.0:8080", "serve"]).unwrap();
        assert_eq!(cli.settings.addr.port(), 8080);
    }

    #[test]
    fn an_unparsable_address_is_refused() {
        assert!(Cli::try_parse_from(["reserver", "--addr", "localhost"]).is_err());
    }
}
