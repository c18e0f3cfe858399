//! Reading the living plan: one section, a parent's own private sections, a parent's private
//! section that parent granted to a professional, the list of sections and the whole plan
//! with content. Every read asks the access policy (`crate::policy`) from the database, now;
//! reads by relatives and professionals, and their refused attempts, go to the access log
//! before the answer does (see `services::access`).

use onsplan_shared::access_log::LogAction;
use onsplan_shared::section::{SectionKind, SectionResponse, SectionSummary};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::sections::SHARED_SCOPE;
use crate::db::{sections, Db};
use crate::errors::{AppError, AppResult};
use crate::policy::{self, Action, Caller, Resource};
use crate::services::access::{self, Ask, Asking};
use crate::services::section_access::{self, Place};
use crate::services::section_wire::{parse_kind, parse_visibility, read_row, responses, summaries};

/// The family's shared plan, or the caller's own private sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Shared,
    Mine,
}

impl Scope {
    pub fn place(self) -> Place {
        match self {
            Scope::Shared => Place::Shared,
            Scope::Mine => Place::Mine,
        }
    }
}

/// One section the caller may read.
pub async fn get(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    scope: Scope,
    kind: SectionKind,
) -> AppResult<SectionResponse> {
    read_section(
        db,
        Asking::new(user, family, request_id),
        scope.place(),
        kind,
    )
    .await
}

/// A parent's private section that parent granted to the calling professional.
pub async fn get_private(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    owner: Uuid,
    kind: SectionKind,
) -> AppResult<SectionResponse> {
    read_section(
        db,
        Asking::new(user, family, request_id),
        Place::PrivateOf(owner),
        kind,
    )
    .await
}

async fn read_section(
    db: &Db,
    asking: Asking,
    place: Place,
    kind: SectionKind,
) -> AppResult<SectionResponse> {
    let family_id = asking.family_id();
    access::read(
        db,
        asking,
        move |conn, caller| {
            section_access::ask(
                conn,
                &family_id,
                caller,
                place,
                kind,
                Action::Read,
                LogAction::Read,
            )
        },
        move |conn, _, row| read_row(conn, row, kind),
    )
    .await
}

/// The sections the caller may see, without content: every shared one for a parent, the
/// `network` ones for a relative, the granted ones for a professional; or a parent's own
/// private sections.
pub async fn list(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    scope: Scope,
) -> AppResult<Vec<SectionSummary>> {
    let asking = Asking::new(user, family, request_id);
    let family_id = asking.family_id();
    let resource = match scope {
        Scope::Shared => Resource::Plan,
        Scope::Mine => Resource::OwnSections,
    };
    access::read(
        db,
        asking,
        move |_, _| access::plain(Ask::new(resource, Action::List, LogAction::Read).about("plan")),
        move |conn, allowed, ()| {
            let rows = match (scope, &allowed.caller) {
                (Scope::Shared, caller) => readable(conn, &family_id, caller)?,
                (Scope::Mine, Caller::Parent { id }) => {
                    sections::list(conn, &family_id, &id.to_string())?
                }
                (Scope::Mine, _) => return Err(AppError::NotFound),
            };
            summaries(conn, &rows)
        },
    )
    .await
}

/// The shared sections the policy lets the caller read.
fn readable(
    conn: &mut crate::db::DbConnection,
    family_id: &str,
    caller: &Caller,
) -> AppResult<Vec<crate::db::models::SectionRow>> {
    let mut shown = Vec::new();
    for row in sections::list(conn, family_id, SHARED_SCOPE)? {
        let resource = Resource::SharedSection {
            kind: parse_kind(&row.kind)?,
            visibility: parse_visibility(&row.visibility)?,
        };
        if policy::decide(caller, resource, Action::Read).is_allowed() {
            shown.push(row);
        }
    }
    Ok(shown)
}

/// The whole shared plan the caller may see, with content, in plan order; each section a
/// relative or professional reads is a row in the access log, in one commit with the others.
pub async fn plan(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
) -> AppResult<Vec<SectionResponse>> {
    let asking = Asking::new(user, family, request_id);
    db.read_then_write(move |conn| {
        let family_id = asking.family_id();
        let caller = access::resolve(conn, &family_id, &asking.user)?;
        let ask = Ask::new(Resource::Plan, Action::Read, LogAction::Read).about("plan");
        let (outcome, refusal_event) = access::judge(&asking, &caller, &ask);
        if let Err(refused) = outcome {
            return Ok((
                Err(refused),
                access::append_all(refusal_event.into_iter().collect()),
            ));
        }
        let rows = readable(conn, &family_id, &caller)?;
        let mut events = Vec::new();
        for row in &rows {
            let kind = parse_kind(&row.kind)?;
            let visibility = parse_visibility(&row.visibility)?;
            let ask = Ask::new(
                Resource::SharedSection { kind, visibility },
                Action::Read,
                LogAction::Read,
            )
            .section(kind, None, Some(row.version));
            events.extend(access::judge(&asking, &caller, &ask).1);
        }
        Ok((responses(conn, &rows), access::append_all(events)))
    })
    .await?
}
