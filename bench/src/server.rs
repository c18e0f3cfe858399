//! The release `onsplan` binary, started as an operator would, on a free port of 127.0.0.1,
//! and its memory as the kernel reports it.

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::seed::{Database, JWT_SECRET};

pub struct Server {
    child: Child,
    pub base_url: String,
    pub public_url: String,
}

impl Server {
    pub fn start(database: &Database) -> anyhow::Result<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        Self::start_on(database, port)
    }

    /// Starts the server on a given port (a restart after a crash keeps its address).
    pub fn start_on(database: &Database, port: u16) -> anyhow::Result<Self> {
        let binary =
            std::env::var("ONSPLAN_BIN").unwrap_or_else(|_| "target/release/onsplan".into());
        let base_url = format!("http://127.0.0.1:{port}");
        let child = Command::new(binary)
            .arg("serve")
            .env("ONSPLAN_DATA_DIR", &database.data_dir)
            .env("ONSPLAN_DATABASE_URL", &database.url)
            .env("ONSPLAN_BIND", format!("127.0.0.1:{port}"))
            .env("ONSPLAN_PUBLIC_URL", &base_url)
            .env("ONSPLAN_JWT_SECRET", JWT_SECRET)
            .env(
                "RUST_LOG",
                std::env::var("ONSPLAN_BENCH_LOG").unwrap_or_else(|_| "warn".into()),
            )
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()?;
        Ok(Self {
            child,
            public_url: base_url.clone(),
            base_url,
        })
    }

    pub async fn wait_until_live(&self) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let client = reqwest::Client::new();
        while Instant::now() < deadline {
            if client
                .get(format!("{}/livez", self.base_url))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        anyhow::bail!("the server did not come up")
    }

    /// Kills the process the hard way (SIGKILL), as a power cut would.
    pub fn kill_hard(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn rss_kib(&self) -> u64 {
        rss_kib(self.child.id())
    }

    /// Samples the server's RSS every 100 ms until stopped; returns the peak.
    pub fn rss_sampler(&self) -> RssSampler {
        let pid = self.child.id();
        let peak = Arc::new(AtomicU64::new(0));
        let running = Arc::new(AtomicBool::new(true));
        let thread = {
            let (peak, running) = (peak.clone(), running.clone());
            std::thread::spawn(move || {
                while running.load(Ordering::Relaxed) {
                    peak.fetch_max(rss_kib(pid), Ordering::Relaxed);
                    std::thread::sleep(Duration::from_millis(100));
                }
            })
        };
        RssSampler {
            peak,
            running,
            thread: Some(thread),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct RssSampler {
    peak: Arc<AtomicU64>,
    running: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl RssSampler {
    pub fn stop(mut self) -> u64 {
        self.running.store(false, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.peak.load(Ordering::Relaxed)
    }
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kib| kib.parse().ok())
        })
        .unwrap_or(0)
}
