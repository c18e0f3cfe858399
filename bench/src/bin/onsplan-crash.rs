//! `onsplan-crash`: proves that nothing acknowledged is lost when the server dies. Under a
//! load of conditional saves and professional reads, the release server is killed with
//! SIGKILL at random moments and restarted, many times; then the database is checked
//! directly: every save that got a 2xx is in the revisions with its content, every
//! professional read that got a 2xx has its access-log row (matched by request id), and the
//! database passes its integrity check.
//!
//! Usage: `onsplan-crash [--rounds N] [--only sqlite|postgres]`

use std::sync::{Arc, Mutex};
use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::Text;
use onsplan_bench::seed::{self, Database};
use onsplan_bench::server::Server;
use onsplan_server::db::schema::{access_log, section_revisions, sections};
use onsplan_server::db::{DatabaseUrl, Db};
use onsplan_server::errors::AppError;
use onsplan_shared::section::SaveSectionRequest;
use onsplan_shared::section_content::{Concerns, SectionContent};
use rand::Rng;

const WORKERS: usize = 8;

#[derive(Default)]
struct Acknowledged {
    saves: Vec<(String, i64, String)>,
    reads: Vec<String>,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| args.windows(2).find(|w| w[0] == name).map(|w| w[1].clone());
    let rounds: usize = value("--rounds")
        .map(|v| v.parse())
        .transpose()?
        .unwrap_or(20);
    let backends = match value("--only").as_deref() {
        Some(one) => vec![one.to_string()],
        None => vec!["sqlite".to_string(), "postgres".to_string()],
    };
    let mut failed = false;
    for backend in backends {
        failed |= !crash_backend(&backend, rounds).await?;
    }
    anyhow::ensure!(
        !failed,
        "acknowledged data was lost or the database is damaged"
    );
    Ok(())
}

async fn crash_backend(backend: &str, rounds: usize) -> anyhow::Result<bool> {
    println!("\n== {backend}: {rounds} hard kills under load ==");
    let database = Database::create(backend)?;
    let world = seed::seed(&database, WORKERS).await?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let tokens = Arc::new(world.tokens(&base));
    let acked = Arc::new(Mutex::new(Acknowledged::default()));
    let mut versions = [1i64; WORKERS];
    for round in 0..rounds {
        let server = Server::start_on(&database, port)?;
        server.wait_until_live().await?;
        let workers: Vec<_> = (0..WORKERS)
            .map(|worker| {
                let (tokens, acked, base) = (tokens.clone(), acked.clone(), base.clone());
                let version = versions[worker];
                tokio::spawn(
                    async move { load(worker, round, version, &base, &tokens, &acked).await },
                )
            })
            .collect();
        let alive = rand::thread_rng().gen_range(150..700);
        tokio::time::sleep(Duration::from_millis(alive)).await;
        server.kill_hard();
        for (worker, handle) in workers.into_iter().enumerate() {
            versions[worker] = handle.await?;
        }
    }
    let acked = std::mem::take(&mut *acked.lock().unwrap());
    verify(&database, acked).await
}

/// One worker's loop: save its family's concerns section conditionally, and read the granted
/// goals section as the professional, until the server dies. Returns the last version seen.
async fn load(
    worker: usize,
    round: usize,
    mut version: i64,
    base: &str,
    tokens: &seed::Tokens,
    acked: &Mutex<Acknowledged>,
) -> i64 {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    let (family, parent, professional) = &tokens.families[worker];
    let section = format!("{base}/api/v1/families/{family}/sections/concerns");
    for n in 0.. {
        let marker = format!("round {round} worker {worker} save {n}");
        let body = SaveSectionRequest {
            visibility: None,
            content: SectionContent::Concerns(Concerns {
                worries: vec![marker.clone()],
            }),
        };
        let saved = client
            .put(&section)
            .bearer_auth(parent)
            .header("if-match", format!("\"{version}\""))
            .json(&body)
            .send()
            .await;
        match saved {
            Ok(response) if response.status().is_success() => {
                version += 1;
                acked
                    .lock()
                    .unwrap()
                    .saves
                    .push((family.clone(), version, marker));
            }
            // A save that committed but whose answer died with the server: learn the version.
            Ok(response) if response.status().as_u16() == 412 => {
                let current = response
                    .headers()
                    .get("etag")
                    .and_then(|v| v.to_str().ok())
                    .and_then(onsplan_shared::section::parse_if_match);
                version = current.unwrap_or(version);
            }
            _ => return version,
        }
        let read = client
            .get(format!("{base}/api/v1/families/{family}/sections/goals"))
            .bearer_auth(professional)
            .send()
            .await;
        match read {
            Ok(response) if response.status().is_success() => {
                let request_id = response
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string);
                if response.bytes().await.is_ok() {
                    acked.lock().unwrap().reads.extend(request_id);
                }
            }
            _ => return version,
        }
    }
    version
}

#[derive(QueryableByName)]
struct IntegrityCheck {
    #[diesel(sql_type = Text)]
    integrity_check: String,
}

async fn verify(database: &Database, acked: Acknowledged) -> anyhow::Result<bool> {
    let db = Db::connect(&database.parsed(), 2)?;
    let (saves, reads) = (acked.saves.len(), acked.reads.len());
    let (lost_saves, missing_rows) = db
        .read(move |conn| -> Result<(usize, usize), AppError> {
            let mut lost = 0;
            for (family, version, marker) in &acked.saves {
                let content: Option<String> = section_revisions::table
                    .inner_join(sections::table)
                    .filter(sections::family_id.eq(family))
                    .filter(sections::kind.eq("concerns"))
                    .filter(section_revisions::version.eq(version))
                    .select(section_revisions::content)
                    .first(conn)
                    .optional()?;
                if !content.is_some_and(|c| c.contains(marker.as_str())) {
                    lost += 1;
                }
            }
            let mut missing = 0;
            for request_id in &acked.reads {
                let rows: i64 = access_log::table
                    .filter(access_log::request_id.eq(request_id))
                    .count()
                    .get_result(conn)?;
                if rows != 1 {
                    missing += 1;
                }
            }
            Ok((lost, missing))
        })
        .await?;
    let integrity = match database.parsed() {
        DatabaseUrl::Sqlite(path) => {
            let mut conn = SqliteConnection::establish(&path)?;
            let rows: Vec<IntegrityCheck> =
                diesel::sql_query("PRAGMA integrity_check").load(&mut conn)?;
            rows.iter()
                .map(|r| r.integrity_check.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        }
        DatabaseUrl::Postgres(_) => {
            // Every section's version equals its newest revision: no half-applied save.
            let mismatched: i64 = db
                .read(|conn| -> Result<i64, AppError> {
                    Ok(diesel::sql_query(
                        "SELECT COUNT(*) AS integrity_check FROM sections s WHERE s.version > 0 AND s.version <> \
                         (SELECT MAX(r.version) FROM section_revisions r WHERE r.section_id = s.id)",
                    )
                    .load::<CountRow>(conn)?
                    .first()
                    .map_or(0, |r| r.integrity_check))
                })
                .await?;
            if mismatched == 0 {
                "ok".to_string()
            } else {
                format!("{mismatched} sections disagree with their revisions")
            }
        }
    };
    println!("acknowledged saves: {saves}, lost: {lost_saves}");
    println!("acknowledged professional reads: {reads}, without a log row: {missing_rows}");
    println!("integrity check: {integrity}");
    Ok(lost_saves == 0 && missing_rows == 0 && integrity == "ok" && saves > 0 && reads > 0)
}

#[derive(QueryableByName)]
struct CountRow {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    integrity_check: i64,
}
