//! `reserver`: run the server or administer it from the command line.

use std::process::ExitCode;

use clap::Parser;
use reserver::config::{Cli, Command};
use reserver::startup::{self, Application, StartupError};

fn main() -> ExitCode {
    // `.env` fills in only what neither the flags nor the environment set.
    if let Err(error) = dotenvy::dotenv()
        && !error.not_found()
    {
        eprintln!("reserver: error: cannot read .env: {error}");
        return ExitCode::FAILURE;
    }
    let cli = Cli::parse();
    if let Err(error) = reserver::telemetry::init(&cli.settings.log_level, cli.settings.log_json) {
        eprintln!("reserver: error: {error}");
        return ExitCode::FAILURE;
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("reserver: error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("reserver: error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), StartupError> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(&cli.settings).await?;
            app.run_until(startup::shutdown_signal()).await?;
            tracing::info!("stopped");
            Ok(())
        }
        Command::Migrate => {
            startup::open_database(&cli.settings.database_url).await?;
            tracing::info!("database schema is up to date");
            Ok(())
        }
        Command::Admin(command) => reserver::admin::run(&cli.settings.database_url, command).await,
    }
}
