//! The `onsplan` command: `serve`, `migrate`, `backup`, `restore`, and the operator's `admin`
//! commands.

use onsplan_server::config::Settings;
use onsplan_server::db::{self, Db};
use onsplan_server::services::organisations;
use onsplan_server::startup::Application;
use onsplan_server::telemetry;

const USAGE: &str = "usage: onsplan <command>\n\
  serve                          run pending migrations, then serve the API\n\
  migrate                        run pending migrations and exit\n\
  backup FILE                    copy the SQLite database into the new FILE (the server may\n\
                                 keep running); PostgreSQL: use pg_dump\n\
  restore FILE                   replace the SQLite database with the backup FILE (stop the\n\
                                 server first); PostgreSQL: use pg_restore\n\
  admin create-org --name NAME   create an organisation; prints its id\n\
  admin create-org-admin --org ID --email EMAIL --name NAME\n\
                                 create the organisation's admin; prints a one-time link\n\
                                 for setting the password (hand it over in person)\n\
Settings come from ONSPLAN_* environment variables; see README.md.";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    telemetry::init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["serve"] => {
            let settings = Settings::from_env()?;
            Application::build(settings)
                .await?
                .run_until_stopped()
                .await?;
        }
        ["migrate"] => {
            let settings = Settings::from_env()?;
            // Not under a running server.
            let _lock = match &settings.database_url {
                db::DatabaseUrl::Sqlite(path) => {
                    Some(db::lock::DatabaseLock::acquire(std::path::Path::new(path))?)
                }
                db::DatabaseUrl::Postgres(_) => None,
            };
            let applied = migrate(&settings).await?;
            println!("{} migration(s) applied", applied.len());
        }
        ["backup", file] => {
            let database = db::backup::sqlite_path(&Settings::from_env()?.database_url)?;
            let target = std::path::PathBuf::from(file);
            tokio::task::spawn_blocking(move || db::backup::backup(&database, &target)).await??;
            println!("backup written to {file} (integrity check ok)");
        }
        ["restore", file] => {
            let database = db::backup::sqlite_path(&Settings::from_env()?.database_url)?;
            let source = std::path::PathBuf::from(file);
            let restored = database.clone();
            tokio::task::spawn_blocking(move || db::backup::restore(&restored, &source)).await??;
            println!(
                "{file} restored to {} (the replaced file is kept as .before-restore)",
                database.display()
            );
        }
        ["admin", "create-org", rest @ ..] => {
            let name = flag(rest, "--name")?;
            let (db, _) = open().await?;
            let id = organisations::create_organisation(&db, name).await?;
            println!("organisation created: {id}");
        }
        ["admin", "create-org-admin", rest @ ..] => {
            let (org, email, name) = (
                flag(rest, "--org")?,
                flag(rest, "--email")?,
                flag(rest, "--name")?,
            );
            let (db, settings) = open().await?;
            let (id, link) =
                organisations::create_org_admin(&db, &settings.public_url, org, email, name)
                    .await?;
            println!("org admin created: {id}");
            println!("one-time link to set the password (valid 7 days): {link}");
        }
        ["-h" | "--help" | "help"] => println!("{USAGE}"),
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    }
    Ok(())
}

async fn migrate(settings: &Settings) -> anyhow::Result<Vec<String>> {
    let url = settings.database_url.clone();
    tokio::task::spawn_blocking(move || db::migrate(&url)).await?
}

async fn open() -> anyhow::Result<(Db, Settings)> {
    let settings = Settings::from_env()?;
    migrate(&settings).await?;
    Ok((Db::connect(&settings.database_url, 2)?, settings))
}

fn flag<'a>(args: &[&'a str], name: &str) -> anyhow::Result<&'a str> {
    args.windows(2)
        .find(|pair| pair[0] == name)
        .map(|pair| pair[1])
        .ok_or_else(|| anyhow::anyhow!("{name} is required\n{USAGE}"))
}
