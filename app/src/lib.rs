//! The Reserver application, shared by the server (feature `ssr`) and the browser (feature
//! `hydrate`).
//!
//! Layers, top to bottom: `ui` (pages and components) → `resources` and other feature modules
//! (shared types and the server functions the UI calls) → `services` (server only: rules and
//! transactions) → `persistence` (server only: sea-orm entities and connections). `i18n` is
//! used by every view.

pub mod accounts;
pub mod admin;
pub mod analytics;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod notifications;
pub mod pagination;
pub mod reservations;
pub mod resources;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod persistence;
#[cfg(feature = "ssr")]
pub mod services;

pub use ui::{App, shell};

/// Name of the compiled browser bundle: `/pkg/<build id>/reserver.js` and `reserver_bg.wasm`
/// (see `scripts/build-site.sh`), `/pkg/reserver.css`.
pub const OUTPUT_NAME: &str = "reserver";
