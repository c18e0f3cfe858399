//! `onsplan-bench`: the throughput and latency benchmarks. For SQLite and PostgreSQL in one run it seeds
//! a database, starts the release server, drives it with a load generator on 127.0.0.1 and
//! prints requests/s and p50/p99 latency for each scenario as a ratio of a bare handler of the
//! same server, plus the database's raw durable commit rate and the server's memory.
//!
//! Usage: `onsplan-bench [--families N] [--seconds S] [--connections C] [--only sqlite|postgres]
//! [--scenario 1-5]`

use std::time::Duration;

use anyhow::Context;
use onsplan_bench::load::{self, Scenario, Stats};
use onsplan_bench::{seed, server};

struct Options {
    /// Only this scenario (1-5) besides the bare handler, for profiling.
    scenario: Option<usize>,
    families: usize,
    seconds: u64,
    connections: usize,
    backends: Vec<&'static str>,
}

fn options() -> anyhow::Result<Options> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| args.windows(2).find(|w| w[0] == name).map(|w| w[1].clone());
    let backends = match value("--only").as_deref() {
        Some("sqlite") => vec!["sqlite"],
        Some("postgres") => vec!["postgres"],
        None => vec!["sqlite", "postgres"],
        Some(other) => anyhow::bail!("--only takes sqlite or postgres, not {other}"),
    };
    Ok(Options {
        scenario: value("--scenario").map(|v| v.parse()).transpose()?,
        families: value("--families")
            .map(|v| v.parse())
            .transpose()?
            .unwrap_or(1_000),
        seconds: value("--seconds")
            .map(|v| v.parse())
            .transpose()?
            .unwrap_or(5),
        connections: value("--connections")
            .map(|v| v.parse())
            .transpose()?
            .unwrap_or(16),
        backends,
    })
}

/// A target: the scenario's throughput must reach `share` of the reference.
struct Target {
    scenario: Scenario,
    share: f64,
    of: &'static str,
}

const TARGETS: [Target; 4] = [
    Target {
        scenario: Scenario::Plan,
        share: 0.40,
        of: "bare",
    },
    Target {
        scenario: Scenario::ProfessionalRead,
        share: 0.25,
        of: "bare",
    },
    Target {
        scenario: Scenario::DeniedRead,
        share: 0.50,
        of: "bare",
    },
    Target {
        scenario: Scenario::Save,
        share: 1.0,
        of: "commit",
    },
];

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let options = options()?;
    println!(
        "Ons Plan benchmark: {} families, {} s per scenario, {} connections, {} cores",
        options.families,
        options.seconds,
        options.connections,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    for backend in &options.backends {
        run_backend(backend, &options)
            .await
            .with_context(|| format!("{backend} benchmark"))?;
    }
    Ok(())
}

async fn run_backend(backend: &str, options: &Options) -> anyhow::Result<()> {
    println!("\n== {backend} ==");
    let database = seed::Database::create(backend)?;
    let started = std::time::Instant::now();
    let world = seed::seed(&database, options.families).await?;
    println!(
        "seeded {} families in {:.1} s",
        options.families,
        started.elapsed().as_secs_f64()
    );
    let server = server::Server::start(&database)?;
    server.wait_until_live().await?;
    let idle_rss = server.rss_kib();
    let tokens = world.tokens(&server.public_url);
    let mut rows: Vec<(Scenario, Stats)> = Vec::new();
    let mut peak_rss = idle_rss;
    let chosen = Scenario::ALL
        .into_iter()
        .enumerate()
        .filter(|(i, s)| *s == Scenario::Bare || options.scenario.is_none_or(|n| n == i + 1));
    for (_, scenario) in chosen {
        let sampler = server.rss_sampler();
        let stats = load::run(
            &server.base_url,
            scenario,
            &tokens,
            options.connections,
            Duration::from_secs(options.seconds),
        )
        .await?;
        peak_rss = peak_rss.max(sampler.stop());
        rows.push((scenario, stats));
    }
    drop(server);
    let commits = seed::raw_commit_rate(&database, Duration::from_secs(3))?;
    report(&rows, commits, idle_rss, peak_rss);
    Ok(())
}

fn report(rows: &[(Scenario, Stats)], commits_per_s: f64, idle_rss: u64, peak_rss: u64) {
    let bare = rows
        .iter()
        .find(|(s, _)| *s == Scenario::Bare)
        .map_or(1.0, |(_, st)| st.per_second);
    println!(
        "{:<34} {:>10} {:>9} {:>9} {:>9} {:>9} {:>8} {:>7}",
        "scenario", "req/s", "p50 ms", "p99 ms", "max ms", "mean ms", "errors", "÷ bare"
    );
    for (scenario, stats) in rows {
        println!(
            "{:<34} {:>10.0} {:>9.2} {:>9.2} {:>9.1} {:>9.2} {:>8} {:>6.0}%",
            scenario.label(),
            stats.per_second,
            stats.p50_ms,
            stats.p99_ms,
            stats.max_ms,
            stats.mean_ms,
            stats.errors,
            100.0 * stats.per_second / bare
        );
    }
    println!(
        "{:<34} {:>10.0}",
        "raw durable commits (1 insert each)", commits_per_s
    );
    println!(
        "server RSS: {} KiB idle, {} KiB peak under load",
        idle_rss, peak_rss
    );
    for target in TARGETS {
        let Some((_, stats)) = rows.iter().find(|(s, _)| *s == target.scenario) else {
            continue;
        };
        let reference = if target.of == "bare" {
            bare
        } else {
            commits_per_s
        };
        let share = stats.per_second / reference;
        let verdict = if share >= target.share {
            "met"
        } else {
            "MISSED"
        };
        println!(
            "target {:<28} {:>5.0}% of {:<6} (needs {:>3.0}%): {verdict}",
            target.scenario.label(),
            100.0 * share,
            target.of,
            100.0 * target.share
        );
    }
}
