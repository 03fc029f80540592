//! The `reserver` binary as an operator runs it: help, version, configuration precedence,
//! migrations, one-line failures and graceful shutdown.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Engine, PASSWORD, TestDatabase, spawn_app_with};

on_both_engines!(admin_create_makes_an_administrator_with_a_password_from_stdin);

fn reserver() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_reserver"));
    // Only what a test sets counts: none of the developer's configuration leaks in.
    for var in [
        "DATABASE_URL",
        "RESERVER_ADDR",
        "RESERVER_LOG",
        "RESERVER_LOG_JSON",
        "LEPTOS_SITE_ROOT",
    ] {
        command.env_remove(var);
    }
    command.stdin(Stdio::null());
    command
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    reserver()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run reserver")
}

/// A failure is exactly one `reserver: error: …` line on stderr, and never a panic.
fn assert_fails_with(output: &Output, reason: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "expected failure, got success: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let errors: Vec<_> = stderr
        .lines()
        .filter(|l| l.starts_with("reserver: error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(errors[0].contains(reason), "wanted {reason:?} in {stderr}");
}

#[test]
fn help_lists_the_subcommands_and_every_setting() {
    let output = reserver().arg("--help").output().expect("run");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "serve",
        "migrate",
        "--addr",
        "RESERVER_ADDR",
        "--database-url",
        "DATABASE_URL",
        "--log-level",
        "RESERVER_LOG",
        "--log-json",
        "RESERVER_LOG_JSON",
        "LEPTOS_SITE_ROOT",
    ] {
        assert!(help.contains(expected), "--help lacks {expected}: {help}");
    }
    let version = reserver().arg("--version").output().expect("run");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("reserver {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn migrate_creates_the_sqlite_file_and_its_directory() {
    let dir = tempfile::tempdir().expect("dir");
    let output = run_in(
        dir.path(),
        &["migrate", "--database-url", "sqlite://./nested/dir/r.db"],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(dir.path().join("nested/dir/r.db").is_file());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrate_brings_a_postgres_database_up_to_date() {
    use sea_orm::{ConnectionTrait, Database};
    let database = TestDatabase::create(Engine::Postgres).await;
    let dir = tempfile::tempdir().expect("dir");
    let output = run_in(dir.path(), &["migrate", "--database-url", &database.url]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let db = Database::connect(database.url.clone())
        .await
        .expect("connect");
    db.execute_unprepared("SELECT id, name FROM resources")
        .await
        .expect("resources table exists");
}

#[test]
fn flags_beat_the_environment_which_beats_dot_env() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join(".env"),
        "DATABASE_URL=sqlite://./from-dotenv.db\n",
    )
    .expect(".env");

    assert!(run_in(dir.path(), &["migrate"]).status.success());
    assert!(dir.path().join("from-dotenv.db").is_file(), ".env is read");

    let output = reserver()
        .current_dir(dir.path())
        .env("DATABASE_URL", "sqlite://./from-env.db")
        .arg("migrate")
        .output()
        .expect("run");
    assert!(output.status.success());
    assert!(
        dir.path().join("from-env.db").is_file(),
        "the environment beats .env"
    );

    let output = reserver()
        .current_dir(dir.path())
        .env("DATABASE_URL", "sqlite://./from-env-2.db")
        .args(["migrate", "--database-url", "sqlite://./from-flag.db"])
        .output()
        .expect("run");
    assert!(output.status.success());
    assert!(
        dir.path().join("from-flag.db").is_file(),
        "the flag beats the environment"
    );
    assert!(!dir.path().join("from-env-2.db").exists());
}

#[test]
fn bad_configuration_exits_non_zero_with_a_one_line_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let sqlite = "sqlite://./ok.db";

    let output = run_in(
        dir.path(),
        &["serve", "--database-url", "mysql://root@localhost/x"],
    );
    assert_fails_with(&output, "unsupported database URL");

    let output = run_in(
        dir.path(),
        &["serve", "--database-url", "definitely not a url"],
    );
    assert_fails_with(&output, "unsupported database URL");

    let output = run_in(
        dir.path(),
        &[
            "serve",
            "--database-url",
            "postgres://postgres@127.0.0.1:1/reserver",
        ],
    );
    assert_fails_with(&output, "cannot open the postgres database");

    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let output = run_in(
        dir.path(),
        &["serve", "--addr", &addr, "--database-url", sqlite],
    );
    assert_fails_with(&output, &format!("cannot listen on {addr}"));

    let output = run_in(
        dir.path(),
        &[
            "serve",
            "--log-level",
            "info,=bogus=",
            "--database-url",
            sqlite,
        ],
    );
    assert_fails_with(&output, "invalid log filter");
}

#[test]
fn json_logs_are_one_object_per_line() {
    let dir = tempfile::tempdir().expect("dir");
    let output = run_in(
        dir.path(),
        &["migrate", "--log-json", "--database-url", "sqlite://./j.db"],
    );
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<_> = stderr.lines().collect();
    assert!(!lines.is_empty());
    for line in lines {
        let value: serde_json::Value = serde_json::from_str(line).expect("each log line is JSON");
        assert!(
            value["level"].is_string() && value["message"].is_string(),
            "{line}"
        );
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// Starts `reserver serve` on a free port and waits until it accepts connections.
fn spawn_serve(command: &mut Command) -> (Child, String) {
    let addr = format!("127.0.0.1:{}", free_port());
    let child = command
        .args(["serve", "--addr", &addr])
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn reserver");
    let started = Instant::now();
    while TcpStream::connect(&addr).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    (child, addr)
}

/// A minimal HTTP/1.1 GET: (status, body).
fn http_get(addr: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response");
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// A `reserver serve` process, stopped when dropped: also when the test fails before its end.
pub(crate) struct Serving {
    child: Option<Child>,
    pub addr: String,
}

impl Drop for Serving {
    fn drop(&mut self) {
        if let Some(child) = self.child.take() {
            stop(child);
        }
    }
}

/// `reserver serve` on `DATABASE_URL=url`, logging warnings only.
pub(crate) fn serve_on(url: &str) -> Serving {
    let mut command = reserver();
    command.env("DATABASE_URL", url).env("RESERVER_LOG", "warn");
    let (child, addr) = spawn_serve(&mut command);
    Serving {
        child: Some(child),
        addr,
    }
}

fn stop(mut child: Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn database_url_in_the_environment_selects_postgres_and_ready_says_so() {
    let database = TestDatabase::create(Engine::Postgres).await;
    let dir = tempfile::tempdir().expect("dir");
    let (child, addr) = spawn_serve(
        reserver()
            .current_dir(dir.path())
            .env("DATABASE_URL", &database.url),
    );
    let (status, body) = tokio::task::spawn_blocking(move || http_get(&addr, "/ready"))
        .await
        .expect("join");
    stop(child);
    assert_eq!(status, 200, "{body}");
    let ready: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(ready["database"], "postgres");
    assert!(
        !dir.path().join("data").exists(),
        "no SQLite file was created"
    );
}

/// SIGTERM stops accepting new connections, lets a download in progress finish, then exits 0.
#[test]
fn sigterm_lets_an_in_flight_download_finish_then_exits_cleanly() {
    const SIZE: usize = 32 * 1024 * 1024;
    let dir = tempfile::tempdir().expect("dir");
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("pkg")).expect("site");
    std::fs::write(site.join("big.bin"), vec![7u8; SIZE]).expect("big file");
    let (mut server, addr) = spawn_serve(
        reserver()
            .current_dir(dir.path())
            .args(["--database-url", "sqlite://./s.db"])
            .env("LEPTOS_SITE_ROOT", &site),
    );

    let mut stream = TcpStream::connect(&addr).expect("connect");
    write!(
        stream,
        "GET /big.bin HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("request");
    let mut first = vec![0u8; 64 * 1024];
    let mut received = stream.read(&mut first).expect("first bytes");
    assert!(received > 0);

    let status = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    std::thread::sleep(Duration::from_millis(300));

    let mut rest = Vec::new();
    stream.read_to_end(&mut rest).expect("rest of the download");
    received += rest.len();
    let body_start = first
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("headers")
        + 4;
    assert_eq!(
        received - body_start,
        SIZE,
        "the whole file arrived after SIGTERM"
    );

    let exit = server.wait().expect("wait");
    assert!(exit.success(), "exit status {exit:?}");
    assert!(TcpStream::connect(&addr).is_err(), "no longer listening");
    let mut stderr = String::new();
    server
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr");
    assert!(stderr.contains("shutdown requested"), "{stderr}");
}

/// Runs `reserver` with `input` on standard input (as from a pipe, not a terminal).
fn run_with_stdin(args: &[&str], input: &str) -> Output {
    let dir = tempfile::tempdir().expect("dir");
    let mut child = reserver()
        .current_dir(dir.path())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run reserver");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

async fn admin_create_makes_an_administrator_with_a_password_from_stdin(engine: Engine) {
    let database = TestDatabase::create(engine).await;
    let url = database.url.clone();
    let create = |username: &str, input: &str| {
        run_with_stdin(
            &[
                "admin",
                "create",
                "--username",
                username,
                "--database-url",
                &url,
            ],
            input,
        )
    };

    // Refusals change nothing and say why in one line.
    assert_fails_with(&create("root", "\n"), "no password given");
    assert_fails_with(&create("root", "short\n"), "the password");
    assert_fails_with(&create("root", "Root-has-r00t!\n"), "the password");
    let output = run_with_stdin(
        &[
            "admin",
            "create",
            "--username",
            "root",
            "--password",
            PASSWORD,
        ],
        "",
    );
    assert!(!output.status.success(), "a password flag does not exist");

    let output = create("root", &format!("{PASSWORD}\n"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("created administrator root"));
    // A second administrator is fine; the same username again is not.
    assert!(
        create("backup-admin", &format!("{PASSWORD}\n"))
            .status
            .success()
    );
    assert_fails_with(&create("ROOT", &format!("{PASSWORD}\n")), "taken");

    let app = spawn_app_with(database, &[]).await;
    let (_, status) = app.get_json("/api/v1/setup/status").await;
    assert_eq!(
        status["setup_complete"], true,
        "the first admin completes set-up"
    );
    let token = app.access_token("root").await;
    let (_, me) = app.get_as(&token, "/api/v1/users/me").await;
    assert_eq!(me["roles"], serde_json::json!(["admin"]));
    let (status, _) = app
        .get_as(&app.access_token("backup-admin").await, "/api/v1/users")
        .await;
    assert_eq!(status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_processes_starting_at_once_on_one_postgres_all_succeed() {
    use sea_orm::{ConnectionTrait, Database, Statement};
    let database = TestDatabase::create(Engine::Postgres).await;
    let dir = tempfile::tempdir().expect("dir");
    let children: Vec<Child> = (0..4)
        .map(|_| {
            reserver()
                .current_dir(dir.path())
                .args(["migrate", "--database-url", &database.url])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("run reserver")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("wait");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let db = Database::connect(database.url.clone())
        .await
        .expect("connect");
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM roles",
        ))
        .await
        .expect("query")
        .expect("row");
    let roles: i64 = row.try_get("", "n").expect("count");
    assert_eq!(roles, 4, "each built-in role exists once");
}
