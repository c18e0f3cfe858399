//! The outbox worker: a task per server instance that claims due rows, opens and sends each,
//! and records the outcome. A failed try is retried with exponential backoff; after the
//! configured number of tries the row is marked `failed` and a warning is logged. Rows are
//! claimed with a lease, so several instances on one PostgreSQL never send the same row
//! twice; a row whose instance died is picked up again once its lease ends.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use tokio::sync::{watch, Notify};

use super::outbox::Outbox;
use super::transport::Transport;
use crate::config::MailSettings;
use crate::db::models::OutboxRow;
use crate::db::{new_id, now_ms, outbox, Db, DbError};

/// Rows claimed at once.
const BATCH: i64 = 10;
/// How long a claim holds: far longer than a batch can take with the SMTP timeouts.
const LEASE_MS: i64 = 15 * 60 * 1000;

/// How long stopping waits for the message in hand before abandoning it (its claim then
/// lapses and the row is sent again later: at least once, never lost).
const STOP_GRACE: Duration = Duration::from_secs(5);

/// The running worker; [`WorkerHandle::stop`] ends it after the message in hand.
pub struct WorkerHandle {
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl WorkerHandle {
    pub async fn stop(mut self) {
        let _ = self.stop.send(true);
        match tokio::time::timeout(STOP_GRACE, &mut self.task).await {
            Ok(Ok(())) => {}
            Ok(Err(err)) => tracing::error!(error = %err, "the email worker ended abnormally"),
            Err(_) => {
                tracing::warn!("the email worker did not stop in time; abandoning its message");
                self.task.abort();
            }
        }
    }
}

pub struct Worker {
    db: Db,
    outbox: Outbox,
    transport: Transport,
    from: Mailbox,
    settings: MailSettings,
    instance: String,
}

impl Worker {
    pub fn new(
        db: Db,
        outbox: Outbox,
        transport: Transport,
        settings: MailSettings,
    ) -> anyhow::Result<Self> {
        let from = settings
            .from
            .parse()
            .map_err(|err| anyhow::anyhow!("ONSPLAN_MAIL_FROM is not an address: {err}"))?;
        Ok(Self {
            db,
            outbox,
            transport,
            from,
            settings,
            instance: new_id(),
        })
    }

    /// Starts the worker on the current runtime.
    pub fn spawn(self) -> WorkerHandle {
        let (stop, stopped) = watch::channel(false);
        tracing::info!(transport = self.transport.describe(), instance = %self.instance, "email worker started");
        let task = tokio::spawn(self.run(stopped));
        WorkerHandle { stop, task }
    }

    async fn run(self, mut stopped: watch::Receiver<bool>) {
        let wakeup: Arc<Notify> = self.outbox.wakeup();
        let poll = Duration::from_millis(self.settings.poll_ms);
        while !*stopped.borrow() {
            match self.deliver_due(&stopped).await {
                // A full batch: there may be more, go on at once.
                Ok(count) if count as i64 == BATCH => continue,
                Ok(_) => {}
                Err(err) => {
                    tracing::warn!(error = %err, "the email worker could not read the outbox")
                }
            }
            tokio::select! {
                _ = stopped.changed() => {}
                _ = wakeup.notified() => {}
                _ = tokio::time::sleep(poll) => {}
            }
        }
        tracing::info!(instance = %self.instance, "email worker stopped");
    }

    /// Claims one batch and works through it. Returns how many rows were claimed.
    async fn deliver_due(&self, stopped: &watch::Receiver<bool>) -> Result<usize, DbError> {
        let claim = format!("{}:{}", self.instance, new_id());
        let rows = {
            let claim = claim.clone();
            self.db
                .write(move |conn| {
                    let now = now_ms();
                    outbox::claim_due(conn, &claim, now, now + LEASE_MS, BATCH)
                        .map_err(DbError::from)
                })
                .await?
        };
        let count = rows.len();
        for row in rows {
            if *stopped.borrow() {
                // Leave the rest for the next start (or another instance) at once.
                let claim = claim.clone();
                self.db
                    .write(move |conn| outbox::release(conn, &claim).map_err(DbError::from))
                    .await?;
                break;
            }
            self.deliver(&claim, row).await?;
        }
        Ok(count)
    }

    async fn deliver(&self, claim: &str, row: OutboxRow) -> Result<(), DbError> {
        let outcome = match self.outbox.open(&row) {
            Ok(email) => self.transport.send(&row.id, &self.from, &email).await,
            Err(err) => Err(super::transport::SendError {
                message: err.to_string(),
                permanent: true,
            }),
        };
        let attempts = row.attempts + 1;
        let retry_at = match &outcome {
            Ok(()) => None,
            Err(err) if err.permanent || attempts >= self.settings.max_attempts => None,
            Err(_) => Some(now_ms() + self.backoff_ms(attempts)),
        };
        let (id, claim) = (row.id.clone(), claim.to_string());
        let error = outcome.as_ref().err().map(|err| err.message.clone());
        let recorded = self
            .db
            .write(move |conn| -> Result<bool, DbError> {
                Ok(match &error {
                    None => outbox::mark_sent(conn, &id, &claim, now_ms())?,
                    Some(error) => outbox::mark_attempt_failed(conn, &id, &claim, error, retry_at)?,
                })
            })
            .await?;
        match outcome {
            Ok(()) if recorded => tracing::info!(email = %row.id, kind = %row.kind, "email sent"),
            Ok(()) => tracing::warn!(email = %row.id, "email sent, but its claim had expired"),
            Err(err) if retry_at.is_some() => {
                tracing::info!(email = %row.id, attempts, error = %err, "email not sent; will retry")
            }
            Err(err) => tracing::warn!(
                email = %row.id, kind = %row.kind, attempts, error = %err,
                "email given up: marked failed"
            ),
        }
        Ok(())
    }

    /// Wait before try `attempts + 1`: the base doubling per failed try, capped.
    fn backoff_ms(&self, attempts: i64) -> i64 {
        let doublings = (attempts - 1).clamp(0, 30) as u32;
        self.settings
            .retry_base_ms
            .saturating_mul(1_i64 << doublings)
            .min(self.settings.retry_max_ms)
    }
}
