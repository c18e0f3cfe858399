//! SQL for what is due: the grants of a family that end within a window, its access requests
//! waiting for an answer, and its newest fixed version with how many members stand behind it.
//! Each query is bounded by what it selects (a window, a status, one version).

use diesel::prelude::*;

use super::models::{AccessRequestRow, GrantRow};
use super::schema::{access_requests as ar, grants, memberships, plan_version_endorsements as pve};
use super::versions::VersionRow;
use super::DbConnection;

/// Grants of the family in force at `now` that end before `until`, soonest first.
pub fn grants_ending(
    conn: &mut DbConnection,
    family_id: &str,
    now: i64,
    until: i64,
) -> QueryResult<Vec<GrantRow>> {
    grants::table
        .filter(grants::family_id.eq(family_id))
        .filter(grants::revoked_at.is_null())
        .filter(grants::activated_at.is_not_null())
        .filter(grants::valid_from.le(now))
        .filter(grants::valid_until.gt(now))
        .filter(grants::valid_until.le(until))
        .order((grants::valid_until.asc(), grants::id.asc()))
        .select(GrantRow::as_select())
        .load(conn)
}

/// The family's access requests waiting for an answer, oldest first.
pub fn requests_waiting(
    conn: &mut DbConnection,
    family_id: &str,
) -> QueryResult<Vec<AccessRequestRow>> {
    ar::table
        .filter(ar::family_id.eq(family_id))
        .filter(ar::status.eq("pending"))
        .order((ar::created_at.asc(), ar::id.asc()))
        .select(AccessRequestRow::as_select())
        .load(conn)
}

/// The family's newest fixed version, if any.
pub fn newest_version(conn: &mut DbConnection, family_id: &str) -> QueryResult<Option<VersionRow>> {
    use super::schema::plan_versions as pv;
    pv::table
        .filter(pv::family_id.eq(family_id))
        .order((pv::fixed_at.desc(), pv::id.desc()))
        .select(VersionRow::as_select())
        .first(conn)
        .optional()
}

/// How many of the family's current members stand behind the version.
pub fn endorsing_members(
    conn: &mut DbConnection,
    family_id: &str,
    version_id: &str,
) -> QueryResult<i64> {
    pve::table
        .filter(pve::version_id.eq(version_id))
        .filter(
            pve::user_id.eq_any(
                memberships::table
                    .filter(memberships::family_id.eq(family_id))
                    .select(memberships::user_id),
            ),
        )
        .count()
        .get_result(conn)
}
