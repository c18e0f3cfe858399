//! SQL for fixed versions of the plan: the version rows, their section snapshots and who
//! stands behind them. Rows are plain text and numbers; the service parses them into types.

use diesel::prelude::*;

use super::schema::plan_version_endorsements as pve;
use super::schema::plan_version_sections as pvs;
use super::schema::plan_versions as pv;
use super::DbConnection;

/// A fixed version of a family's plan.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = pv)]
pub struct VersionRow {
    pub id: String,
    pub family_id: String,
    pub title: String,
    /// ISO date, `YYYY-MM-DD`.
    pub agreed_on: String,
    pub fixed_by: String,
    pub fixed_at: i64,
}

/// One shared section as it was when its version was fixed.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = pvs)]
pub struct VersionSectionRow {
    pub version_id: String,
    pub kind: String,
    pub visibility: String,
    pub section_version: i64,
    pub content: String,
}

/// A member standing behind a version.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = pve)]
pub struct EndorsementRow {
    pub version_id: String,
    pub user_id: String,
    pub endorsed_at: i64,
}

/// Stores a version and its snapshot (call inside one transaction with the reads it copies).
pub fn insert(
    conn: &mut DbConnection,
    version: &VersionRow,
    sections: &[VersionSectionRow],
) -> QueryResult<()> {
    diesel::insert_into(pv::table)
        .values(version)
        .execute(conn)?;
    // One statement per row: the two-backend connection has no multi-row insert.
    for section in sections {
        diesel::insert_into(pvs::table)
            .values(section)
            .execute(conn)?;
    }
    Ok(())
}

/// A family's versions, newest first.
pub fn list(conn: &mut DbConnection, family_id: &str) -> QueryResult<Vec<VersionRow>> {
    pv::table
        .filter(pv::family_id.eq(family_id))
        .order((pv::fixed_at.desc(), pv::id.desc()))
        .select(VersionRow::as_select())
        .load(conn)
}

/// One version of this family; a version of another family is not found.
pub fn find(
    conn: &mut DbConnection,
    family_id: &str,
    version_id: &str,
) -> QueryResult<Option<VersionRow>> {
    pv::table
        .filter(pv::family_id.eq(family_id))
        .filter(pv::id.eq(version_id))
        .select(VersionRow::as_select())
        .first(conn)
        .optional()
}

/// The sections a version holds.
pub fn sections(conn: &mut DbConnection, version_id: &str) -> QueryResult<Vec<VersionSectionRow>> {
    pvs::table
        .filter(pvs::version_id.eq(version_id))
        .select(VersionSectionRow::as_select())
        .load(conn)
}

/// Who stands behind the given versions, oldest endorsement first.
pub fn endorsements(
    conn: &mut DbConnection,
    version_ids: &[String],
) -> QueryResult<Vec<EndorsementRow>> {
    if version_ids.is_empty() {
        return Ok(Vec::new());
    }
    pve::table
        .filter(pve::version_id.eq_any(version_ids))
        .order((pve::endorsed_at.asc(), pve::user_id.asc()))
        .select(EndorsementRow::as_select())
        .load(conn)
}

/// Adds an endorsement; fails with a unique violation when this member already endorsed.
pub fn endorse(conn: &mut DbConnection, row: &EndorsementRow) -> QueryResult<()> {
    diesel::insert_into(pve::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Takes an endorsement back; nothing happens when there was none.
pub fn withdraw(conn: &mut DbConnection, version_id: &str, user_id: &str) -> QueryResult<()> {
    diesel::delete(
        pve::table
            .filter(pve::version_id.eq(version_id))
            .filter(pve::user_id.eq(user_id)),
    )
    .execute(conn)
    .map(drop)
}
