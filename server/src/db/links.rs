//! SQL for the links between families and the professionals assigned to them.

use diesel::prelude::*;

use super::models::{FamilyRow, LinkRow, UserRow};
use super::schema::{families, family_professionals as fp, users};
use super::DbConnection;

pub fn insert(conn: &mut DbConnection, row: &LinkRow) -> QueryResult<()> {
    diesel::insert_into(fp::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Locks a professional's link to a family until the caller's transaction ends, so that
/// concurrent requests by that professional to that family take turns (PostgreSQL: `FOR
/// UPDATE`; SQLite's single writer runs every write transaction alone).
pub fn lock(conn: &mut DbConnection, family_id: &str, professional_id: &str) -> QueryResult<()> {
    match conn {
        DbConnection::Postgresql(pg) => fp::table
            .filter(fp::family_id.eq(family_id))
            .filter(fp::professional_id.eq(professional_id))
            .select(fp::family_id)
            .for_update()
            .first::<String>(pg)
            .optional()
            .map(drop),
        DbConnection::Sqlite(_) => Ok(()),
    }
}

pub fn is_linked(
    conn: &mut DbConnection,
    family_id: &str,
    professional_id: &str,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        fp::table
            .filter(fp::family_id.eq(family_id))
            .filter(fp::professional_id.eq(professional_id)),
    ))
    .get_result(conn)
}

/// Removes a professional's link to a family. Returns false when there was none.
pub fn delete(
    conn: &mut DbConnection,
    family_id: &str,
    professional_id: &str,
) -> QueryResult<bool> {
    let removed = diesel::delete(
        fp::table
            .filter(fp::family_id.eq(family_id))
            .filter(fp::professional_id.eq(professional_id)),
    )
    .execute(conn)?;
    Ok(removed > 0)
}

/// A family's professionals with their accounts, in the order they were linked.
pub fn for_family(
    conn: &mut DbConnection,
    family_id: &str,
) -> QueryResult<Vec<(LinkRow, UserRow)>> {
    fp::table
        .inner_join(users::table)
        .filter(fp::family_id.eq(family_id))
        .order((fp::linked_at.asc(), fp::professional_id.asc()))
        .select((LinkRow::as_select(), UserRow::as_select()))
        .load(conn)
}

/// The families a professional is linked to.
pub fn families_of(conn: &mut DbConnection, professional_id: &str) -> QueryResult<Vec<FamilyRow>> {
    fp::table
        .inner_join(families::table)
        .filter(fp::professional_id.eq(professional_id))
        .order((fp::linked_at.asc(), fp::family_id.asc()))
        .select(FamilyRow::as_select())
        .load(conn)
}
