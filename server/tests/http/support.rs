//! Spawning the app for a test, and the databases behind it.

use std::path::PathBuf;

use clap::Parser;
use reserver::config::{Cli, Settings};
use reserver::startup::Application;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Database, DatabaseConnection, Set};
use tempfile::TempDir;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Runs an `async fn name(engine: Engine)` test once on SQLite and once on PostgreSQL,
/// as `name::sqlite` and `name::postgres`.
macro_rules! on_both_engines {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::support::Engine::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::support::Engine::Postgres).await
            }
        }
    )+};
}

pub fn admin_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// `url` with its database name replaced by `name`.
fn with_database_name(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{}", &base[..path_start], name);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

/// A database that exists for one test only.
pub struct TestDatabase {
    pub url: String,
    postgres_name: Option<String>,
    _dir: TempDir,
}

impl TestDatabase {
    pub async fn create(engine: Engine) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        match engine {
            Engine::Sqlite => TestDatabase {
                url: format!("sqlite://{}/reserver.db?mode=rwc", dir.path().display()),
                postgres_name: None,
                _dir: dir,
            },
            Engine::Postgres => {
                let name = format!("reserver_test_{}", uuid::Uuid::new_v4().simple());
                let admin = Database::connect(admin_url())
                    .await
                    .expect("PostgreSQL for tests (TEST_DATABASE_URL) answers");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create test database");
                TestDatabase {
                    url: with_database_name(&admin_url(), &name),
                    postgres_name: Some(name),
                    _dir: dir,
                }
            }
        }
    }

    /// Drops the PostgreSQL database now, cutting off every connection to it.
    pub async fn drop_postgres_database(&self) {
        if let Some(name) = &self.postgres_name {
            drop_database(name).await;
        }
    }
}

async fn drop_database(name: &str) {
    if let Ok(admin) = Database::connect(admin_url()).await {
        let _ = admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .await;
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(name) = self.postgres_name.take() {
            // Drop runs outside async code; a small runtime of its own does the clean-up.
            let _ = std::thread::spawn(move || {
                if let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    runtime.block_on(drop_database(&name));
                }
            })
            .join();
        }
    }
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    /// A connection of the test's own, for arranging data the API cannot create yet.
    pub db: DatabaseConnection,
    pub database: TestDatabase,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// The repository's `public/` folder stands in for a built site: pages and static files are
/// served from it, while no WASM bundle is needed to test what the server sends.
fn site_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../public")
}

pub async fn spawn_app(engine: Engine) -> TestApp {
    spawn_app_with_site(engine, site_root()).await
}

pub async fn spawn_app_with_site(engine: Engine, site_root: PathBuf) -> TestApp {
    let database = TestDatabase::create(engine).await;
    spawn_app_with(
        database,
        &[("--site-root", &site_root.display().to_string())],
    )
    .await
}

/// Starts the app on `database` with extra command-line settings (`--flag`, `value`).
pub async fn spawn_app_with(database: TestDatabase, flags: &[(&str, &str)]) -> TestApp {
    let (address, server) = start_server(&database.url, flags).await;
    let db = Database::connect(database.url.clone())
        .await
        .expect("test connection");
    TestApp {
        address,
        client: reqwest::Client::new(),
        db,
        database,
        server,
    }
}

/// Serves the app on `database_url` from a random port; the address and the serving task.
async fn start_server(
    database_url: &str,
    flags: &[(&str, &str)],
) -> (String, tokio::task::JoinHandle<()>) {
    let mut args = vec![
        "reserver".to_owned(),
        "--addr".to_owned(),
        "127.0.0.1:0".to_owned(),
        "--database-url".to_owned(),
        database_url.to_owned(),
        "--log-level".to_owned(),
        "warn".to_owned(),
    ];
    for (flag, value) in flags {
        args.push((*flag).to_owned());
        args.push((*value).to_owned());
    }
    let settings: Settings = Cli::try_parse_from(args)
        .expect("test settings parse")
        .settings;
    let app = Application::build(&settings)
        .await
        .expect("application starts");
    let address = format!("http://{}", app.local_addr());
    let server = tokio::spawn(async move {
        let _ = app.run_until(std::future::pending()).await;
    });
    (address, server)
}

/// A second `reserver serve` process on the same database, as behind a load balancer; it is
/// killed when dropped.
pub struct OtherServer {
    pub address: String,
    process: std::process::Child,
}

