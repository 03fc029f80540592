//! Structured logs with `tracing`: human-readable by default, JSON lines on request.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber; fails on a filter that does not parse.
pub fn init(filter: &str, json: bool) -> Result<(), String> {
    let filter =
        EnvFilter::try_new(filter).map_err(|e| format!("invalid log filter {filter:?}: {e}"))?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let installed = if json {
        builder.json().flatten_event(true).try_init()
    } else {
        builder.try_init()
    };
    installed.map_err(|e| format!("cannot set up logging: {e}"))
}
