//! SQL for the access log. Append and read, plus one update: counting one more refused attempt
//! on the row of its group ([`count_again`]). This module is the one place that touches the
//! table, and it has no other update and no delete.

use diesel::prelude::*;

use super::models::AccessLogRow;
use super::schema::access_log as log;
use super::DbConnection;

pub fn append(conn: &mut DbConnection, row: &AccessLogRow) -> QueryResult<()> {
    diesel::insert_into(log::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Counts one more refused attempt on the row with `group_key`. Returns false when there is
/// no such row yet. One statement, so concurrent attempts never lose a count.
pub fn count_again(conn: &mut DbConnection, group_key: &str) -> QueryResult<bool> {
    let changed = diesel::update(log::table.filter(log::group_key.eq(group_key)))
        .set(log::attempts.eq(log::attempts + 1))
        .execute(conn)?;
    Ok(changed > 0)
}

/// Where a page of the log starts: rows strictly older than this one in the reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Before {
    pub occurred_at: i64,
    pub id: String,
}

/// What a reader of a family's log asks for. `None` means "any".
#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    pub actor_id: Option<String>,
    pub section_kind: Option<String>,
    pub from_ms: Option<i64>,
    pub until_ms: Option<i64>,
    /// Rows about another parent's private sections are left out for this reader.
    pub reader_id: String,
    pub before: Option<Before>,
    pub limit: i64,
}

/// A family's log rows, newest first, without rows about other people's private sections.
pub fn for_family(
    conn: &mut DbConnection,
    family_id: &str,
    filter: &LogFilter,
) -> QueryResult<Vec<AccessLogRow>> {
    let mut query = log::table
        .filter(log::family_id.eq(family_id))
        .filter(
            log::section_owner_id
                .is_null()
                .or(log::section_owner_id.eq(&filter.reader_id)),
        )
        .into_boxed();
    if let Some(actor) = &filter.actor_id {
        query = query.filter(log::actor_id.eq(actor));
    }
    if let Some(kind) = &filter.section_kind {
        query = query.filter(log::section_kind.eq(kind));
    }
    if let Some(from) = filter.from_ms {
        query = query.filter(log::occurred_at.ge(from));
    }
    if let Some(until) = filter.until_ms {
        query = query.filter(log::occurred_at.lt(until));
    }
    if let Some(before) = &filter.before {
        query = query.filter(
            log::occurred_at.lt(before.occurred_at).or(log::occurred_at
                .eq(before.occurred_at)
                .and(log::id.lt(&before.id))),
        );
    }
    query
        .order((log::occurred_at.desc(), log::id.desc()))
        .limit(filter.limit)
        .select(AccessLogRow::as_select())
        .load(conn)
}
