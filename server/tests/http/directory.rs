//! Users, roles and groups as admins manage them, and who may do what (the role × action
//! matrix).

use reqwest::Method;
use serde_json::{Value, json};

use crate::support::{Engine, PASSWORD, TestApp, spawn_app};

on_both_engines!(
    admins_create_search_edit_and_disable_users,
    a_forced_password_reset_signs_the_person_out_everywhere,
    the_last_active_admin_cannot_be_disabled_or_demoted,
    roles_are_validated_and_built_in_roles_protected,
    nobody_grants_more_than_they_hold,
    groups_have_members_and_members_see_their_groups,
    each_role_may_do_exactly_what_it_grants,
    admin_changes_made_at_the_same_time_all_land,
);

async fn send(app: &TestApp, token: &str, method: Method, path: &str, body: Value) -> (u16, Value) {
    app.send_as(method, token, path, Some(body)).await
}

/// Creates a user through the admin API and returns their id.
pub(crate) async fn create_user(app: &TestApp, admin: &str, username: &str, roles: &[&str]) -> i64 {
    let (status, body) = send(
        app,
        admin,
        Method::POST,
        "/api/v1/users",
        json!({"username": username, "password": PASSWORD, "roles": roles,
               "must_change_password": false}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_i64().expect("id")
}

async fn admins_create_search_edit_and_disable_users(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let (status, body) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/users",
        json!({"username": "carol", "password": PASSWORD, "email": "Carol@Example.org",
               "display_name": "Carol Jones", "roles": ["manager"]}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["roles"], json!(["manager"]));
    assert_eq!(body["is_active"], true);
    // Accounts made by an admin ask for a new password at first sign-in unless told not to.
    assert_eq!(body["must_change_password"], true);
    let carol = body["id"].as_i64().unwrap();
    let dave_id = create_user(&app, &admin, "dave", &["user"]).await;
    let dave_path = format!("/api/v1/users/{dave_id}");

    // Duplicate names, weak passwords and unknown roles are refused and change nothing.
    for (body, want) in [
        (json!({"username": "CAROL", "password": PASSWORD}), 409),
        (json!({"username": "erin", "password": "short"}), 422),
        (
            json!({"username": "erin", "password": PASSWORD, "roles": ["wizard"]}),
            422,
        ),
        (json!({"username": "erin"}), 422),
    ] {
        let (status, answer) = send(&app, &admin, Method::POST, "/api/v1/users", body).await;
        assert_eq!(status, want, "{answer}");
        assert!(answer["detail"].is_string(), "{answer}");
    }

    // Search matches any part of the username, display name or e-mail, whatever the case.
    for (query, want) in [
        ("car", vec!["carol"]),
        ("JONES", vec!["carol"]),
        ("example.ORG", vec!["carol"]),
        ("a", vec!["admin", "carol", "dave"]),
        ("%", vec![]),
    ] {
        let (status, page) = app
            .get_as(&admin, &format!("/api/v1/users?q={}", urlencode(query)))
            .await;
        assert_eq!(status, 200, "{page}");
        let names: Vec<&str> = page["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["username"].as_str().unwrap())
            .collect();
        assert_eq!(names, want, "search {query:?}");
        assert_eq!(page["total_count"], want.len());
    }
    let (_, first) = app.get_as(&admin, "/api/v1/users?limit=2").await;
    assert_eq!(first["has_more"], true);
    let cursor = first["next_cursor"].as_str().unwrap();
    let (_, second) = app
        .get_as(&admin, &format!("/api/v1/users/?limit=2&cursor={cursor}"))
        .await;
    assert_eq!(second["data"][0]["username"], "dave");
    assert_eq!(second["has_more"], false);

    let (status, body) = send(
        &app,
        &admin,
        Method::PATCH,
        &format!("/api/v1/users/{carol}"),
        json!({"display_name": "Carol J.", "timezone": "Europe/Paris", "roles": ["user", "viewer"]}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["display_name"], "Carol J.");
    assert_eq!(body["timezone"], "Europe/Paris");
    assert_eq!(body["roles"], json!(["user", "viewer"]));
    let (status, body) = send(
        &app,
        &admin,
        Method::PATCH,
        &format!("/api/v1/users/{carol}"),
        json!({"timezone": "Mars/Olympus", "display_name": "lost"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (_, unchanged) = app.get_as(&admin, &format!("/api/v1/users/{carol}")).await;
    assert_eq!(unchanged["display_name"], "Carol J.");

    // Disabling signs the person out at once and keeps them out.
    let dave = app.access_token("dave").await;
    let (status, _) = app.send_as(Method::DELETE, &admin, &dave_path, None).await;
    assert_eq!(status, 204);
    let (status, _) = app.get_as(&dave, "/api/v1/users/me").await;
    assert_eq!(status, 401);
    assert_eq!(app.token("dave", PASSWORD, None).await.status(), 401);
    let (_, record) = app.get_as(&admin, &dave_path).await;
    assert_eq!(record["is_active"], false);
    let (status, _) = send(
        &app,
        &admin,
        Method::PATCH,
        &dave_path,
        json!({"is_active": true}),
    )
    .await;
    assert_eq!(status, 200);
    app.access_token("dave").await;

    let (status, body) = app.get_as(&admin, "/api/v1/users/9999").await;
    assert_eq!(status, 404, "{body}");
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn a_forced_password_reset_signs_the_person_out_everywhere(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let erin = app.user_token("erin").await;
    let (_, me) = app.get_as(&erin, "/api/v1/users/me").await;
    let id = me["id"].as_i64().unwrap();
    let path = format!("/api/v1/users/{id}/password-reset");

    let (status, body) = send(
        &app,
        &admin,
        Method::POST,
        &path,
        json!({"temporary_password": "weak"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (status, _) = app.get_as(&erin, "/api/v1/users/me").await;
    assert_eq!(status, 200, "a refused reset changes nothing");

    // Someone without the right cannot reset another account, not even their own this way.
    let (status, _) = send(
        &app,
        &erin,
        Method::POST,
        &path,
        json!({"temporary_password": "Temp0rary-Pass!"}),
    )
    .await;
    assert_eq!(status, 403);

    let (status, body) = send(
        &app,
        &admin,
        Method::POST,
        &path,
        json!({"temporary_password": "Temp0rary-Pass!"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["must_change_password"], true);
    let (status, _) = app.get_as(&erin, "/api/v1/users/me").await;
    assert_eq!(status, 401, "the old token stops working");
    assert_eq!(app.token("erin", PASSWORD, None).await.status(), 401);
    let response = app.token("erin", "Temp0rary-Pass!", None).await;
    assert_eq!(response.status(), 200);
    let token: Value = response.json().await.unwrap();
    let token = token["access_token"].as_str().unwrap();
    let (_, me) = app.get_as(token, "/api/v1/users/me").await;
    assert_eq!(me["must_change_password"], true);
    let (status, _) = send(
        &app,
        token,
        Method::POST,
        "/api/v1/users/me/password",
        json!({"current_password": "Temp0rary-Pass!", "new_password": PASSWORD}),
    )
    .await;
    assert_eq!(status, 204);
    let (_, me) = app.get_as(token, "/api/v1/users/me").await;
    assert_eq!(me["must_change_password"], false);
}

async fn the_last_active_admin_cannot_be_disabled_or_demoted(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let (_, me) = app.get_as(&admin, "/api/v1/users/me").await;
    let admin_path = format!("/api/v1/users/{}", me["id"]);

    let (status, body) = app.send_as(Method::DELETE, &admin, &admin_path, None).await;
    assert_eq!(status, 409, "{body}");
    let (status, body) = send(
        &app,
        &admin,
        Method::PATCH,
        &admin_path,
        json!({"roles": ["user"]}),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    let (_, me) = app.get_as(&admin, "/api/v1/users/me").await;
    assert_eq!(
        me["roles"],
        json!(["admin"]),
        "the refused change was rolled back"
    );

    // With a second admin, the first may step down.
    let second = create_user(&app, &admin, "root2", &["admin"]).await;
    let (status, body) = send(
        &app,
        &admin,
        Method::PATCH,
        &admin_path,
        json!({"roles": ["user"]}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let other = app.access_token("root2").await;
    let (status, _) = app
        .send_as(
            Method::DELETE,
            &other,
            &format!("/api/v1/users/{second}"),
            None,
        )
        .await;
    assert_eq!(status, 409, "nobody disables their own account");
}

async fn roles_are_validated_and_built_in_roles_protected(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let (status, roles) = app.get_as(&admin, "/api/v1/roles").await;
    assert_eq!(status, 200);
    let names: Vec<&str> = roles["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["admin", "manager", "user", "viewer"]);
    assert_eq!(roles["data"][0]["user_count"], 1);
    let (_, permissions) = app.get_as(&admin, "/api/v1/permissions").await;
    assert_eq!(permissions["total_count"], 13 * 4 * 3);
    assert!(permissions["data"].as_array().unwrap().contains(&json!({
        "model": "audit", "action": "read", "scope": "all"
    })));

    let (status, body) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/roles",
        json!({"name": "auditor", "permissions": ["audit:read:all", "fly:away:now", "user:read"]}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let detail = body["detail"].as_str().unwrap();
    assert!(
        detail.contains("fly:away:now") && detail.contains("user:read"),
        "{detail}"
    );

    let (status, auditor) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/roles/",
        json!({"name": "auditor", "description": "Reads the audit log.",
               "permissions": ["audit:read:all", "user:read:all"]}),
    )
    .await;
    assert_eq!(status, 201, "{auditor}");
    assert_eq!(
        auditor["permissions"],
        json!(["audit:read:all", "user:read:all"])
    );
    let (status, _) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/roles",
        json!({"name": "auditor"}),
    )
    .await;
    assert_eq!(status, 409);

    // A role's permissions reach its holders at once.
    let ida = create_user(&app, &admin, "ida", &["auditor"]).await;
    let ida_token = app.access_token("ida").await;
    let (status, _) = app.get_as(&ida_token, "/api/v1/users").await;
    assert_eq!(status, 200);
    let role_path = format!("/api/v1/roles/{}", auditor["id"]);
    let (status, body) = send(
        &app,
        &admin,
        Method::PUT,
        &role_path,
        json!({"permissions": ["audit:read:all"]}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = app.get_as(&ida_token, "/api/v1/users").await;
    assert_eq!(status, 403);

    // Deleting a role takes it away from its holders.
    let (status, _) = app.send_as(Method::DELETE, &admin, &role_path, None).await;
    assert_eq!(status, 204);
    let (_, ida_record) = app.get_as(&admin, &format!("/api/v1/users/{ida}")).await;
    assert_eq!(ida_record["roles"], json!([]));
    let (status, _) = app.get_as(&admin, &role_path).await;
    assert_eq!(status, 404);

    let role_id = |name: &str| {
        roles["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap()["id"]
            .clone()
    };
    let admin_role = format!("/api/v1/roles/{}", role_id("admin"));
    let user_role = format!("/api/v1/roles/{}", role_id("user"));
    for (method, path, body) in [
        (Method::DELETE, &user_role, None),
        (Method::PATCH, &user_role, Some(json!({"name": "member"}))),
        (
            Method::PATCH,
            &admin_role,
            Some(json!({"permissions": ["resource:read:all"]})),
        ),
    ] {
        let (status, answer) = app.send_as(method, &admin, path, body).await;
        assert_eq!(status, 409, "{answer}");
    }
    // Built-in roles other than admin can still be tuned.
    let (status, body) = send(
        &app,
        &admin,
        Method::PATCH,
        &user_role,
        json!({"description": "People who book.", "permissions": ["resource:read:all"]}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["permissions"], json!(["resource:read:all"]));
}

async fn nobody_grants_more_than_they_hold(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let (status, body) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/roles",
        json!({"name": "directory", "permissions": [
            "role:read:all", "role:create:all", "role:update:all",
            "user:read:all", "user:create:all", "user:update:all"
        ]}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let frank = create_user(&app, &admin, "frank", &["directory"]).await;
    let token = app.access_token("frank").await;

    // Frank manages the directory but cannot hand out what he does not hold himself.
    for (method, path, body) in [
        (
            Method::PATCH,
            format!("/api/v1/users/{frank}"),
            json!({"roles": ["directory", "admin"]}),
        ),
        (
            Method::POST,
            "/api/v1/users".to_owned(),
            json!({"username": "gina", "password": PASSWORD, "roles": ["manager"]}),
        ),
        (
            Method::POST,
            "/api/v1/roles".to_owned(),
            json!({"name": "sneaky", "permissions": ["settings:update:all"]}),
        ),
        (
            Method::PATCH,
            format!("/api/v1/roles/{}", body["id"]),
            json!({"permissions": ["role:read:all", "audit:read:all"]}),
        ),
    ] {
        let (status, answer) = send(&app, &token, method, &path, body).await;
        assert_eq!(status, 403, "{path}: {answer}");
    }
    let (_, me) = app.get_as(&token, "/api/v1/users/me").await;
    assert_eq!(me["roles"], json!(["directory"]));

    // Within what he holds, he may.
    let (status, body) = send(
        &app,
        &token,
        Method::POST,
        "/api/v1/users",
        json!({"username": "gina", "password": PASSWORD, "roles": []}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
}

async fn groups_have_members_and_members_see_their_groups(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let hana = create_user(&app, &admin, "hana", &["manager"]).await;
    let (status, floor1) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/groups",
        json!({"name": "Floor 1", "description": "North wing"}),
    )
    .await;
    assert_eq!(status, 201, "{floor1}");
    let (status, floor2) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/groups/",
        json!({"name": "Floor 2"}),
    )
    .await;
    assert_eq!(status, 201, "{floor2}");
    let (status, _) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/groups",
        json!({"name": "Floor 1"}),
    )
    .await;
    assert_eq!(status, 409);
    let (status, _) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/groups",
        json!({"name": " "}),
    )
    .await;
    assert_eq!(status, 422);

    let member_path = format!("/api/v1/groups/{}/members/{hana}", floor1["id"]);
    for _ in 0..2 {
        let (status, body) = app.send_as(Method::PUT, &admin, &member_path, None).await;
        assert_eq!(status, 200, "adding twice is harmless: {body}");
        assert_eq!(body["members"], json!([{"id": hana, "username": "hana"}]));
    }
    let (_, record) = app.get_as(&admin, &format!("/api/v1/users/{hana}")).await;
    assert_eq!(
        record["groups"],
        json!([{"id": floor1["id"], "name": "Floor 1"}])
    );

    // A manager sees the groups they belong to, and no others.
    let token = app.access_token("hana").await;
    let (status, page) = app.get_as(&token, "/api/v1/groups").await;
    assert_eq!(status, 200);
    assert_eq!(page["total_count"], 1);
    assert_eq!(page["data"][0]["name"], "Floor 1");
    let (status, _) = app
        .get_as(&token, &format!("/api/v1/groups/{}", floor2["id"]))
        .await;
    assert_eq!(status, 404);

    // Groups are set on the user too; unknown groups are refused.
    let (status, body) = send(
        &app,
        &admin,
        Method::PATCH,
        &format!("/api/v1/users/{hana}"),
        json!({"groups": [floor2["id"], 999]}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = send(
        &app,
        &admin,
        Method::PATCH,
        &format!("/api/v1/users/{hana}"),
        json!({"groups": [floor2["id"]]}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (_, page) = app.get_as(&token, "/api/v1/groups").await;
    assert_eq!(page["data"][0]["name"], "Floor 2");

    let (status, _) = app
        .send_as(Method::DELETE, &admin, &member_path, None)
        .await;
    assert_eq!(status, 204);
    let (status, body) = send(
        &app,
        &admin,
        Method::PATCH,
        &format!("/api/v1/groups/{}", floor1["id"]),
        json!({"name": "Ground floor"}),
    )
    .await;
    assert_eq!((status, &body["name"]), (200, &json!("Ground floor")));
    let (status, _) = app
        .send_as(
            Method::DELETE,
            &admin,
            &format!("/api/v1/groups/{}", floor2["id"]),
            None,
        )
        .await;
    assert_eq!(status, 204);
    let (_, record) = app.get_as(&admin, &format!("/api/v1/users/{hana}")).await;
    assert_eq!(record["groups"], json!([]));
}

/// The role × action matrix: one request per row, sent by each kind of caller.
async fn each_role_may_do_exactly_what_it_grants(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let viewer_id = create_user(&app, &admin, "vic", &["viewer"]).await;
    let user_id = create_user(&app, &admin, "uma", &["user"]).await;
    create_user(&app, &admin, "otto", &["user"]).await;
    let manager_id = create_user(&app, &admin, "mona", &["manager"]).await;
    let (_, own_group) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/groups",
        json!({"name": "Mine"}),
    )
    .await;
    let (_, other_group) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/groups",
        json!({"name": "Theirs"}),
    )
    .await;
    let (own_group, other_group) = (&own_group["id"], &other_group["id"]);
    let (status, _) = app
        .send_as(
            Method::PUT,
            &admin,
            &format!("/api/v1/groups/{own_group}/members/{manager_id}"),
            None,
        )
        .await;
    assert_eq!(status, 200);
    app.insert_resource("Room 1", "").await;

    let callers = [
        ("anonymous", "not-a-token".to_owned()),
        ("viewer", app.access_token("vic").await),
        ("user", app.access_token("uma").await),
        ("other user", app.access_token("otto").await),
        ("manager", app.access_token("mona").await),
        ("admin", admin.clone()),
    ];
    let uma = format!("/api/v1/users/{user_id}");
    let vic = format!("/api/v1/users/{viewer_id}");
    let rows: Vec<(Method, String, Option<Value>, [u16; 6])> = vec![
        (
            Method::GET,
            "/api/v1/users/me".into(),
            None,
            [401, 200, 200, 200, 200, 200],
        ),
        (
            Method::GET,
            "/api/v1/resources".into(),
            None,
            [401, 200, 200, 200, 200, 200],
        ),
        (
            Method::GET,
            "/api/v1/users".into(),
            None,
            [401, 403, 403, 403, 403, 200],
        ),
        (
            Method::GET,
            uma.clone(),
            None,
            [401, 404, 200, 404, 404, 200],
        ),
        (
            Method::PATCH,
            uma.clone(),
            Some(json!({"display_name": "Uma"})),
            [401, 404, 200, 404, 404, 200],
        ),
        (
            Method::PATCH,
            uma.clone(),
            Some(json!({"is_active": true})),
            [401, 404, 403, 404, 404, 200],
        ),
        (
            Method::PATCH,
            vic.clone(),
            Some(json!({"display_name": "Vic"})),
            [401, 200, 404, 404, 404, 200],
        ),
        (
            Method::POST,
            "/api/v1/users".into(),
            Some(json!({"username": "newbie", "password": PASSWORD})),
            [401, 403, 403, 403, 403, 201],
        ),
        (
            Method::GET,
            "/api/v1/roles".into(),
            None,
            [401, 403, 403, 403, 403, 200],
        ),
        (
            Method::GET,
            "/api/v1/permissions".into(),
            None,
            [401, 403, 403, 403, 403, 200],
        ),
        (
            Method::POST,
            "/api/v1/roles".into(),
            Some(json!({"name": "desk-booker", "permissions": ["resource:read:all"]})),
            [401, 403, 403, 403, 403, 201],
        ),
        (
            Method::GET,
            "/api/v1/groups".into(),
            None,
            [401, 403, 403, 403, 200, 200],
        ),
        (
            Method::GET,
            format!("/api/v1/groups/{own_group}"),
            None,
            [401, 404, 404, 404, 200, 200],
        ),
        (
            Method::GET,
            format!("/api/v1/groups/{other_group}"),
            None,
            [401, 404, 404, 404, 404, 200],
        ),
        (
            Method::PUT,
            format!("/api/v1/groups/{own_group}/members/{user_id}"),
            None,
            [401, 404, 404, 404, 403, 200],
        ),
        (
            Method::POST,
            "/api/v1/groups".into(),
            Some(json!({"name": "Annex"})),
            [401, 403, 403, 403, 403, 201],
        ),
        (
            Method::GET,
            "/api/v1/sessions".into(),
            None,
            [401, 403, 403, 403, 403, 200],
        ),
        (
            Method::GET,
            "/api/v1/users/me/sessions".into(),
            None,
            [401, 200, 200, 200, 200, 200],
        ),
        // Last: the admin's reset signs the user out.
        (
            Method::POST,
            format!("{uma}/password-reset"),
            Some(json!({"temporary_password": "Temp0rary-Pass!"})),
            [401, 404, 403, 404, 404, 200],
        ),
    ];
    let mut wrong = Vec::new();
    for (method, path, body, expected) in &rows {
        for ((who, token), want) in callers.iter().zip(expected) {
            let (got, answer) = app.send_as(method.clone(), token, path, body.clone()).await;
            if got != *want {
                wrong.push(format!(
                    "{who} {method} {path}: want {want}, got {got} {answer}"
                ));
            }
            if got >= 400 {
                assert!(
                    answer["detail"].is_string(),
                    "{who} {method} {path}: {answer}"
                );
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "role x action matrix:\n{}",
        wrong.join("\n")
    );
}

/// Accounts created while a role's permissions are being changed: on SQLite a transaction
/// that read before it wrote was refused ("temporarily unavailable") when another write
/// committed in between; every change must land.
async fn admin_changes_made_at_the_same_time_all_land(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let (status, role) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/roles",
        json!({"name": "auditor", "permissions": ["audit:read:all"]}),
    )
    .await;
    assert_eq!(status, 201, "{role}");
    let role_path = format!("/api/v1/roles/{}", role["id"]);
    let requests = (0..8)
        .map(|i| {
            if i % 2 == 0 {
                (
                    Method::POST,
                    admin.as_str(),
                    "/api/v1/users",
                    json!({"username": format!("clerk{i}"), "password": PASSWORD,
                           "roles": ["auditor"], "must_change_password": false}),
                )
            } else {
                let permissions = if i % 4 == 1 {
                    json!(["audit:read:all", "user:read:all"])
                } else {
                    json!(["audit:read:all"])
                };
                (
                    Method::PUT,
                    admin.as_str(),
                    role_path.as_str(),
                    json!({ "permissions": permissions }),
                )
            }
        })
        .collect();
    for (status, body) in app.send_together(requests).await {
        assert!(status == 200 || status == 201, "{status} {body}");
    }
    let (_, users) = app.get_as(&admin, "/api/v1/users?q=clerk").await;
    let users = users["data"].as_array().expect("users");
    assert_eq!(users.len(), 4, "{users:?}");
    assert!(
        users.iter().all(|u| u["roles"] == json!(["auditor"])),
        "{users:?}"
    );
}
