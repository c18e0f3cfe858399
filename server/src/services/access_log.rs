//! Reading a family's access log: parents only, newest first, a page at a time (an opaque
//! cursor names where the next page starts), filterable by person, section and period, and
//! never rows about another parent's private sections.

use onsplan_shared::access_log::{
    AccessLogEntry, AccessLogPage, AccessLogQuery, ActorRole, LogAction, LogOutcome,
};
use onsplan_shared::section::SectionKind;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::access_log::{self, Before, LogFilter};
use crate::db::models::AccessLogRow;
use crate::db::{to_utc, Db};
use crate::errors::{AppError, AppResult};
use crate::policy::{Action, Resource};
use crate::services::access::{self, Ask, Asking};

/// Most rows one page holds.
pub const MAX_ROWS: u32 = 500;
/// Rows in a page when the reader names no limit.
pub const DEFAULT_ROWS: u32 = 100;

/// The cursor of the page after `row`: its time and id, in the reading order.
pub fn cursor_after(row: &AccessLogRow) -> String {
    format!("{}.{}", row.occurred_at, row.id)
}

/// Reads a cursor back; anything the server did not make is refused (400).
pub fn parse_cursor(cursor: &str) -> AppResult<Before> {
    let bad = || AppError::BadRequest("before is not a cursor from this log".into());
    let (at, id) = cursor.split_once('.').ok_or_else(bad)?;
    let occurred_at = at.parse::<i64>().map_err(|_| bad())?;
    let id = id.parse::<Uuid>().map_err(|_| bad())?;
    Ok(Before {
        occurred_at,
        id: id.to_string(),
    })
}

/// The page size asked for, within bounds.
pub fn page_size(limit: Option<u32>) -> AppResult<u32> {
    match limit.unwrap_or(DEFAULT_ROWS) {
        0 => Err(AppError::BadRequest("limit must be at least 1".into())),
        n => Ok(n.min(MAX_ROWS)),
    }
}

pub async fn read(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    query: AccessLogQuery,
) -> AppResult<AccessLogPage> {
    let user_id = user.id.clone();
    let before = query.before.as_deref().map(parse_cursor).transpose()?;
    let size = page_size(query.limit)?;
    let ask = Ask::new(Resource::AccessLog, Action::Read, LogAction::Read).about("access_log");
    access::read(
        db,
        Asking::new(user, family, request_id),
        |_, _| access::plain(ask),
        move |conn, _, ()| {
            let family_id = family.to_string();
            let filter = LogFilter {
                actor_id: query.actor.map(|a| a.to_string()),
                section_kind: query.section.map(|s| s.as_str().to_string()),
                from_ms: query.from.map(|t| t.timestamp_millis()),
                until_ms: query.until.map(|t| t.timestamp_millis()),
                reader_id: user_id,
                before,
                // One more than the page, to learn whether another page follows.
                limit: i64::from(size) + 1,
            };
            let mut rows = access_log::for_family(conn, &family_id, &filter)?;
            let more = rows.len() > size as usize;
            rows.truncate(size as usize);
            let next_cursor = if more {
                rows.last().map(cursor_after)
            } else {
                None
            };
            Ok(AccessLogPage {
                entries: rows.iter().map(to_entry).collect::<AppResult<_>>()?,
                next_cursor,
            })
        },
    )
    .await
}

pub(crate) fn to_entry(row: &AccessLogRow) -> AppResult<AccessLogEntry> {
    let corrupt = || AppError::from(crate::db::corrupt("access log row"));
    Ok(AccessLogEntry {
        id: row.id.parse().map_err(|_| corrupt())?,
        occurred_at: to_utc(row.occurred_at),
        actor_id: row
            .actor_id
            .as_deref()
            .map(|a| a.parse().map_err(|_| corrupt()))
            .transpose()?,
        actor_name: row.actor_name.clone(),
        actor_role: ActorRole::parse(&row.actor_role).ok_or_else(corrupt)?,
        organisation: row.actor_org_name.clone(),
        section: row
            .section_kind
            .as_deref()
            .map(|k| SectionKind::parse(k).ok_or_else(corrupt))
            .transpose()?,
        section_version: row.section_version,
        action: LogAction::parse(&row.action).ok_or_else(corrupt)?,
        outcome: LogOutcome::parse(&row.outcome).ok_or_else(corrupt)?,
        basis: row.basis,
        denial_reason: row.denial_reason,
        count: u32::try_from(row.attempts.max(1)).unwrap_or(u32::MAX),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_as_the_row_it_was_made_from() {
        let row = AccessLogRow {
            id: Uuid::new_v4().to_string(),
            occurred_at: 1_800_000_000_123,
            ..AccessLogRow::default()
        };
        let before = parse_cursor(&cursor_after(&row)).unwrap();
        assert_eq!((before.occurred_at, before.id), (row.occurred_at, row.id));
    }

    #[test]
    fn anything_else_is_not_a_cursor() {
        for bad in ["", "12", "x.y", "12.not-a-uuid", "1.2.3", "' OR 1=1 --"] {
            assert!(parse_cursor(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_page_holds_one_to_five_hundred_rows() {
        assert_eq!(page_size(None).unwrap(), DEFAULT_ROWS);
        assert_eq!(page_size(Some(10_000)).unwrap(), MAX_ROWS);
        assert!(page_size(Some(0)).is_err());
    }
}
