//! HTTP-level tests: each starts the real application on a random port against a fresh
//! database (a SQLite file, or a PostgreSQL database created for the test and dropped after)
//! and talks to it as a client would. Tests marked with `on_both_engines!` run once per engine.

#[macro_use]
mod support;

mod accounts;
mod analytics;
mod audit;
mod booking_pages;
mod catalog;
mod cli;
mod directory;
mod live;
mod notifications;
mod operations;
mod pages;
mod reservations;
mod resources;
mod webhooks;
