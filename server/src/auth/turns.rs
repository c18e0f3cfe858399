//! Requests that end in password work (register, log in, activate) take turns: at most
//! [`PER_CORE`] per core are in progress at once, counting, looking up and hashing. A burst
//! of them then queues here instead of on the database pool, so the rest of the service (and
//! `/healthz`) keeps its connections. A request that gets no turn within
//! [`crate::auth::password::QUEUE_WAIT`] is [`AppError::Busy`] (503 with `Retry-After`).

use std::sync::{Arc, OnceLock};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::auth::password::QUEUE_WAIT;
use crate::errors::{AppError, AppResult};

/// Password requests in progress per core.
pub const PER_CORE: usize = 4;

/// Held while a password request is in progress.
pub struct Turn(#[allow(dead_code)] OwnedSemaphorePermit);

/// Waits for a turn, at most [`QUEUE_WAIT`].
pub async fn take() -> AppResult<Turn> {
    let turn = tokio::time::timeout(QUEUE_WAIT, Arc::clone(turns()).acquire_owned())
        .await
        .map_err(|_| AppError::Busy)?
        .map_err(|err| AppError::Internal(err.into()))?;
    Ok(Turn(turn))
}

fn turns() -> &'static Arc<Semaphore> {
    static TURNS: OnceLock<Arc<Semaphore>> = OnceLock::new();
    TURNS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Arc::new(Semaphore::new(PER_CORE * cores))
    })
}
