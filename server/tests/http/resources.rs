//! `GET /api/v1/resources` and the JSON error contract under `/api`.

use crate::support::{Engine, spawn_app};

on_both_engines!(
    an_empty_catalog_answers_the_list_envelope,
    pages_follow_their_cursors_through_the_whole_catalog,
    bad_paging_parameters_get_a_json_422,
);

async fn an_empty_catalog_answers_the_list_envelope(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.admin_token().await;
    for path in ["/api/v1/resources", "/api/v1/resources/"] {
        let (status, body) = app.get_as(&token, path).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(
            body,
            serde_json::json!({"data": [], "next_cursor": null, "has_more": false, "total_count": 0}),
            "{path}"
        );
    }
}

async fn pages_follow_their_cursors_through_the_whole_catalog(engine: Engine) {
    let app = spawn_app(engine).await;
    let names = ["Atlas room", "Desk 12", "Projector", "Van", "Dr. Ortiz"];
    for name in names {
        app.insert_resource(name, "").await;
    }

    let token = app.user_token("reader").await;
    let mut seen = Vec::new();
    let mut path = "/api/v1/resources?limit=2".to_owned();
    loop {
        let (status, page) = app.get_as(&token, &path).await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(page["total_count"], 5);
        let data = page["data"].as_array().expect("data array");
        assert!(data.len() <= 2);
        for item in data {
            assert_eq!(item["status"], "available");
            assert_eq!(item["available"], true);
            assert!(
                item["created_at"]
                    .as_str()
                    .is_some_and(|t| t.ends_with('Z')),
                "{item}"
            );
            seen.push(item["name"].as_str().expect("name").to_owned());
        }
        if page["has_more"] == true {
            let cursor = page["next_cursor"]
                .as_str()
                .expect("a cursor when more follow");
            path = format!("/api/v1/resources?limit=2&cursor={cursor}");
        } else {
            assert!(page["next_cursor"].is_null());
            break;
        }
    }
    assert_eq!(seen, names);
}

async fn bad_paging_parameters_get_a_json_422(engine: Engine) {
    let app = spawn_app(engine).await;
    let token = app.admin_token().await;
    for query in [
        "limit=abc",
        "limit=0",
        "limit=100000",
        "cursor=not-ours",
        "limit=-1",
    ] {
        let (status, body) = app
            .get_as(&token, &format!("/api/v1/resources?{query}"))
            .await;
        assert_eq!(status, 422, "{query}: {body}");
        assert_eq!(body["code"], "validation_error", "{query}");
        assert!(
            body["detail"].as_str().is_some_and(|d| !d.is_empty()),
            "{query}"
        );
    }
}

#[tokio::test]
async fn unknown_api_paths_and_wrong_methods_answer_json() {
    let app = spawn_app(Engine::Sqlite).await;
    for path in [
        "/api",
        "/api/v1",
        "/api/v1/nothing-here",
        "/api/v2/resources",
        "/api/",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        let body: serde_json::Value = response.json().await.expect("JSON 404");
        assert_eq!(body["code"], "not_found", "{path}");
        assert!(body["detail"].is_string());
    }
    let response = app
        .client
        .delete(app.url("/api/v1/resources"))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 405);
    let body: serde_json::Value = response.json().await.expect("JSON 405");
    assert_eq!(body["code"], "method_not_allowed");
}

/// What integrators' clients commonly send: parameters left empty, JSON without a
/// `Content-Type`, optional fields as explicit `null`s.
#[tokio::test]
async fn empty_parameters_untyped_json_and_nulls_are_understood() {
    let app = spawn_app(Engine::Sqlite).await;
    let token = app.admin_token().await;
    app.insert_resource("Atlas room", "").await;
    for path in [
        "/api/v1/resources?q=&tags=&status=&limit=&cursor=",
        "/api/v1/reservations/my?limit=&cursor=&include_cancelled=",
        "/api/v1/waitlist?limit=&cursor=",
    ] {
        let (status, body) = app.get_as(&token, path).await;
        assert_eq!(status, 200, "{path}: {body}");
        assert!(body["data"].is_array(), "{path}: {body}");
    }
    let (_, listed) = app.get_as(&token, "/api/v1/resources?limit=").await;
    assert_eq!(listed["data"][0]["name"], "Atlas room");
    // Only an empty value is dropped, not one that happens to end in `=`.
    let (_, searched) = app.get_as(&token, "/api/v1/resources?q=Atlas=").await;
    assert_eq!(searched["total_count"], 0, "{searched}");

    // A JSON body sent without a Content-Type is read as JSON.
    let untyped = app
        .client
        .post(app.url("/api/v1/resources"))
        .bearer_auth(&token)
        .body(r#"{"name": "Kiln"}"#)
        .send()
        .await
        .expect("sent");
    assert_eq!(untyped.status(), 201);
    // One declared as something else is a 400 saying what to send.
    let typed = app
        .client
        .post(app.url("/api/v1/resources"))
        .bearer_auth(&token)
        .header("content-type", "text/plain")
        .body(r#"{"name": "Loom"}"#)
        .send()
        .await
        .expect("sent");
    assert_eq!(typed.status(), 400);
    let body: serde_json::Value = typed.json().await.expect("JSON");
    assert!(
        body["detail"].as_str().is_some_and(|d| d.contains("JSON")),
        "{body}"
    );

    // Optional fields sent as null take their defaults.
    let (status, made) = app
        .send_as(
            reqwest::Method::POST,
            &token,
            "/api/v1/resources",
            Some(serde_json::json!({"name": "Press", "description": null, "tags": null, "requires_approval": null})),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(
        (made["description"].clone(), made["tags"].clone()),
        (serde_json::json!(""), serde_json::json!([]))
    );
    let (_, names) = app.get_as(&token, "/api/v1/resources").await;
    assert_eq!(names["total_count"], 3, "{names}");
}
