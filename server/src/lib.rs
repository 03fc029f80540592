//! The `reserver` host: configuration, start-up, the HTTP surface (pages, server functions,
//! REST API, operations endpoints) and the command line. Business rules live in the `app`
//! crate's services; this crate only wires them to the outside world.

pub mod admin;
pub mod config;
pub mod http;
pub mod startup;
pub mod telemetry;
pub mod webhooks;
