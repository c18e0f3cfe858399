//! `onsplan-pdf-bench`: how long the release server takes to make the PDF of a plan with 500
//! agreements and long texts, as a parent asks for it over HTTP, next to a bare handler's
//! latency in the same run. Prints the size, the page count and the time per PDF.
//!
//! Usage: `onsplan-pdf-bench [--only sqlite|postgres] [--rounds N]`

use std::time::{Duration, Instant};

use anyhow::Context;
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection, SqliteConnection};
use onsplan_bench::{seed, server};
use onsplan_server::db::DatabaseUrl;
use onsplan_shared::export::PdfQuery;
use onsplan_shared::section::SectionKind;
use onsplan_shared::section_content::{Agreement, Agreements, Assignee, SectionContent};

const AGREEMENTS: usize = 500;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| args.windows(2).find(|w| w[0] == name).map(|w| w[1].clone());
    let rounds: usize = value("--rounds")
        .map(|v| v.parse())
        .transpose()?
        .unwrap_or(5);
    let backends = match value("--only").as_deref() {
        Some("sqlite") => vec!["sqlite"],
        Some("postgres") => vec!["postgres"],
        None => vec!["sqlite", "postgres"],
        Some(other) => anyhow::bail!("--only takes sqlite or postgres, not {other}"),
    };
    for backend in backends {
        run(backend, rounds)
            .await
            .with_context(|| format!("{backend} PDF benchmark"))?;
    }
    Ok(())
}

async fn run(backend: &str, rounds: usize) -> anyhow::Result<()> {
    println!("\n== {backend}: a PDF of {AGREEMENTS} agreements with long texts ==");
    let database = seed::Database::create(backend)?;
    let world = seed::seed(&database, 1).await?;
    let family = &world.families[0].id;
    write_agreements(&database, family)?;
    let server = server::Server::start(&database)?;
    server.wait_until_live().await?;
    let tokens = world.tokens(&server.public_url);
    let parent = tokens.families[0].1.clone();
    let client = reqwest::Client::new();

    let query = PdfQuery {
        version: None,
        sections: Some(vec![SectionKind::Agreements]),
    };
    let url = format!(
        "{}/api/v1/families/{family}/export.pdf?{}",
        server.base_url,
        query.to_query()
    );
    let mut pdf_times = Vec::new();
    let mut pdf = Vec::new();
    for _ in 0..rounds {
        let started = Instant::now();
        let response = client.get(&url).bearer_auth(&parent).send().await?;
        anyhow::ensure!(
            response.status().is_success(),
            "the PDF was refused: {}",
            response.status()
        );
        pdf = response.bytes().await?.to_vec();
        pdf_times.push(started.elapsed());
    }
    let mut bare_times = Vec::new();
    for _ in 0..200 {
        let started = Instant::now();
        client
            .get(format!("{}/livez", server.base_url))
            .send()
            .await?
            .error_for_status()?;
        bare_times.push(started.elapsed());
    }
    let pdf_median = median(&mut pdf_times);
    let bare_median = median(&mut bare_times);
    println!(
        "{} bytes, {} pages; median of {rounds}: {:.2} s (slowest {:.2} s); bare handler {:.3} ms; \
         the PDF takes {:.0}x a bare request",
        pdf.len(),
        pages(&pdf, &database.data_dir),
        pdf_median.as_secs_f64(),
        pdf_times.iter().max().copied().unwrap_or_default().as_secs_f64(),
        bare_median.as_secs_f64() * 1000.0,
        pdf_median.as_secs_f64() / bare_median.as_secs_f64()
    );
    Ok(())
}

/// The plan's agreements: 500, every fiftieth with a text of about 4,000 characters. More than
/// the API takes in one section, so written straight into the database.
fn write_agreements(database: &seed::Database, family: &str) -> anyhow::Result<()> {
    let long = "Wij spreken af dat we elke week samen kijken wat er goed ging en wat beter kan. "
        .repeat(50);
    let items = (0..AGREEMENTS)
        .map(|n| Agreement {
            id: format!("a{n}"),
            what: if n % 50 == 0 {
                format!("{n}: {long}")
            } else {
                format!("Afspraak nummer {n}: boodschappen doen, de kinderen naar school brengen en de buren helpen.")
            },
            who: Assignee::Person {
                name: format!("Buur {n}"),
            },
            ..Default::default()
        })
        .collect();
    let content = serde_json::to_string(&SectionContent::Agreements(Agreements { items }))?
        .replace('\'', "''");
    let sql = format!(
        "UPDATE sections SET content = '{content}', version = version + 1 \
         WHERE family_id = '{family}' AND scope = 'family' AND kind = 'agreements'"
    );
    match database.parsed() {
        DatabaseUrl::Sqlite(path) => SqliteConnection::establish(&path)?.batch_execute(&sql)?,
        DatabaseUrl::Postgres(url) => PgConnection::establish(&url)?.batch_execute(&sql)?,
    }
    Ok(())
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The page count as `pdfinfo` (poppler-utils) reads it, or "?" without it.
fn pages(pdf: &[u8], folder: &std::path::Path) -> String {
    let file = folder.join("bench.pdf");
    if std::fs::write(&file, pdf).is_err() {
        return "?".into();
    }
    std::process::Command::new("pdfinfo")
        .arg(&file)
        .output()
        .ok()
        .and_then(|out| {
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .find_map(|line| line.strip_prefix("Pages:").map(|n| n.trim().to_string()))
        })
        .unwrap_or_else(|| "?".into())
}
