//! A small closed-loop load generator: C connections, each sending its next request as soon
//! as the previous one is answered, for a fixed time, on 127.0.0.1 only. Reads go to a random
//! seeded family each time, so the whole database is the working set (what makes 1,000 and
//! 100,000 families comparable); each connection saves into its own family, so conditional
//! saves track their own version.

use std::time::{Duration, Instant};

use onsplan_shared::section::SaveSectionRequest;
use rand::{Rng, SeedableRng};

use crate::seed::{filled, Tokens};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    Bare,
    Plan,
    ProfessionalRead,
    Save,
    DeniedRead,
}

impl Scenario {
    pub const ALL: [Scenario; 5] = [
        Scenario::Bare,
        Scenario::Plan,
        Scenario::ProfessionalRead,
        Scenario::Save,
        Scenario::DeniedRead,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Scenario::Bare => "1 bare handler (/livez)",
            Scenario::Plan => "2 parent reads the whole plan",
            Scenario::ProfessionalRead => "3 professional reads (granted)",
            Scenario::Save => "4 parent saves a section",
            Scenario::DeniedRead => "5 professional read denied",
        }
    }

    /// The status a successful request of this scenario answers with.
    fn expected_status(self) -> u16 {
        match self {
            Scenario::DeniedRead => 404,
            _ => 200,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Stats {
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub mean_ms: f64,
    pub errors: usize,
}

pub async fn run(
    base: &str,
    scenario: Scenario,
    tokens: &Tokens,
    connections: usize,
    duration: Duration,
) -> anyhow::Result<Stats> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(connections)
        .build()?;
    let started = Instant::now();
    let deadline = started + duration;
    // Spawn every connection before awaiting any (a lazy iterator would run them one by one).
    let workers: Vec<_> = (0..connections)
        .map(|worker| {
            let client = client.clone();
            let own = tokens.families[worker % tokens.families.len()].clone();
            let families = tokens.families.clone();
            let base = base.to_string();
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut errors = 0usize;
                let mut version = 1i64;
                let body = SaveSectionRequest {
                    visibility: None,
                    content: filled(onsplan_shared::section::SectionKind::Goals, worker),
                };
                let mut rng = rand::rngs::StdRng::seed_from_u64(worker as u64);
                while Instant::now() < deadline {
                    let (family, parent, professional) = if scenario == Scenario::Save {
                        &own
                    } else {
                        &families[rng.gen_range(0..families.len())]
                    };
                    let request = match scenario {
                        Scenario::Bare => client.get(format!("{base}/livez")),
                        Scenario::Plan => client
                            .get(format!("{base}/api/v1/families/{family}/plan"))
                            .bearer_auth(parent),
                        Scenario::ProfessionalRead => client
                            .get(format!("{base}/api/v1/families/{family}/sections/goals"))
                            .bearer_auth(professional),
                        Scenario::DeniedRead => client
                            .get(format!("{base}/api/v1/families/{family}/sections/concerns"))
                            .bearer_auth(professional),
                        Scenario::Save => client
                            .put(format!("{base}/api/v1/families/{family}/sections/goals"))
                            .bearer_auth(parent)
                            .header("if-match", format!("\"{version}\""))
                            .json(&body),
                    };
                    let sent = Instant::now();
                    match request.send().await {
                        Ok(response) => {
                            let status = response.status().as_u16();
                            let _ = response.bytes().await;
                            latencies.push(sent.elapsed());
                            if status == scenario.expected_status() {
                                version += i64::from(scenario == Scenario::Save);
                            } else {
                                errors += 1;
                            }
                        }
                        Err(_) => errors += 1,
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for worker in workers {
        let (mut l, e) = worker.await?;
        latencies.append(&mut l);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let percentile = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Ok(Stats {
        per_second: (latencies.len() - errors.min(latencies.len())) as f64 / elapsed,
        p50_ms: percentile(0.50),
        p99_ms: percentile(0.99),
        max_ms: latencies.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0),
        mean_ms: latencies
            .iter()
            .map(|d| d.as_secs_f64() * 1000.0)
            .sum::<f64>()
            / latencies.len().max(1) as f64,
        errors,
    })
}
