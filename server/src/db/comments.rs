//! SQL for comments on shared sections.

use diesel::prelude::*;

use super::models::CommentRow;
use super::schema::section_comments as sc;
use super::DbConnection;

pub fn insert(conn: &mut DbConnection, row: &CommentRow) -> QueryResult<()> {
    diesel::insert_into(sc::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// A section's comments, oldest first.
pub fn for_section(
    conn: &mut DbConnection,
    family_id: &str,
    kind: &str,
) -> QueryResult<Vec<CommentRow>> {
    sc::table
        .filter(sc::family_id.eq(family_id))
        .filter(sc::section_kind.eq(kind))
        .order((sc::created_at.asc(), sc::id.asc()))
        .select(CommentRow::as_select())
        .load(conn)
}
