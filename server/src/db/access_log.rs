//! SQL for the access log. Append and read only: this module is the one place that touches
//! the table, and it has no update or delete.

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

/// What a reader of a family's log asks for. `None` means "any".
#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    pub actor_id: Option<String>,
    pub section_kind: Option<String>,
    pub from_ms: Option<i64>,
    pub until_ms: Option<i64>,
    /// Rows about another parent's private sections are left out for this reader.
    pub reader_id: String,
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
    query
        .order((log::occurred_at.desc(), log::id.desc()))
        .limit(filter.limit)
        .select(AccessLogRow::as_select())
        .load(conn)
}
