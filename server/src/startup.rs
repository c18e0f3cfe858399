//! Building and running the server: `Application::build` takes the SQLite database's lock
//! (one server per file, released when the application ends), migrates, opens storage and binds
//! the listener (port 0 picks a free one, as the tests do) and starts the email outbox worker;
//! `run_until_stopped` serves, then stops the worker.

use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};
use anyhow::Context;

use crate::auth::jwt::JwtKeys;
use crate::clock::Clock;
use crate::config::{Settings, MAX_ACCESS_TOKEN_SECS};
use crate::db::lock::DatabaseLock;
use crate::db::{self, DatabaseUrl, Db};
use crate::email::outbox::Outbox;
use crate::email::seal::Sealer;
use crate::email::transport::Transport;
use crate::email::worker::{Worker, WorkerHandle};
use crate::http;
use crate::reminders::scheduler::{Scheduler, SchedulerHandle};
use crate::routes;
use crate::state::AppState;

pub struct Application {
    port: u16,
    server: Server,
    db: Db,
    worker: WorkerHandle,
    scheduler: SchedulerHandle,
    clock: Clock,
    /// Held until the application is dropped (SQLite only).
    _lock: Option<DatabaseLock>,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        anyhow::ensure!(
            settings.access_token_secs > 0 && settings.access_token_secs <= MAX_ACCESS_TOKEN_SECS,
            "access tokens must live between 1 second and 15 minutes"
        );
        let lock = match &settings.database_url {
            DatabaseUrl::Sqlite(path) => Some(DatabaseLock::acquire(Path::new(path))?),
            DatabaseUrl::Postgres(_) => None,
        };
        let url = settings.database_url.clone();
        let applied = tokio::task::spawn_blocking(move || db::migrate(&url)).await??;
        for migration in applied {
            tracing::info!(%migration, "migration applied");
        }
        // Compute the decoy password hash now, so the first login for an unknown account is
        // not slower than later ones.
        tokio::task::spawn_blocking(crate::auth::password::decoy_hash).await?;
        let db = Db::connect(&settings.database_url, settings.db_max_connections)
            .context("cannot open the database")?;
        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("cannot listen on {}", settings.bind))?;
        let port = listener.local_addr()?.port();
        tracing::info!(
            backend = db.backend(),
            address = %listener.local_addr()?,
            public_url = %settings.public_url,
            "Ons Plan is listening"
        );
        let outbox = Outbox::new(Sealer::from_settings(&settings), &settings.public_url);
        let transport = Transport::from_settings(&settings)?;
        let worker =
            Worker::new(db.clone(), outbox.clone(), transport, settings.mail.clone())?.spawn();
        let clock = if settings.reminders.test_clock {
            tracing::warn!("ONSPLAN_TEST_CLOCK=1: the scheduling clock can be moved by tests");
            Clock::movable()
        } else {
            Clock::real()
        };
        let scheduler = Scheduler::new(
            db.clone(),
            outbox.clone(),
            clock.clone(),
            settings.reminders.clone(),
        )
        .spawn();
        let server = run(listener, db.clone(), outbox, clock.clone(), settings)?;
        Ok(Self {
            port,
            server,
            db,
            worker,
            scheduler,
            clock,
            _lock: lock,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The storage handle, for tests that set up data through the service layer.
    pub fn db(&self) -> Db {
        self.db.clone()
    }

    /// The scheduling clock (tests started with `ONSPLAN_TEST_CLOCK=1` move it).
    pub fn clock(&self) -> Clock {
        self.clock.clone()
    }

    /// A handle to stop the server gracefully.
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// Serves until the server is stopped, then stops the email worker (queued email stays in
    /// the outbox for the next start).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let served = self.server.await;
        self.scheduler.stop().await;
        self.worker.stop().await;
        served
    }
}

fn run(
    listener: TcpListener,
    db: Db,
    outbox: Outbox,
    clock: Clock,
    settings: Settings,
) -> anyhow::Result<Server> {
    let workers = settings.workers;
    let jwt = JwtKeys::new(
        &settings.jwt_secret,
        &settings.public_url,
        settings.access_token_secs,
    );
    let state = web::Data::new(AppState {
        db,
        jwt,
        settings: Arc::new(settings),
        outbox,
        clock,
    });
    let mut server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(http::json_config())
            .app_data(http::path_config())
            .app_data(http::query_config())
            .wrap(from_fn(http::headers::security_headers))
            .wrap(from_fn(http::logging::log_requests))
            .configure(routes::configure)
            .default_service(web::to(http::webapp::fallback))
    })
    .listen(listener)?;
    if let Some(workers) = workers {
        server = server.workers(workers);
    }
    Ok(server.run())
}
