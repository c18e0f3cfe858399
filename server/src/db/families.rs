//! SQL for families and memberships.

use diesel::prelude::*;

use super::models::{FamilyRow, MembershipRow};
use super::schema::{families, family_professionals as fp, memberships, users};
use super::DbConnection;

pub fn insert(conn: &mut DbConnection, row: &FamilyRow) -> QueryResult<()> {
    diesel::insert_into(families::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

pub fn insert_membership(conn: &mut DbConnection, row: &MembershipRow) -> QueryResult<()> {
    diesel::insert_into(memberships::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut DbConnection, family_id: &str) -> QueryResult<Option<FamilyRow>> {
    families::table
        .filter(families::id.eq(family_id))
        .select(FamilyRow::as_select())
        .first(conn)
        .optional()
}

/// The caller's role in a family, or `None` when they are not a member.
pub fn role_of(
    conn: &mut DbConnection,
    family_id: &str,
    user_id: &str,
) -> QueryResult<Option<String>> {
    memberships::table
        .filter(memberships::family_id.eq(family_id))
        .filter(memberships::user_id.eq(user_id))
        .select(memberships::role)
        .first(conn)
        .optional()
}

/// How one account stands to one family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// `parent` or `relative` for a member.
    pub role: Option<String>,
    pub family_exists: bool,
    /// Linked to the family as a professional.
    pub linked: bool,
}

/// The caller's role, whether the family exists and whether the caller is linked to it, in
/// one statement (one round trip on PostgreSQL).
pub fn standing(conn: &mut DbConnection, family_id: &str, user_id: &str) -> QueryResult<Standing> {
    let (role, family_exists, linked) = diesel::select((
        memberships::table
            .filter(memberships::family_id.eq(family_id))
            .filter(memberships::user_id.eq(user_id))
            .select(memberships::role)
            .single_value(),
        diesel::dsl::exists(families::table.filter(families::id.eq(family_id))),
        diesel::dsl::exists(
            fp::table
                .filter(fp::family_id.eq(family_id))
                .filter(fp::professional_id.eq(user_id)),
        ),
    ))
    .get_result::<(Option<String>, bool, bool)>(conn)?;
    Ok(Standing {
        role,
        family_exists,
        linked,
    })
}

/// The families a person belongs to, with their role, oldest first.
pub fn list_for_user(
    conn: &mut DbConnection,
    user_id: &str,
) -> QueryResult<Vec<(FamilyRow, String)>> {
    families::table
        .inner_join(memberships::table)
        .filter(memberships::user_id.eq(user_id))
        .order((families::created_at.asc(), families::id.asc()))
        .select((FamilyRow::as_select(), memberships::role))
        .load(conn)
}

/// A family's members with their names, in the order they joined.
pub fn members(
    conn: &mut DbConnection,
    family_id: &str,
) -> QueryResult<Vec<(MembershipRow, String)>> {
    memberships::table
        .inner_join(users::table)
        .filter(memberships::family_id.eq(family_id))
        .order((memberships::joined_at.asc(), memberships::user_id.asc()))
        .select((MembershipRow::as_select(), users::name))
        .load(conn)
}

pub fn set_both_parents_must_agree(
    conn: &mut DbConnection,
    family_id: &str,
    on: bool,
) -> QueryResult<()> {
    diesel::update(families::table.filter(families::id.eq(family_id)))
        .set(families::both_parents_must_agree.eq(on))
        .execute(conn)
        .map(drop)
}

/// Ends `user_id`'s membership of the family. Returns false when there was none.
pub fn delete_membership(
    conn: &mut DbConnection,
    family_id: &str,
    user_id: &str,
) -> QueryResult<bool> {
    let deleted = diesel::delete(
        memberships::table
            .filter(memberships::family_id.eq(family_id))
            .filter(memberships::user_id.eq(user_id)),
    )
    .execute(conn)?;
    Ok(deleted > 0)
}

/// Locks the family row until the caller's transaction ends, so changes of the family's rules
/// take turns (PostgreSQL: `FOR UPDATE`; SQLite's single writer runs every write transaction
/// alone).
pub fn lock(conn: &mut DbConnection, family_id: &str) -> QueryResult<()> {
    match conn {
        DbConnection::Postgresql(pg) => families::table
            .filter(families::id.eq(family_id))
            .select(families::id)
            .for_update()
            .first::<String>(pg)
            .optional()
            .map(drop),
        DbConnection::Sqlite(_) => Ok(()),
    }
}
