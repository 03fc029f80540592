//! The API's routes and its OpenAPI document come from one list: each operation is declared
//! once ([`Api::op`]), which both routes it and describes it, so the document at
//! `GET /api/openapi.json` lists exactly what the server answers.

use std::collections::{BTreeMap, BTreeSet};

use app::accounts::cookie::SESSION_COOKIE;
use axum::Router;
use axum::handler::Handler;
use axum::routing::{MethodFilter, MethodRouter, on};
use serde_json::{Map, Value, json};

use crate::http::AppState;

/// Where the versioned API lives; the document names full paths.
pub const PREFIX: &str = "/api/v1";

/// An HTTP method the API uses.
#[derive(Clone, Copy, Debug)]
pub enum Verb {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Verb {
    fn filter(self) -> MethodFilter {
        match self {
            Verb::Get => MethodFilter::GET,
            Verb::Post => MethodFilter::POST,
            Verb::Put => MethodFilter::PUT,
            Verb::Patch => MethodFilter::PATCH,
            Verb::Delete => MethodFilter::DELETE,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Verb::Get => "get",
            Verb::Post => "post",
            Verb::Put => "put",
            Verb::Patch => "patch",
            Verb::Delete => "delete",
        }
    }
}

/// The routes of `/api/v1` being declared, and their description.
#[derive(Default)]
pub struct Api {
    routes: BTreeMap<String, MethodRouter<AppState>>,
    collections: BTreeSet<String>,
    paths: BTreeMap<String, Map<String, Value>>,
}

impl Api {
    /// An operation that needs a signed-in caller (a bearer token or the session cookie).
    pub fn op<H, T>(self, verb: Verb, path: &str, summary: &str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.route(verb, path, summary, true, on(verb.filter(), handler))
    }

    /// An operation anyone may call: the first-run setup, registering, signing in, and
    /// calendar feeds (whose secret address is the credential).
    pub fn public<H, T>(self, verb: Verb, path: &str, summary: &str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.route(verb, path, summary, false, on(verb.filter(), handler))
    }

    /// An operation whose method router carries layers of its own (an upload's body limit).
    pub fn route(
        mut self,
        verb: Verb,
        path: &str,
        summary: &str,
        signed_in: bool,
        method: MethodRouter<AppState>,
    ) -> Self {
        let routed = routing_path(path);
        let merged = match self.routes.remove(&routed) {
            Some(earlier) => earlier.merge(method),
            None => method,
        };
        self.routes.insert(routed, merged);
        self.describe(verb, &format!("{PREFIX}{path}"), summary, signed_in)
    }

    /// An operation served outside `/api/v1` (the probes, metrics, the live-update socket),
    /// described here so that the document lists every call of the contract. `path` is full.
    pub fn elsewhere(self, verb: Verb, path: &str, summary: &str, signed_in: bool) -> Self {
        self.describe(verb, path, summary, signed_in)
    }

    /// Adds the operation at the full `path` to the document.
    fn describe(mut self, verb: Verb, path: &str, summary: &str, signed_in: bool) -> Self {
        let short = path.strip_prefix(PREFIX).unwrap_or(path);
        let mut operation = json!({
            "operationId": operation_id(verb, short),
            "summary": summary,
            "tags": [tag(short)],
            "responses": {
                "2XX": {"description": "Success"},
                "default": {
                    "description": "An error: `detail` says what went wrong, `code` names it.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                }
            }
        });
        let parameters = path_parameters(path);
        if !parameters.is_empty() {
            operation["parameters"] = Value::Array(parameters);
        }
        if !signed_in {
            operation["security"] = json!([]);
        }
        self.paths
            .entry(path.to_owned())
            .or_default()
            .insert(verb.name().to_owned(), operation);
        self
    }

    /// `path` also answers with a trailing slash (collections accept both).
    pub fn collection(mut self, path: &str) -> Self {
        self.collections.insert(path.to_owned());
        self
    }

    /// The router of `/api/v1` and the OpenAPI document describing it.
    pub fn finish(self) -> (Router<AppState>, Value) {
        let mut router = Router::new();
        for (path, method) in self.routes {
            if self.collections.contains(&path) {
                router = router.route(&format!("{path}/"), method.clone());
            }
            router = router.route(&path, method);
        }
        let document = json!({
            "openapi": "3.1.0",
            "info": {
                "title": "Reserver API",
                "version": env!("CARGO_PKG_VERSION"),
                "description": "Rooms, desks, equipment and people, booked without double-booking. \
                    Errors are JSON `{\"detail\", \"code\"}`; lists are pages \
                    `{\"data\", \"next_cursor\", \"has_more\", \"total_count\"}` taking `?limit=&cursor=`."
            },
            "paths": self.paths,
            "security": [{"bearer": []}, {"session": []}],
            "components": {
                "securitySchemes": {
                    "bearer": {"type": "http", "scheme": "bearer", "description": "An access token from `POST /api/v1/token`, or a personal API token."},
                    "session": {"type": "apiKey", "in": "cookie", "name": SESSION_COOKIE}
                },
                "schemas": {
                    "Error": {
                        "type": "object",
                        "required": ["detail", "code"],
                        "properties": {"detail": {"type": "string"}, "code": {"type": "string"}}
                    }
                }
            }
        });
        (router, document)
    }
}

/// `get_resources_id_schedule` for `GET /resources/{id}/schedule`.
fn operation_id(verb: Verb, path: &str) -> String {
    let words: Vec<String> = path
        .split('/')
        .filter(|part| !part.is_empty())
        .map(|part| part.replace(['{', '}'], "").replace(['-', '.', '*'], "_"))
        .collect();
    format!("{}_{}", verb.name(), words.join("_"))
}

/// The first segment of the path: `resources`, `reservations`, `users`...
fn tag(path: &str) -> &str {
    path.split('/')
        .find(|part| !part.is_empty())
        .unwrap_or("api")
}

/// The path the router matches: a documented segment such as `{token}.ics` is matched as
/// `{token}` (the handler checks the suffix), since the router takes no text after a capture.
fn routing_path(path: &str) -> String {
    path.split('/')
        .map(|part| match part.split_once('}') {
            Some((capture, _)) if part.starts_with('{') => format!("{capture}}}"),
            _ => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The `{name}` segments of a path (also `{name}.ext`), as OpenAPI path parameters.
fn path_parameters(path: &str) -> Vec<Value> {
    path.split('/')
        .filter_map(|part| Some(part.strip_prefix('{')?.split_once('}')?.0))
        .map(|name| {
            let schema = if name == "id" || name.ends_with("_id") {
                json!({"type": "integer", "format": "int64"})
            } else {
                json!({"type": "string"})
            };
            json!({"name": name, "in": "path", "required": true, "schema": schema})
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_are_named_after_their_verb_and_path() {
        assert_eq!(
            operation_id(Verb::Get, "/resources/{id}/available-slots"),
            "get_resources_id_available_slots"
        );
        assert_eq!(tag("/resources/{id}"), "resources");
        let parameters = path_parameters("/groups/{id}/members/{user_id}");
        assert_eq!(parameters.len(), 2);
        assert_eq!(parameters[1]["name"], "user_id");
        assert_eq!(parameters[1]["schema"]["type"], "integer");
        assert_eq!(
            path_parameters("/tags/{name}")[0]["schema"]["type"],
            "string"
        );
    }
}
