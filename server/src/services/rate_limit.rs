//! Rate limits, counted in the database before the work they protect: every instance sees the
//! same counts, and parallel requests cannot all slip under a limit none of them has reached
//! yet. A limit is a scope, a number of hits and a window that starts at a subject's first
//! hit. Subjects (IP addresses, email addresses) are stored as their SHA-256. A subject whose
//! window is full is refused from a plain read, so a flood of refused requests never queues
//! on the counter's row lock.

use std::sync::atomic::{AtomicI64, Ordering};

use crate::auth::tokens::hash_token;
use crate::db::{now_ms, rate_counters, Db, DbConnection};
use crate::errors::{AppError, AppResult};

/// At most `max_hits` per subject in `window_ms`.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub scope: &'static str,
    pub max_hits: i64,
    pub window_ms: i64,
}

/// One hit that was counted, so that it can be taken back.
#[derive(Debug, Clone)]
pub struct Counted {
    scope: &'static str,
    subject: String,
}

/// How long an ended window is kept before a clean-up forgets it.
const KEEP_ENDED_MS: i64 = 60 * 60 * 1000;
/// At most one clean-up per instance per this long.
const CLEAN_UP_EVERY_MS: i64 = 60 * 1000;
/// Ended windows forgotten per clean-up.
const CLEAN_UP_BATCH: i64 = 200;

impl Limit {
    /// Counts one hit of `subject` in the caller's transaction. Over the limit it is
    /// [`AppError::RateLimited`] with the seconds until the window ends; the caller's
    /// transaction then rolls back, so a refused request is not counted.
    pub fn count(&self, conn: &mut DbConnection, subject: &str, now: i64) -> AppResult<Counted> {
        let subject = hash_token(subject);
        if let Some(full) = rate_counters::current(conn, self.scope, &subject, now)?
            .filter(|count| count.hits >= self.max_hits)
        {
            return Err(refusal(full.expires_at, now));
        }
        let count = rate_counters::hit(conn, self.scope, &subject, now, self.window_ms)?;
        if count.hits > self.max_hits {
            return Err(refusal(count.expires_at, now));
        }
        Ok(Counted {
            scope: self.scope,
            subject,
        })
    }
}

impl Counted {
    /// Takes this hit back in the caller's transaction.
    pub fn take_back(&self, conn: &mut DbConnection) -> AppResult<()> {
        Ok(rate_counters::take_back(conn, self.scope, &self.subject)?)
    }
}

/// Counts one hit for each (limit, subject), in this order, in the caller's transaction: the
/// first full limit refuses the request (and the caller's rollback takes back the others).
pub fn count_in(
    conn: &mut DbConnection,
    hits: &[(Limit, String)],
    now: i64,
) -> AppResult<Vec<Counted>> {
    hits.iter()
        .map(|(limit, subject)| limit.count(conn, subject, now))
        .collect()
}

/// [`count_in`] in a transaction of its own.
pub async fn count(db: &Db, hits: Vec<(Limit, String)>) -> AppResult<Vec<Counted>> {
    let counted = db
        .write(move |conn| count_in(conn, &hits, now_ms()))
        .await?;
    clean_up_now_and_then(db).await;
    Ok(counted)
}

/// The answer to a request over its limit in a window that ends at `expires_at`.
fn refusal(expires_at: i64, now: i64) -> AppError {
    let wait_secs = ((expires_at - now).max(0) + 999) / 1000;
    AppError::RateLimited {
        retry_after_secs: u64::try_from(wait_secs.max(1)).unwrap_or(1),
    }
}

/// Forgets windows that ended a while ago, at most once a minute per instance, one row per
/// transaction. A failed clean-up is only logged: the next one tries again.
pub async fn clean_up_now_and_then(db: &Db) {
    static LAST: AtomicI64 = AtomicI64::new(0);
    let now = now_ms();
    let last = LAST.load(Ordering::Relaxed);
    if now - last < CLEAN_UP_EVERY_MS
        || LAST
            .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
            .is_err()
    {
        return;
    }
    let before = now - KEEP_ENDED_MS;
    let ended = db
        .read(move |conn| -> AppResult<_> {
            Ok(rate_counters::ended(conn, before, CLEAN_UP_BATCH)?)
        })
        .await;
    let result = match ended {
        Ok(ended) => {
            let mut result = Ok(());
            for (scope, subject) in ended {
                result = db
                    .write(move |conn| -> AppResult<()> {
                        Ok(rate_counters::forget(conn, &scope, &subject, before)?)
                    })
                    .await;
                if result.is_err() {
                    break;
                }
            }
            result
        }
        Err(err) => Err(err),
    };
    if let Err(err) = result {
        tracing::warn!(error = %err, "forgetting ended rate-limit windows failed");
    }
}
