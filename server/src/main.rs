//! The `onsplan` command: `serve` (migrate, then serve) and `migrate`.

use onsplan_server::config::Settings;
use onsplan_server::startup::Application;
use onsplan_server::{db, telemetry};

const USAGE: &str = "usage: onsplan <serve|migrate>\n\
  serve    run pending migrations, then serve the API\n\
  migrate  run pending migrations and exit\n\
Settings come from ONSPLAN_* environment variables; see README.md.";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    telemetry::init();
    let command = std::env::args().nth(1).unwrap_or_default();
    match command.as_str() {
        "serve" => {
            let settings = Settings::from_env()?;
            Application::build(settings)
                .await?
                .run_until_stopped()
                .await?;
        }
        "migrate" => {
            let settings = Settings::from_env()?;
            let url = settings.database_url.clone();
            let applied = tokio::task::spawn_blocking(move || db::migrate(&url)).await??;
            println!("{} migration(s) applied", applied.len());
        }
        "-h" | "--help" | "help" => println!("{USAGE}"),
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    }
    Ok(())
}
