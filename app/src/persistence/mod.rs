//! Persistence: sea-orm entities and the database connection. Engine-specific settings
//! (SQLite pragmas) stay in `database`.

pub mod database;
pub mod entities;
