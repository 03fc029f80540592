//! Server-rendered pages: content in the HTML, the language of the request, the 404 page,
//! static files and the server function behind the home page.

use crate::support::{Engine, spawn_app, spawn_app_with_site};

on_both_engines!(the_home_page_html_shows_the_catalog_without_scripts);

async fn the_home_page_html_shows_the_catalog_without_scripts(engine: Engine) {
    let app = spawn_app(engine).await;
    app.insert_resource("Atlas meeting room", "Seats 8, screen")
        .await;
    let token = app.admin_token().await;
    let cookie = app.session_cookie(&token).await;

    let response = app
        .client
        .get(app.url("/"))
        .header("cookie", cookie)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .is_ok_and(|t| t.starts_with("text/html"))
    );
    let html = response.text().await.expect("html");
    assert!(html.contains(r#"<html lang="en""#), "{html}");
    assert!(
        html.contains("<h1>Book what your team shares</h1>"),
        "{html}"
    );
    // My day and what is free now are in the markup itself, not only in a template for
    // scripts to move.
    let main = &html[html.find("<main").expect("main")..html.find("</main>").expect("/main")];
    assert!(main.contains("Nothing booked for today."), "{main}");
    assert!(main.contains("Free now"), "{main}");
    assert!(main.contains("Book now: Atlas meeting room"), "{main}");
    assert!(html.contains(r#"<nav aria-label="Main navigation">"#));
    assert!(html.contains(r#"<label for="language-select">Language</label>"#));
    assert!(
        html.contains("/pkg/reserver.js"),
        "the hydration script is referenced"
    );
}

#[tokio::test]
async fn the_page_language_follows_the_cookie_then_accept_language_then_english() {
    let app = spawn_app(Engine::Sqlite).await;
    let page = |accept: Option<&'static str>, cookie: Option<&'static str>| {
        let mut request = app.client.get(app.url("/"));
        if let Some(accept) = accept {
            request = request.header("accept-language", accept);
        }
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        async move {
            request
                .send()
                .await
                .expect("sent")
                .text()
                .await
                .expect("html")
        }
    };

    let spanish = page(Some("es-ES,es;q=0.9,en;q=0.5"), None).await;
    assert!(spanish.contains(r#"<html lang="es""#));
    assert!(spanish.contains("<h1>Reserva lo que comparte tu equipo</h1>"));
    assert!(spanish.contains("Inicia sesión para ver"), "{spanish}");

    let french = page(Some("es"), Some("reserver_lang=fr")).await;
    assert!(french.contains(r#"<html lang="fr""#));
    assert!(french.contains("<h1>Réservez ce que votre équipe partage</h1>"));
    assert!(
        french.contains(r#"<option value="fr" lang="fr" selected"#),
        "{french}"
    );

    let english = page(Some("de-DE"), None).await;
    assert!(english.contains(r#"<html lang="en""#));
    assert!(english.contains("<h1>Book what your team shares</h1>"));
}

#[tokio::test]
async fn an_unknown_page_is_a_translated_html_404() {
    let app = spawn_app(Engine::Sqlite).await;
    let response = app.get("/no/such/page").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.expect("html");
    assert!(html.contains("<h1>Page not found</h1>"), "{html}");
    assert!(
        html.contains(r#"<header class="site-header">"#),
        "the 404 keeps the app shell"
    );

    let response = app
        .client
        .get(app.url("/missing"))
        .header("accept-language", "fr")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 404);
    assert!(
        response
            .text()
            .await
            .expect("html")
            .contains("<h1>Page introuvable</h1>")
    );
}

#[tokio::test]
async fn static_files_from_public_are_served_with_security_headers() {
    let app = spawn_app(Engine::Sqlite).await;
    for (path, content_type) in [
        ("/favicon.ico", "image/"),
        ("/favicon.svg", "image/svg+xml"),
        ("/icon-192.png", "image/png"),
        ("/icon-512.png", "image/png"),
        ("/manifest.webmanifest", "application/manifest+json"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .is_ok_and(|t| t.starts_with(content_type)),
            "{path}"
        );
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    }
}

#[tokio::test]
async fn the_service_worker_is_asked_for_afresh_and_may_fetch_from_this_site() {
    let app = spawn_app(Engine::Sqlite).await;
    let response = app.get("/sw.js").await;
    assert_eq!(response.status(), 200);
    let headers = response.headers();
    assert!(
        headers["content-type"]
            .to_str()
            .is_ok_and(|t| t.starts_with("text/javascript")),
        "{headers:?}"
    );
    assert_eq!(headers["cache-control"], "no-cache");
    // A worker's fetches follow its own policy: the site's default (`default-src 'none'`)
    // would stop it from fetching anything.
    let policy = headers["content-security-policy"].to_str().expect("ASCII");
    assert!(policy.contains("connect-src 'self'"), "{policy}");
    assert!(
        response
            .text()
            .await
            .expect("script")
            .contains(r#"addEventListener("fetch""#)
    );

    let manifest: serde_json::Value = app
        .get("/manifest.webmanifest")
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(manifest["start_url"], "/");
    assert_eq!(manifest["display"], "standalone");

    // What it shows for a page it has not kept, in the visitor's language.
    let offline = app
        .client
        .get(app.url("/offline"))
        .header("accept-language", "fr")
        .send()
        .await
        .expect("sent");
    assert_eq!(offline.status(), 200);
    let html = offline.text().await.expect("html");
    assert!(html.contains("<h1>Vous êtes hors ligne</h1>"), "{html}");
    // Every page carries the saved-copy notice, hidden, for the worker to show.
    assert!(
        html.contains(r#"<p id="offline-copy" role="status" hidden class="offline-copy">"#),
        "{html}"
    );
}

#[tokio::test]
async fn the_home_page_server_function_returns_the_catalog() {
    let app = spawn_app(Engine::Sqlite).await;
    app.insert_resource("Desk 4", "").await;
    let anonymous = app
        .client
        .post(app.url("/api/fn/list_resources"))
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .expect("sent");
    assert!(anonymous.status().is_client_error() || anonymous.status().is_server_error());
    assert!(
        anonymous
            .text()
            .await
            .expect("body")
            .contains("Unauthorized")
    );

    let token = app.admin_token().await;
    let cookie = app.session_cookie(&token).await;
    let response = app
        .client
        .post(app.url("/api/fn/list_resources"))
        .header("cookie", cookie)
        .header("origin", app.address.clone())
        .header("content-type", "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    let page: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(page["total_count"], 1);
    assert_eq!(page["data"][0]["name"], "Desk 4");
}

#[tokio::test]
async fn the_bundle_is_sent_precompressed_when_the_browser_accepts_brotli() {
    let site = tempfile::tempdir().expect("dir");
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg");
    std::fs::write(pkg.join("reserver.js"), "export function hydrate() {}").expect("js");
    std::fs::write(pkg.join("reserver.js.br"), b"pretend-brotli").expect("br");
    let app = spawn_app_with_site(Engine::Sqlite, site.path().to_owned()).await;

    let response = app
        .client
        .get(app.url("/pkg/reserver.js"))
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-encoding"], "br");
    assert!(
        response.headers()["content-type"]
            .to_str()
            .is_ok_and(|t| t.contains("javascript"))
    );
    assert_eq!(
        response.bytes().await.expect("body").as_ref(),
        b"pretend-brotli"
    );

    let plain = app.get("/pkg/reserver.js").await;
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(
        plain.text().await.expect("body"),
        "export function hydrate() {}"
    );
}

#[tokio::test]
async fn a_builds_code_is_served_from_its_own_folder_which_browsers_keep() {
    let site = tempfile::tempdir().expect("dir");
    let pkg = site.path().join("pkg");
    let build = pkg.join("3f2a9c");
    std::fs::create_dir_all(&build).expect("build dir");
    std::fs::write(pkg.join("bundle.txt"), "3f2a9c\n").expect("bundle.txt");
    std::fs::write(build.join("reserver.js"), "export function hydrate() {}").expect("js");
    std::fs::write(pkg.join("reserver.css"), "main {}").expect("css");
    let app = spawn_app_with_site(Engine::Sqlite, site.path().to_owned()).await;

    let html = app.get("/login").await.text().await.expect("html");
    assert!(html.contains("/pkg/3f2a9c/reserver.js"), "{html}");
    assert!(!html.contains("/pkg/reserver.js"), "{html}");

    let code = app.get("/pkg/3f2a9c/reserver.js").await;
    assert_eq!(code.status(), 200);
    assert_eq!(
        code.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(code.headers()["vary"], "accept-encoding");
    // A file not (yet) there is not kept as missing.
    let missing = app.get("/pkg/3f2a9c/chunk_9.wasm").await;
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.headers()["cache-control"], "no-cache");
    // The style sheet keeps its name from build to build: browsers ask again each time.
    let style = app.get("/pkg/reserver.css").await;
    assert_eq!(style.status(), 200);
    assert_eq!(style.headers()["cache-control"], "no-cache");
    // Another build's code (a page loaded before an upgrade asking for it) is gone.
    assert_eq!(app.get("/pkg/0ld0ne/chunk_3.wasm").await.status(), 404);
}

#[tokio::test]
async fn server_function_failures_carry_their_http_status_not_500() {
    let app = spawn_app(Engine::Sqlite).await;
    let post = |endpoint: &'static str, body: &'static str| {
        app.client
            .post(app.url(&format!("/api/fn/{endpoint}")))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let weak = post("register_account", "username=olga&password=weak")
        .await
        .expect("sent");
    assert_eq!(weak.status(), 422);
    assert!(weak.text().await.expect("body").contains("WeakPassword"));
    let wrong = post("login", "username=olga&password=Wr0ng-pass!")
        .await
        .expect("sent");
    assert_eq!(wrong.status(), 401);
    assert_eq!(
        post("list_sessions", "everyone=true")
            .await
            .expect("sent")
            .status(),
        401
    );
    assert_eq!(
        post("register_account", "username=olga&password=Corr3ct-Horse!")
            .await
            .expect("sent")
            .status(),
        200
    );
    assert_eq!(
        post("register_account", "username=OLGA&password=Corr3ct-Horse!")
            .await
            .expect("sent")
            .status(),
        409
    );
}

#[tokio::test]
async fn a_visitor_gets_the_home_page_with_200_and_a_sign_in_prompt() {
    let app = spawn_app(Engine::Sqlite).await;
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("html");
    assert!(
        html.contains("Sign in to see and book resources."),
        "{html}"
    );
    assert!(html.contains(r#"href="/login""#));
}

#[tokio::test]
async fn pages_run_only_scripts_carrying_this_responses_nonce() {
    let app = spawn_app(Engine::Sqlite).await;
    let token = app.user_token("csp").await;
    let signed_in = app.session_cookie(&token).await;
    let mut nonces = Vec::new();
    // "/" renders asynchronously; signed in, it also waits on the user's data.
    for (path, cookie) in [
        ("/", None),
        ("/", Some(&signed_in)),
        ("/profile", Some(&signed_in)),
        ("/login", None),
        ("/no-such-page", None),
    ] {
        let mut request = app.client.get(app.url(path));
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        let response = request.send().await.expect("sent");
        let policy = response.headers()["content-security-policy"]
            .to_str()
            .expect("ascii")
            .to_owned();
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{path}: {policy}"
        );
        assert!(policy.contains("object-src 'none'"), "{path}: {policy}");
        let script_src = policy
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .unwrap_or_else(|| panic!("{path}: no script-src in {policy}"));
        assert!(!script_src.contains("unsafe-inline"), "{script_src}");
        let nonce = script_src
            .split_whitespace()
            .find_map(|s| s.strip_prefix("'nonce-")?.strip_suffix('\''))
            .unwrap_or_else(|| panic!("{path}: no nonce in {script_src}"))
            .to_owned();
        let html = response.text().await.expect("html");
        // Every inline script in the page carries the nonce the header allows.
        let scripts = html.matches("<script").count();
        assert!(scripts > 0, "{path}: the page hydrates with a script");
        assert_eq!(
            html.matches(&format!("<script type=\"module\" nonce=\"{nonce}\""))
                .count()
                + html.matches(&format!("<script nonce=\"{nonce}\"")).count(),
            scripts,
            "{path}: {html}"
        );
        nonces.push(nonce);
    }
    nonces.sort();
    nonces.dedup();
    assert_eq!(nonces.len(), 5, "a fresh nonce per response");

    // Responses that are not pages run nothing at all.
    let response = app.get("/api/v1/setup/status").await;
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    assert_eq!(response.headers()["x-frame-options"], "DENY");
}
