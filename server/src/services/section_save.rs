//! Saving a section with optimistic concurrency: the change lands only when `based_on` is
//! still the section's version, otherwise nothing is written and the answer is 412 with the
//! current version. Every save keeps a revision. Who may save is the access policy's answer;
//! a refused attempt by a relative or professional is logged.

use onsplan_shared::access_log::LogAction;
use onsplan_shared::section::{
    Author, SaveSectionRequest, SectionKind, SectionResponse, Visibility,
};
use onsplan_shared::section_content::SectionContent;
use onsplan_shared::validate::FieldError;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::{RevisionRow, SectionRow};
use crate::db::sections::{SectionWrite, SHARED_SCOPE};
use crate::db::{self, new_id, now_ms, sections, stored_id, to_utc, Db, DbConnection};
use crate::errors::{AppError, AppResult};
use crate::policy::Action;
use crate::services::access::{self, Asking};
use crate::services::section_access;
use crate::services::section_wire::parse_visibility;
use crate::services::sections::Scope;

/// A stand-in version meaning "lost an insert race; read the real one after rollback".
const UNKNOWN_VERSION: i64 = -1;

/// Saves a section if `based_on` is still its version; otherwise nothing is written and the
/// answer is 412 with the current version.
#[allow(clippy::too_many_arguments)]
pub async fn save(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    scope: Scope,
    kind: SectionKind,
    based_on: Option<i64>,
    request: SaveSectionRequest,
) -> AppResult<SectionResponse> {
    let saved_by = Author {
        user_id: stored_id(&user.id, "account id")?,
        name: user.name.clone(),
    };
    let user_id = user.id.clone();
    let family_id = family.to_string();
    let scope_key = match scope {
        Scope::Shared => SHARED_SCOPE.to_string(),
        Scope::Mine => user.id.clone(),
    };
    // Checked and serialised here, off the writer thread; reported only after the caller's
    // right to write, so a stranger learns nothing from a validation error.
    let SaveSectionRequest {
        visibility: requested,
        content,
    } = request;
    let stored = check_content(kind, &content).and_then(|()| {
        serde_json::to_string(&content).map_err(|err| AppError::Internal(err.into()))
    });
    let asking = Asking::new(user, family, request_id);
    let (family_for_ask, key_for_write) = (family_id.clone(), scope_key.clone());
    let outcome = access::write(
        db,
        asking,
        move |conn, caller| {
            section_access::ask(
                conn,
                &family_for_ask,
                caller,
                scope.place(),
                kind,
                Action::Write,
                LogAction::Write,
            )
        },
        move |conn, _, row| {
            let based_on = based_on.ok_or(AppError::PreconditionRequired)?;
            let visibility = chosen_visibility(scope, row.as_ref(), requested)?;
            let stored = stored?;
            let now = now_ms();
            let write = SectionWrite {
                visibility: visibility.as_str(),
                content: &stored,
                saved_by: &user_id,
                saved_at: now,
            };
            let section_id = match &row {
                Some(row) => {
                    if !sections::update_if_version(conn, &row.id, based_on, &write)? {
                        return Err(AppError::VersionConflict {
                            current_version: current_version(
                                conn,
                                &family_id,
                                &key_for_write,
                                kind,
                            )?,
                        });
                    }
                    row.id.clone()
                }
                None if based_on != 0 => {
                    return Err(AppError::VersionConflict { current_version: 0 });
                }
                None => insert_private(conn, &family_id, &key_for_write, kind, &write)?,
            };
            sections::insert_revision(
                conn,
                &RevisionRow {
                    id: new_id(),
                    section_id,
                    version: based_on + 1,
                    visibility: visibility.as_str().to_string(),
                    content: stored,
                    saved_by: user_id,
                    saved_at: now,
                },
            )?;
            // Exactly what was stored, without reading it back.
            Ok(SectionResponse {
                kind,
                visibility,
                version: based_on + 1,
                content,
                updated_at: Some(to_utc(now)),
                updated_by: Some(saved_by),
            })
        },
    )
    .await;
    match outcome {
        Err(AppError::VersionConflict {
            current_version: UNKNOWN_VERSION,
        }) => {
            let family_id = family.to_string();
            let current = db
                .read(move |conn| current_version(conn, &family_id, &scope_key, kind))
                .await?;
            Err(AppError::VersionConflict {
                current_version: current,
            })
        }
        other => other,
    }
}

fn current_version(
    conn: &mut DbConnection,
    family_id: &str,
    scope_key: &str,
    kind: SectionKind,
) -> AppResult<i64> {
    Ok(sections::find(conn, family_id, scope_key, kind.as_str())?.map_or(0, |row| row.version))
}

/// Creates a private section at version 1. A parallel first save of the same section makes
/// the insert fail on the unique key; that is a version conflict, not an error.
fn insert_private(
    conn: &mut DbConnection,
    family_id: &str,
    owner_id: &str,
    kind: SectionKind,
    write: &SectionWrite<'_>,
) -> AppResult<String> {
    let row = SectionRow {
        id: new_id(),
        family_id: family_id.to_string(),
        kind: kind.as_str().to_string(),
        scope: owner_id.to_string(),
        owner_id: Some(owner_id.to_string()),
        visibility: Visibility::OnlyMe.as_str().to_string(),
        version: 1,
        content: write.content.to_string(),
        updated_at: Some(write.saved_at),
        updated_by: Some(write.saved_by.to_string()),
    };
    sections::insert(conn, std::slice::from_ref(&row)).map_err(|err| {
        if db::is_unique_violation(&err) {
            AppError::VersionConflict {
                current_version: UNKNOWN_VERSION,
            }
        } else {
            err.into()
        }
    })?;
    Ok(row.id)
}

fn chosen_visibility(
    scope: Scope,
    row: Option<&SectionRow>,
    requested: Option<Visibility>,
) -> AppResult<Visibility> {
    match (scope, requested) {
        (Scope::Mine, None | Some(Visibility::OnlyMe)) => Ok(Visibility::OnlyMe),
        (Scope::Mine, Some(_)) => {
            Err(FieldError::new("visibility", "a private section is always only_me").into())
        }
        (Scope::Shared, Some(Visibility::OnlyMe)) => Err(FieldError::new(
            "visibility",
            "the shared plan is for parents or network; keep private sections under my-sections",
        )
        .into()),
        (Scope::Shared, Some(visibility)) => Ok(visibility),
        (Scope::Shared, None) => parse_visibility(&row.ok_or(AppError::NotFound)?.visibility),
    }
}

fn check_content(kind: SectionKind, content: &SectionContent) -> AppResult<()> {
    if content.kind() != kind {
        return Err(FieldError::new(
            "content.kind",
            format!("must be {kind} to match the address"),
        )
        .into());
    }
    content.validate().map_err(AppError::from)
}
