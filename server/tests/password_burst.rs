//! The real `onsplan` binary under a burst of password work: 200 parallel activation attempts
//! with made-up links from one address, then 200 parallel logins from 200 addresses (each
//! passes every rate limit, so each needs an argon2 run). The server's resident memory, as the
//! kernel reports it, stays under 200 MiB, and `/healthz` keeps answering within a second.
//! Runs on SQLite, or on a fresh PostgreSQL database with `ONSPLAN_TEST_BACKEND=postgres`.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::{Connection, PgConnection, RunQueryDsl};
use onsplan_shared::routes::{AUTH_ACTIVATE, AUTH_LOGIN, HEALTHZ};

const ATTEMPTS: usize = 200;
const RSS_LIMIT_KIB: u64 = 200 * 1024;
const HEALTH_LIMIT: Duration = Duration::from_secs(1);

/// The server process and its database; dropping it kills the process and removes both.
struct Server {
    child: Child,
    base_url: String,
    data_dir: PathBuf,
    postgres: Option<(String, String)>,
}

impl Server {
    fn start() -> Self {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let data_dir = std::env::temp_dir().join(format!("onsplan-burst-{id}"));
        std::fs::create_dir_all(&data_dir).unwrap();
        let (url, postgres) = match std::env::var("ONSPLAN_TEST_BACKEND").as_deref() {
            Ok("postgres") => {
                let admin = std::env::var("ONSPLAN_TEST_POSTGRES_URL")
                    .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
                let name = format!("onsplan_burst_{id}");
                let mut conn = PgConnection::establish(&admin).expect("PostgreSQL is needed");
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .unwrap();
                let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
                (format!("{base}/{name}"), Some((admin.clone(), name)))
            }
            _ => (
                format!("sqlite://{}", data_dir.join("onsplan.sqlite3").display()),
                None,
            ),
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let base_url = format!("http://127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_onsplan"))
            .arg("serve")
            .env("ONSPLAN_DATA_DIR", &data_dir)
            .env("ONSPLAN_DATABASE_URL", url)
            .env("ONSPLAN_BIND", format!("127.0.0.1:{port}"))
            .env("ONSPLAN_PUBLIC_URL", &base_url)
            .env(
                "ONSPLAN_JWT_SECRET",
                "burst-test-secret-that-is-long-enough-for-hs256",
            )
            .env("ONSPLAN_WEB_DIR", data_dir.join("no-web-app"))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the onsplan binary starts");
        Self {
            child,
            base_url,
            data_dir,
            postgres,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    async fn wait_until_healthy(&self) {
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(response) = client.get(self.url(HEALTHZ)).send().await {
                if response.status().is_success() {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the server did not come up");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some((admin, name)) = &self.postgres {
            if let Ok(mut conn) = PgConnection::establish(admin) {
                let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut conn);
            }
        }
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// The resident memory of `pid` in KiB.
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// What the watchers saw while the burst ran.
#[derive(Default)]
struct Watched {
    peak_rss_kib: AtomicU64,
    slowest_health_ms: AtomicU64,
    failed_health: AtomicU64,
}

/// Samples the server's memory every 20 ms and asks `/healthz` every 100 ms until `stop`.
fn watch(server: &Server, stop: Arc<AtomicBool>) -> (Arc<Watched>, tokio::task::JoinHandle<()>) {
    let watched = Arc::new(Watched::default());
    let pid = server.child.id();
    let health = server.url(HEALTHZ);
    let seen = Arc::clone(&watched);
    let task = tokio::spawn(async move {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap();
        let mut next_health = Instant::now();
        while !stop.load(Ordering::Relaxed) {
            seen.peak_rss_kib.fetch_max(rss_kib(pid), Ordering::Relaxed);
            if Instant::now() >= next_health {
                next_health = Instant::now() + Duration::from_millis(100);
                let started = Instant::now();
                let healthy = client
                    .get(&health)
                    .send()
                    .await
                    .is_ok_and(|r| r.status().is_success());
                let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
                seen.slowest_health_ms.fetch_max(ms, Ordering::Relaxed);
                if !healthy {
                    seen.failed_health.fetch_add(1, Ordering::Relaxed);
                }
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    });
    (watched, task)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_parallel_password_attempts_keep_memory_bounded_and_health_answering() {
    let server = Server::start();
    server.wait_until_healthy().await;
    let stop = Arc::new(AtomicBool::new(false));
    let (watched, watcher) = watch(&server, Arc::clone(&stop));

    // Made-up activation links from one address: refused, never hashed.
    let client = reqwest::Client::new();
    let activations = (0..ATTEMPTS).map(|i| {
        let request = client
            .post(server.url(AUTH_ACTIVATE))
            .json(&serde_json::json!({
                "token": format!("made-up-activation-token-{i}"),
                "password": "een lang genoeg wachtwoord",
            }));
        async move { request.send().await.map(|r| r.status().as_u16()) }
    });
    for status in futures_util::future::join_all(activations).await {
        let status = status.expect("an answer");
        assert!(matches!(status, 422 | 429), "activation answered {status}");
    }

    // Logins from 200 addresses: each needs an argon2 run; they take turns or are told to
    // come back (503), and never all hold their memory at once.
    let logins = (0..ATTEMPTS).map(|i| {
        let from = format!("127.0.{}.{}", 2 + i / 250, 1 + i % 250);
        let client = reqwest::Client::builder()
            .local_address(Some(from.parse().unwrap()))
            .build()
            .unwrap();
        let request = client
            .post(server.url(AUTH_LOGIN))
            .json(&serde_json::json!({
                "email": format!("onbekend{i}@example.nl"),
                "password": "een lang genoeg wachtwoord",
                "token_delivery": "body",
            }));
        async move { request.send().await.map(|r| r.status().as_u16()) }
    });
    for status in futures_util::future::join_all(logins).await {
        let status = status.expect("an answer");
        assert!(matches!(status, 401 | 503), "login answered {status}");
    }

    stop.store(true, Ordering::Relaxed);
    watcher.await.unwrap();
    let peak = watched.peak_rss_kib.load(Ordering::Relaxed);
    let slowest = watched.slowest_health_ms.load(Ordering::Relaxed);
    eprintln!(
        "peak RSS {} MiB, slowest /healthz {slowest} ms",
        peak / 1024
    );
    assert!(peak > 0, "the server's memory could not be read");
    assert!(
        peak < RSS_LIMIT_KIB,
        "the server grew to {} MiB",
        peak / 1024
    );
    assert_eq!(watched.failed_health.load(Ordering::Relaxed), 0);
    assert!(
        u128::from(slowest) < HEALTH_LIMIT.as_millis(),
        "/healthz took {slowest} ms"
    );
}
