//! Opening the database named by a URL: SQLite (a file, created on first use, in WAL mode with a
//! busy timeout and foreign keys enforced) or PostgreSQL. Nothing else in the code base needs
//! to know which engine it talks to, except SQL that is engine-specific by nature.

use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseBackend, DatabaseConnection};
use serde::Serialize;

/// How long a connection waits on a locked SQLite database before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Connections to a SQLite file. sea-orm would open one, which serializes every read of
/// every request; in WAL mode readers run side by side, and writers take turns through
/// `services::writer` anyway.
const SQLITE_CONNECTIONS: u32 = 8;
/// A PostgreSQL connection idle this long is pinged before use.
const POSTGRES_PING_AFTER_IDLE: Duration = Duration::from_secs(30);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }

    /// The engine a URL selects, from its scheme.
    pub fn of_url(url: &str) -> Result<Engine, ConnectError> {
        let scheme = url.split_once(':').map(|(scheme, _)| scheme);
        match scheme {
            Some("sqlite") => Ok(Engine::Sqlite),
            Some("postgres" | "postgresql") => Ok(Engine::Postgres),
            _ => Err(ConnectError::UnsupportedUrl(redact(url))),
        }
    }

    pub fn of(db: &DatabaseConnection) -> Engine {
        match db.get_database_backend() {
            DatabaseBackend::Postgres => Engine::Postgres,
            _ => Engine::Sqlite,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("unsupported database URL {0:?}: use sqlite://PATH or postgres://USER@HOST[:PORT]/DB")]
    UnsupportedUrl(String),
    #[error("cannot create directory {path} for the SQLite database: {reason}")]
    CreateDirectory { path: String, reason: String },
    #[error("cannot open the {engine} database at {url}: {reason}")]
    Unreachable {
        engine: &'static str,
        url: String,
        reason: String,
    },
}

/// Opens a connection pool on `url`, creating a missing SQLite file and its directory.
pub async fn connect(url: &str) -> Result<DatabaseConnection, ConnectError> {
    let engine = Engine::of_url(url)?;
    if engine == Engine::Sqlite {
        create_sqlite_directory(url)?;
    }
    let mut options = ConnectOptions::new(url.to_owned());
    // An in-memory database exists once per connection, so it keeps one.
    if engine == Engine::Sqlite {
        // A file on this machine does not hang up: no ping before each use, which would
        // cost a round trip to the connection's thread per statement outside a transaction.
        options.test_before_acquire(false);
        if !url.contains(":memory:") {
            options.max_connections(SQLITE_CONNECTIONS);
        }
    } else {
        // A server, a proxy or a firewall may drop a connection left idle; a busy one is
        // used at once rather than pinged first (a round trip per statement).
        options.test_before_acquire_if_idle_for(POSTGRES_PING_AFTER_IDLE);
    }
    options
        .connect_timeout(CONNECT_TIMEOUT)
        .acquire_timeout(CONNECT_TIMEOUT)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
                .foreign_keys(true)
        });
    Database::connect(options)
        .await
        .map_err(|error| ConnectError::Unreachable {
            engine: engine.name(),
            url: redact(url),
            reason: one_line(&error.to_string()),
        })
}

fn create_sqlite_directory(url: &str) -> Result<(), ConnectError> {
    let path = url
        .trim_start_matches("sqlite:")
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path.starts_with(":memory:") {
        return Ok(());
    }
    let Some(parent) = std::path::Path::new(path).parent() else {
        return Ok(());
    };
    if parent.as_os_str().is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(parent).map_err(|error| ConnectError::CreateDirectory {
        path: parent.display().to_string(),
        reason: error.to_string(),
    })
}

/// The URL with any password replaced, fit for logs and error messages.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((userinfo, host)) if userinfo.contains(':') => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}{tail}")
        }
        _ => url.to_owned(),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_scheme_selects_the_engine() {
        assert_eq!(
            Engine::of_url("sqlite://./data/x.db?mode=rwc").unwrap(),
            Engine::Sqlite
        );
        assert_eq!(
            Engine::of_url("postgres://u@h/db").unwrap(),
            Engine::Postgres
        );
        assert_eq!(
            Engine::of_url("postgresql://u@h/db").unwrap(),
            Engine::Postgres
        );
        assert!(matches!(
            Engine::of_url("mysql://root@h/db"),
            Err(ConnectError::UnsupportedUrl(_))
        ));
        assert!(Engine::of_url("not a url").is_err());
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://alice:s3cret@db.example:5432/reserver"),
            "postgres://alice:***@db.example:5432/reserver"
        );
        assert_eq!(
            redact("postgres://alice@db/reserver"),
            "postgres://alice@db/reserver"
        );
        let message = Engine::of_url("mysql://root:hunter2@h/db")
            .unwrap_err()
            .to_string();
        assert!(!message.contains("hunter2"), "{message}");
    }
}
