//! SQL for rate-limit counters: hits per (scope, subject) in a window that starts at the
//! subject's first hit, shared by every instance. A hit is counted with one conditional
//! `UPDATE` (on PostgreSQL the row lock makes parallel hits wait for each other; SQLite has
//! one writer), so the count a caller reads back already includes every hit before it.

use diesel::prelude::*;

use super::models::RateCounterRow;
use super::schema::rate_counters as rc;
use super::{is_unique_violation, DbConnection};

/// How often a lost insert race is retried; the next try finds the winner's row.
const TRIES: usize = 3;

/// A window's count after a hit, and when the window ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub hits: i64,
    pub expires_at: i64,
}

/// The count of `subject`'s current window in `scope`, read without taking its row lock.
pub fn current(
    conn: &mut DbConnection,
    scope: &str,
    subject: &str,
    now: i64,
) -> QueryResult<Option<Count>> {
    rc::table
        .filter(rc::scope.eq(scope))
        .filter(rc::subject.eq(subject))
        .filter(rc::expires_at.gt(now))
        .select((rc::hits, rc::expires_at))
        .first(conn)
        .optional()
        .map(|found| found.map(|(hits, expires_at)| Count { hits, expires_at }))
}

/// Adds one hit to `subject` in `scope` and returns the count of its current window,
/// including this hit. A window that has ended starts again at `now` and lasts `window_ms`.
/// The first hit of a subject inserts its row; when a parallel transaction inserted it
/// first, the hit is counted on that row.
pub fn hit(
    conn: &mut DbConnection,
    scope: &str,
    subject: &str,
    now: i64,
    window_ms: i64,
) -> QueryResult<Count> {
    let key = || {
        rc::table
            .filter(rc::scope.eq(scope))
            .filter(rc::subject.eq(subject))
    };
    for _ in 0..TRIES {
        let counted = diesel::update(key().filter(rc::expires_at.gt(now)))
            .set(rc::hits.eq(rc::hits + 1))
            .execute(conn)?;
        if counted == 1 {
            // Our own update is visible to us, and the row stays locked until we commit.
            let (hits, expires_at) = key().select((rc::hits, rc::expires_at)).first(conn)?;
            return Ok(Count { hits, expires_at });
        }
        let fresh = Count {
            hits: 1,
            expires_at: now + window_ms,
        };
        let restarted = diesel::update(key().filter(rc::expires_at.le(now)))
            .set((
                rc::hits.eq(1),
                rc::window_start.eq(now),
                rc::expires_at.eq(fresh.expires_at),
            ))
            .execute(conn)?;
        if restarted == 1 {
            return Ok(fresh);
        }
        let row = RateCounterRow {
            scope: scope.to_string(),
            subject: subject.to_string(),
            window_start: now,
            expires_at: fresh.expires_at,
            hits: 1,
        };
        // In a savepoint: on PostgreSQL a lost race must not abort the caller's transaction.
        let inserted = conn.transaction(|conn| {
            diesel::insert_into(rc::table)
                .values(&row)
                .execute(conn)
                .map(drop)
        });
        match inserted {
            Ok(()) => return Ok(fresh),
            Err(err) if is_unique_violation(&err) => continue,
            Err(err) => return Err(err),
        }
    }
    Err(diesel::result::Error::NotFound)
}

/// Takes back one hit of `subject` in `scope` (a request that turned out not to count, such
/// as a login with the right password).
pub fn take_back(conn: &mut DbConnection, scope: &str, subject: &str) -> QueryResult<()> {
    diesel::update(
        rc::table
            .filter(rc::scope.eq(scope))
            .filter(rc::subject.eq(subject))
            .filter(rc::hits.gt(0)),
    )
    .set(rc::hits.eq(rc::hits - 1))
    .execute(conn)
    .map(drop)
}

/// Up to `limit` subjects whose window ended before `before`, for [`forget`].
pub fn ended(
    conn: &mut DbConnection,
    before: i64,
    limit: i64,
) -> QueryResult<Vec<(String, String)>> {
    rc::table
        .filter(rc::expires_at.lt(before))
        .select((rc::scope, rc::subject))
        .limit(limit)
        .load(conn)
}

/// Forgets one subject's window if it still ended before `before`. One row per statement, so
/// a clean-up never holds one row while waiting for another (no deadlock with counting).
pub fn forget(conn: &mut DbConnection, scope: &str, subject: &str, before: i64) -> QueryResult<()> {
    diesel::delete(
        rc::table
            .filter(rc::scope.eq(scope))
            .filter(rc::subject.eq(subject))
            .filter(rc::expires_at.lt(before)),
    )
    .execute(conn)
    .map(drop)
}
