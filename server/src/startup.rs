//! Start-up: open and migrate the database, bind the listener, build the router, serve until
//! asked to stop, and let in-flight requests finish.

use std::future::Future;
use std::net::SocketAddr;

use app::persistence::database::{self, ConnectError};
use app::services::live::{Feed, FeedWorker};
use app::services::waitlist::BookingSettings;
use leptos::config::{Env, LeptosOptions};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{DatabaseConnection, DbBackend};
use tokio::net::TcpListener;

use crate::config::Settings;
use crate::http::{self, AppState};

/// Why the server could not start; each reads as one line.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Database(#[from] ConnectError),
    #[error("cannot migrate the database: {0}")]
    Migration(String),
    #[error("cannot listen on {addr}: {reason}")]
    Bind { addr: SocketAddr, reason: String },
    #[error("server stopped with an error: {0}")]
    Serve(String),
    /// A command-line task was refused; the message says why.
    #[error("{0}")]
    Command(String),
    #[error("{0}")]
    Setup(String),
}

/// Connects to the configured database and brings its schema up to date.
/// Several processes sharing one PostgreSQL may start at once; on PostgreSQL they take turns
/// (an advisory lock held on one connection) so migrations and built-in roles run once.
pub async fn open_database(url: &str) -> Result<DatabaseConnection, StartupError> {
    let db = database::connect(url).await?;
    let lock_failed = |e: sea_orm::sqlx::Error| {
        StartupError::Migration(format!("cannot take the start-up lock: {e}"))
    };
    let mut lock = match db.get_database_backend() {
        DbBackend::Postgres => {
            let mut conn = db
                .get_postgres_connection_pool()
                .acquire()
                .await
                .map_err(lock_failed)?;
            sea_orm::sqlx::query("SELECT pg_advisory_lock($1)")
                .bind(STARTUP_LOCK)
                .execute(&mut *conn)
                .await
                .map_err(lock_failed)?;
            Some(conn)
        }
        _ => None,
    };
    let prepared = prepare(&db).await;
    if let Some(conn) = lock.as_mut() {
        sea_orm::sqlx::query("SELECT pg_advisory_unlock($1)")
            .bind(STARTUP_LOCK)
            .execute(&mut **conn)
            .await
            .map_err(lock_failed)?;
    }
    prepared.map(|()| db)
}

/// The advisory lock key start-up takes on PostgreSQL ("reserver" in ASCII).
const STARTUP_LOCK: i64 = 0x7265_7365_7276_6572;

async fn prepare(db: &DatabaseConnection) -> Result<(), StartupError> {
    Migrator::up(db, None)
        .await
        .map_err(|e| StartupError::Migration(e.to_string()))?;
    app::services::accounts::ensure_builtin_roles(db)
        .await
        .map_err(|e| StartupError::Migration(format!("cannot create the built-in roles: {e}")))
}

pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    db: DatabaseConnection,
    booking: BookingSettings,
    webhooks: crate::webhooks::Sender,
    live: FeedWorker,
}

/// How often waiting work (expired waitlist offers) is looked for.
const JOB_TICK: std::time::Duration = std::time::Duration::from_secs(1);

/// Background work that needs no request: waitlist offers whose time ran out are ended and
/// passed to the next person. Each process runs it; the changes are conditional, so several
/// processes on one PostgreSQL never end one offer twice.
async fn run_jobs(db: DatabaseConnection, booking: BookingSettings) {
    let mut tick = tokio::time::interval(JOB_TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match app::services::waitlist::expire_offers(&db, &booking).await {
            Ok(0) => {}
            Ok(expired) => tracing::info!(expired, "waitlist offers expired"),
            Err(error) => tracing::warn!(%error, "expiring waitlist offers failed"),
        }
    }
}

/// Stops a background task when the server future that started it ends or is dropped.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Where this build's browser code is, under the site: `pkg/<build id>/`, as the release build
/// lays it out (`pkg/bundle.txt` names it), so a page loaded before an upgrade never fetches a
/// piece of the new build's code: it gets a 404 and offers to load the page again. `pkg/` for
/// a site without one.
fn bundle_dir(site_root: &std::path::Path) -> String {
    let named = site_root.join("pkg").join("bundle.txt");
    let Ok(id) = std::fs::read_to_string(&named) else {
        return "pkg".to_owned();
    };
    let id = id.trim();
    let dir = format!("pkg/{id}");
    if id.is_empty()
        || !id.chars().all(|c| c.is_ascii_alphanumeric())
        || !site_root.join(&dir).is_dir()
    {
        tracing::warn!(
            bundle = %named.display(),
            "it names no build folder beside it: pages will look for their scripts in pkg/; rebuild with `make build`"
        );
        return "pkg".to_owned();
    }
    dir
}

impl Application {
    pub async fn build(settings: &Settings) -> Result<Self, StartupError> {
        let db = open_database(&settings.database_url).await?;
        let listener = TcpListener::bind(settings.addr)
            .await
            .map_err(|e| StartupError::Bind {
                addr: settings.addr,
                reason: e.to_string(),
            })?;
        let site_root = settings.site_root();
        if !site_root.join("pkg").is_dir() {
            tracing::warn!(
                site_root = %site_root.display(),
                "site assets not found: pages render without styles and scripts; build with `make build` or set LEPTOS_SITE_ROOT"
            );
        }
        let local_addr = listener.local_addr().map_err(|e| StartupError::Bind {
            addr: settings.addr,
            reason: e.to_string(),
        })?;
        let leptos_options = LeptosOptions::builder()
            .output_name(app::OUTPUT_NAME)
            .site_root(site_root.display().to_string())
            .site_pkg_dir(bundle_dir(&site_root))
            .site_addr(local_addr)
            .env(Env::PROD)
            .build();
        let booking = settings.booking();
        let webhooks =
            crate::webhooks::Sender::new(settings.webhook_reach(), settings.webhook_retry_base())
                .map_err(StartupError::Setup)?;
        let (live, live_worker) = Feed::start(&db)
            .await
            .map_err(|e| StartupError::Setup(format!("cannot start live updates: {e}")))?;
        let router = http::router(AppState {
            leptos_options,
            db: db.clone(),
            auth: settings.auth(),
            booking,
            rate_limiter: http::rate_limit::RateLimiter::new(settings.api_rate_limit),
            trusted_proxies: settings.trusted_proxies.clone().into(),
            metrics: http::metrics::Metrics::default(),
            webhooks: webhooks.clone(),
            live,
            live_check: std::time::Duration::from_secs(settings.live_check_seconds),
        });
        Ok(Application {
            listener,
            router,
            db,
            booking,
            webhooks,
            live: live_worker,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        // The listener was bound and asked for its address in `build`.
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Serves until `shutdown` completes, then waits for in-flight requests to finish.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), StartupError> {
        tracing::info!(addr = %self.local_addr(), "listening");
        let _deliveries = AbortOnDrop(tokio::spawn(self.webhooks.run(self.db.clone())));
        let _live = AbortOnDrop(tokio::spawn(self.live.run()));
        let _jobs = AbortOnDrop(tokio::spawn(run_jobs(self.db, self.booking)));
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| StartupError::Serve(e.to_string()))
    }
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested; finishing in-flight requests");
}
