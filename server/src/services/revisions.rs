//! The history of a section: its saved revisions, newest first. A member sees the revisions
//! the policy lets them read as they were saved (a relative only those shared with the
//! network when they were made); a relative's look at the history is logged like any read,
//! and refused attempts are logged too.

use onsplan_shared::access_log::LogAction;
use onsplan_shared::section::{Revision, SectionKind};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::RevisionRow;
use crate::db::{sections, to_utc, Db};
use crate::errors::AppResult;
use crate::policy::{self, Action, Resource};
use crate::services::access::{self, Asking};
use crate::services::section_access;
use crate::services::section_wire::{author, author_names, parse_content, parse_visibility};
use crate::services::sections::Scope;

pub async fn revisions(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    scope: Scope,
    kind: SectionKind,
) -> AppResult<Vec<Revision>> {
    let asking = Asking::new(user, family, request_id);
    let family_id = asking.family_id();
    access::read(
        db,
        asking,
        move |conn, caller| {
            section_access::ask(
                conn,
                &family_id,
                caller,
                scope.place(),
                kind,
                Action::ReadHistory,
                LogAction::Read,
            )
        },
        move |conn, allowed, row| {
            let Some(row) = row else {
                return Ok(Vec::new());
            };
            let mut shown: Vec<RevisionRow> = Vec::new();
            for revision in sections::revisions(conn, &row.id)? {
                let visibility = parse_visibility(&revision.visibility)?;
                let readable = scope == Scope::Mine
                    || policy::decide(
                        &allowed.caller,
                        Resource::SharedSection { kind, visibility },
                        Action::Read,
                    )
                    .is_allowed();
                if readable {
                    shown.push(revision);
                }
            }
            let authors = author_names(conn, shown.iter().map(|r| r.saved_by.clone()))?;
            shown
                .iter()
                .map(|rev| {
                    Ok(Revision {
                        version: rev.version,
                        visibility: parse_visibility(&rev.visibility)?,
                        content: parse_content(&rev.content)?,
                        saved_at: to_utc(rev.saved_at),
                        saved_by: author(&authors, &rev.saved_by)?,
                    })
                })
                .collect()
        },
    )
    .await
}
