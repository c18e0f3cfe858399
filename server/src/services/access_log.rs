//! Reading a family's access log: parents only, newest first, filterable by person, section
//! and period, and never rows about another parent's private sections.

use onsplan_shared::access_log::{
    AccessLogEntry, AccessLogQuery, ActorRole, LogAction, LogOutcome,
};
use onsplan_shared::section::SectionKind;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::access_log::{self, LogFilter};
use crate::db::models::AccessLogRow;
use crate::db::{to_utc, Db};
use crate::errors::{AppError, AppResult};
use crate::services::families::require_parent;

/// Most rows one read returns.
pub const MAX_ROWS: i64 = 500;

pub async fn read(
    db: &Db,
    user: &AuthUser,
    family: Uuid,
    query: AccessLogQuery,
) -> AppResult<Vec<AccessLogEntry>> {
    let user_id = user.id.clone();
    db.read(move |conn| {
        let family_id = family.to_string();
        require_parent(conn, &family_id, &user_id)?;
        let filter = LogFilter {
            actor_id: query.actor.map(|a| a.to_string()),
            section_kind: query.section.map(|s| s.as_str().to_string()),
            from_ms: query.from.map(|t| t.timestamp_millis()),
            until_ms: query.until.map(|t| t.timestamp_millis()),
            reader_id: user_id,
            limit: MAX_ROWS,
        };
        access_log::for_family(conn, &family_id, &filter)?
            .iter()
            .map(to_entry)
            .collect()
    })
    .await
}

fn to_entry(row: &AccessLogRow) -> AppResult<AccessLogEntry> {
    let corrupt = || AppError::Internal(anyhow::anyhow!("stored access log row cannot be read"));
    Ok(AccessLogEntry {
        id: row.id.parse().map_err(|_| corrupt())?,
        occurred_at: to_utc(row.occurred_at),
        actor_id: row.actor_id.as_deref().and_then(|a| a.parse().ok()),
        actor_name: row.actor_name.clone(),
        actor_role: ActorRole::parse(&row.actor_role).ok_or_else(corrupt)?,
        organisation: row.actor_org_name.clone(),
        section: row.section_kind.as_deref().and_then(SectionKind::parse),
        section_version: row.section_version,
        action: LogAction::parse(&row.action).ok_or_else(corrupt)?,
        outcome: LogOutcome::parse(&row.outcome).ok_or_else(corrupt)?,
        basis: row.basis.clone(),
        denial_reason: row.denial_reason.clone(),
    })
}
