//! SQL for counting failed logins per subject, the store behind login rate limiting. Kept in
//! the database so every server instance sees the same counts.

use diesel::prelude::*;

use super::models::LoginFailureRow;
use super::schema::login_failures as lf;
use super::DbConnection;

pub fn count_since(conn: &mut DbConnection, subject: &str, since: i64) -> QueryResult<i64> {
    lf::table
        .filter(lf::subject.eq(subject))
        .filter(lf::failed_at.ge(since))
        .count()
        .get_result(conn)
}

/// Records one failure and forgets this subject's failures older than `forget_before`.
pub fn record(
    conn: &mut DbConnection,
    row: &LoginFailureRow,
    forget_before: i64,
) -> QueryResult<()> {
    diesel::delete(
        lf::table
            .filter(lf::subject.eq(&row.subject))
            .filter(lf::failed_at.lt(forget_before)),
    )
    .execute(conn)?;
    diesel::insert_into(lf::table)
        .values(row)
        .execute(conn)
        .map(drop)
}
