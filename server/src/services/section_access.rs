//! What the access policy needs to know about one section of a family, loaded with the
//! section itself: its visibility (shared), whether its owner is a parent here (private), and
//! the question to ask. Reading, saving, history and comments all ask through here.

use onsplan_shared::access_log::LogAction;
use onsplan_shared::family::Role;
use onsplan_shared::section::SectionKind;
use uuid::Uuid;

use crate::db::models::SectionRow;
use crate::db::sections::SHARED_SCOPE;
use crate::db::{corrupt, families, sections, DbConnection};
use crate::errors::{AppError, AppResult};
use crate::policy::{Action, Caller, Resource};
use crate::services::access::Ask;
use crate::services::section_wire::parse_visibility;

/// Where a section lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The family's shared plan. Every family has each shared section from the start.
    Shared,
    /// The caller's own private sections (`my-sections`).
    Mine,
    /// Another parent's private section, asked for by a professional.
    PrivateOf(Uuid),
}

/// The question about `kind` at `place` for `action`, and the section's row (`None`: a private
/// section not written yet).
pub fn ask(
    conn: &mut DbConnection,
    family_id: &str,
    caller: &Caller,
    place: Place,
    kind: SectionKind,
    action: Action,
    logged_as: LogAction,
) -> AppResult<(Ask, Option<SectionRow>)> {
    match place {
        Place::Shared => {
            let row = sections::find(conn, family_id, SHARED_SCOPE, kind.as_str())?
                .ok_or(AppError::NotFound)?;
            let visibility = parse_visibility(&row.visibility)?;
            let ask = Ask::new(
                Resource::SharedSection { kind, visibility },
                action,
                logged_as,
            )
            .section(kind, None, Some(row.version));
            Ok((ask, Some(row)))
        }
        Place::Mine => {
            let row = match caller {
                Caller::Parent { id } => {
                    sections::find(conn, family_id, &id.to_string(), kind.as_str())?
                }
                _ => None,
            };
            let version = row.as_ref().map(|r| r.version);
            let ask =
                Ask::new(Resource::OwnSections, action, logged_as).section(kind, None, version);
            Ok((ask, row))
        }
        Place::PrivateOf(owner) => {
            let owner_key = owner.to_string();
            let owner_is_parent = match families::role_of(conn, family_id, &owner_key)? {
                Some(role) => {
                    Role::parse(&role).ok_or_else(|| corrupt("membership role"))? == Role::Parent
                }
                None => false,
            };
            let row = sections::find(conn, family_id, &owner_key, kind.as_str())?;
            let version = row.as_ref().map(|r| r.version);
            let resource = Resource::PrivateSection {
                kind,
                owner,
                owner_is_parent,
            };
            let ask = Ask::new(resource, action, logged_as).section(kind, Some(owner), version);
            Ok((ask, row))
        }
    }
}
