//! SQL for plan sections and their revisions, including the conditional write that refuses a
//! save based on a stale version.

use diesel::prelude::*;

use super::models::{RevisionRow, SectionRow};
use super::schema::{section_revisions as rev, sections};
use super::DbConnection;

/// The scope of the family's shared sections; private ones use the owner's id.
pub const SHARED_SCOPE: &str = "family";

/// Inserts sections one by one: batch inserts are not portable across both backends.
pub fn insert(conn: &mut DbConnection, rows: &[SectionRow]) -> QueryResult<()> {
    rows.iter().try_for_each(|row| {
        diesel::insert_into(sections::table)
            .values(row)
            .execute(conn)
            .map(drop)
    })
}

pub fn find(
    conn: &mut DbConnection,
    family_id: &str,
    scope: &str,
    kind: &str,
) -> QueryResult<Option<SectionRow>> {
    sections::table
        .filter(sections::family_id.eq(family_id))
        .filter(sections::scope.eq(scope))
        .filter(sections::kind.eq(kind))
        .select(SectionRow::as_select())
        .first(conn)
        .optional()
}

pub fn list(conn: &mut DbConnection, family_id: &str, scope: &str) -> QueryResult<Vec<SectionRow>> {
    sections::table
        .filter(sections::family_id.eq(family_id))
        .filter(sections::scope.eq(scope))
        .select(SectionRow::as_select())
        .load(conn)
}

/// The new state of a section after a save.
pub struct SectionWrite<'a> {
    pub visibility: &'a str,
    pub content: &'a str,
    pub saved_by: &'a str,
    pub saved_at: i64,
}

/// Writes the section only if it is still at `expected_version`, bumping the version.
/// Returns false (and writes nothing) when another save got there first.
pub fn update_if_version(
    conn: &mut DbConnection,
    section_id: &str,
    expected_version: i64,
    write: &SectionWrite<'_>,
) -> QueryResult<bool> {
    let updated = diesel::update(
        sections::table
            .filter(sections::id.eq(section_id))
            .filter(sections::version.eq(expected_version)),
    )
    .set((
        sections::version.eq(expected_version + 1),
        sections::visibility.eq(write.visibility),
        sections::content.eq(write.content),
        sections::updated_at.eq(Some(write.saved_at)),
        sections::updated_by.eq(Some(write.saved_by)),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

pub fn insert_revision(conn: &mut DbConnection, row: &RevisionRow) -> QueryResult<()> {
    diesel::insert_into(rev::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// A section's revisions, newest first.
pub fn revisions(conn: &mut DbConnection, section_id: &str) -> QueryResult<Vec<RevisionRow>> {
    rev::table
        .filter(rev::section_id.eq(section_id))
        .order(rev::version.desc())
        .select(RevisionRow::as_select())
        .load(conn)
}
