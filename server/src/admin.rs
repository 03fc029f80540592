//! `reserver admin …`: account administration from the command line.

use std::io::{BufRead, IsTerminal};

use app::services::ServiceError;
use app::services::accounts::{self, NewAccount};

use crate::config::AdminCommand;
use crate::startup::{self, StartupError};

pub async fn run(database_url: &str, command: AdminCommand) -> Result<(), StartupError> {
    match command {
        AdminCommand::Create { username, email } => {
            // The password never appears on the command line, where `ps` and shell history
            // would show it.
            let password = read_password().map_err(StartupError::Command)?;
            let db = startup::open_database(database_url).await?;
            let profile = accounts::create_admin(
                &db,
                NewAccount {
                    username,
                    password,
                    email,
                },
            )
            .await
            .map_err(|error| StartupError::Command(describe(error)))?;
            println!(
                "created administrator {} (id {})",
                profile.username, profile.id
            );
            Ok(())
        }
    }
}

fn describe(error: ServiceError) -> String {
    match error {
        ServiceError::WeakPassword(_) | ServiceError::InvalidInput(_) => error.to_string(),
        ServiceError::Conflict(detail) => detail,
        other => format!("cannot create the administrator: {other}"),
    }
}

/// Asks twice at a terminal; otherwise reads the first line of standard input.
fn read_password() -> Result<String, String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ").map_err(|e| e.to_string())?;
        let again = rpassword::prompt_password("Password again: ").map_err(|e| e.to_string())?;
        if first != again {
            return Err("the two passwords differ".to_owned());
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.is_empty() {
        return Err(
            "no password given: type it at the prompt or pipe it on standard input".to_owned(),
        );
    }
    Ok(password)
}