impl Drop for OtherServer {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

impl TestApp {
    /// Starts the `reserver` binary on this app's database and waits until it is ready.
    pub async fn other_server(&self) -> OtherServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let address = format!("http://127.0.0.1:{port}");
        let process = std::process::Command::new(env!("CARGO_BIN_EXE_reserver"))
            .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
            .args(["--database-url", &self.database.url, "--log-level", "warn"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start reserver");
        let other = OtherServer { address, process };
        for _ in 0..300 {
            let ready = self
                .client
                .get(format!("{}/ready", other.address))
                .send()
                .await;
            if ready.is_ok_and(|r| r.status().is_success()) {
                return other;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("the second server did not become ready");
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    pub async fn get_json(&self, path: &str) -> (u16, serde_json::Value) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        let body = response.json().await.expect("a JSON body");
        (status, body)
    }

    pub async fn insert_resource(&self, name: &str, description: &str) -> i32 {
        use app::persistence::entities::resource;
        let now = chrono::Utc::now();
        let row = resource::ActiveModel {
            name: Set(name.to_owned()),
            description: Set(description.to_owned()),
            status: Set("available".to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .expect("insert resource");
        row.id
    }
}

#[test]
fn database_names_are_swapped_keeping_host_and_options() {
    assert_eq!(
        with_database_name("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
        "postgres://postgres@127.0.0.1:5432/t1"
    );
    assert_eq!(
        with_database_name("postgres://u:p@h/db?sslmode=disable", "t2"),
        "postgres://u:p@h/t2?sslmode=disable"
    );
    assert_eq!(
        with_database_name("postgres://h:5432", "t3"),
        "postgres://h:5432/t3"
    );
}

/// A password that passes the policy for every username the tests use.
pub const PASSWORD: &str = "Corr3ct-Horse!";

impl TestApp {
    pub async fn post_json(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        let response = self
            .client
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .expect("sent");
        let status = response.status().as_u16();
        (
            status,
            response.json().await.unwrap_or(serde_json::Value::Null),
        )
    }

    /// `POST /api/v1/token` with a form, as OAuth2 clients send it.
    pub async fn token(
        &self,
        username: &str,
        password: &str,
        mfa_code: Option<&str>,
    ) -> reqwest::Response {
        let mut form = vec![("username", username), ("password", password)];
        if let Some(code) = mfa_code {
            form.push(("mfa_code", code));
        }
        self.client
            .post(self.url("/api/v1/token"))
            .form(&form)
            .send()
            .await
            .expect("sent")
    }

    /// Signs in and returns the access token.
    pub async fn access_token(&self, username: &str) -> String {
        let response = self.token(username, PASSWORD, None).await;
        assert_eq!(response.status(), 200, "login of {username}");
        let body: serde_json::Value = response.json().await.expect("JSON");
        body["access_token"]
            .as_str()
            .expect("access token")
            .to_owned()
    }

    /// Creates the first admin (`admin`) and returns an access token for them.
    pub async fn admin_token(&self) -> String {
        let (status, body) = self
            .post_json(
                "/api/v1/setup/initialize",
                serde_json::json!({"username": "admin", "password": PASSWORD}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        self.access_token("admin").await
    }

    /// Registers `username` (role `user`) and returns an access token for them.
    pub async fn user_token(&self, username: &str) -> String {
        let (status, body) = self
            .post_json(
                "/api/v1/register",
                serde_json::json!({"username": username, "password": PASSWORD}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        self.access_token(username).await
    }

    pub async fn get_as(&self, token: &str, path: &str) -> (u16, serde_json::Value) {
        self.send_as(reqwest::Method::GET, token, path, None).await
    }

    pub async fn send_as(
        &self,
        method: reqwest::Method,
        token: &str,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> (u16, serde_json::Value) {
        let mut request = self
            .client
            .request(method, self.url(path))
            .bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("sent");
        let status = response.status().as_u16();
        (
            status,
            response.json().await.unwrap_or(serde_json::Value::Null),
        )
    }

    /// Sends every request at the same moment, each on a task of its own, as separate clients
    /// would; returns each answer's status and JSON body (null when not JSON), in the order
    /// the answers came.
    pub async fn send_together(
        &self,
        requests: Vec<(reqwest::Method, &str, &str, serde_json::Value)>,
    ) -> Vec<(u16, serde_json::Value)> {
        let mut set = tokio::task::JoinSet::new();
        for (method, token, path, body) in requests {
            let request = self
                .client
                .request(method, self.url(path))
                .bearer_auth(token)
                .json(&body);
            set.spawn(async move {
                let response = request.send().await.expect("sent");
                let status = response.status().as_u16();
                (
                    status,
                    response.json().await.unwrap_or(serde_json::Value::Null),
                )
            });
        }
        set.join_all().await
    }

    /// Opens a browser session for the owner of `token`, as the login page would, and
    /// returns the `Cookie` header value that carries it.
    pub async fn session_cookie(&self, token: &str) -> String {
        let (_, me) = self.get_as(token, "/api/v1/users/me").await;
        let user_id = me["id"].as_i64().expect("user id") as i32;
        let secret = app::services::credentials::start_session(
            &self.db,
            &app::services::AuthSettings::default(),
            user_id,
            &app::services::credentials::ClientInfo::default(),
        )
        .await
        .expect("session");
        format!("{}={secret}", app::accounts::cookie::SESSION_COOKIE)
    }
}
