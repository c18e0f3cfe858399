//! The living plan: reading and saving sections with optimistic concurrency, and their
//! revision history. Every request decides access from the database:
//! - shared sections: parents read and write all; relatives read `network` ones, and any
//!   other shared section does not exist for them (404);
//! - private sections (`my-sections`): a parent's own, served to that parent only; no path
//!   names another parent's private section, so its existence cannot leak;
//! - professionals read only what an active grant covers ([`consent::check`]), including a
//!   parent's private section that parent granted (`private-sections/{owner}/{kind}`).
//!
//! Reads by relatives and professionals, and their denied attempts, are written to the access
//! log: the decision and the section are read together, the row goes to the next durable
//! commit, and the answer waits for that commit: no row, no answer (fail closed).

use std::collections::HashMap;

use onsplan_shared::access_log::{ActorRole, LogAction};
use onsplan_shared::family::Role;
use onsplan_shared::section::{
    Author, Revision, SaveSectionRequest, SectionKind, SectionResponse, SectionSummary, Visibility,
};
use onsplan_shared::section_content::SectionContent;
use onsplan_shared::validate::FieldError;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::{RevisionRow, SectionRow};
use crate::db::sections::{SectionWrite, SHARED_SCOPE};
use crate::db::{self, families, new_id, now_ms, sections, to_utc, users, Db, DbConnection};
use crate::errors::{AppError, AppResult};
use crate::services::audit::{Actor, Audit};
use crate::services::consent::{self, Decision, DenyReason, Need, ProfessionalFacts, Target};
use crate::services::families::role_in;

/// The family's shared plan, or the caller's own private sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Shared,
    Mine,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intent {
    Read,
    Write,
}

/// A section the caller may act on. `row` is `None` for a private section not yet written.
struct Located {
    role: Role,
    scope_key: String,
    row: Option<SectionRow>,
}

/// Finds a section and decides whether the caller may read or write it.
fn locate(
    conn: &mut DbConnection,
    family_id: &str,
    user_id: &str,
    scope: Scope,
    kind: SectionKind,
    intent: Intent,
) -> AppResult<Located> {
    let role = role_in(conn, family_id, user_id)?;
    let scope_key = scope_key(scope, user_id);
    if scope == Scope::Mine && role != Role::Parent {
        return Err(AppError::Forbidden);
    }
    let row = sections::find(conn, family_id, &scope_key, kind.as_str())?;
    if scope == Scope::Shared {
        let visibility = row
            .as_ref()
            .and_then(|row| Visibility::parse(&row.visibility))
            .ok_or(AppError::NotFound)?;
        if !member_can_read(role, visibility) {
            return Err(AppError::NotFound);
        }
        if intent == Intent::Write && role != Role::Parent {
            return Err(AppError::Forbidden);
        }
    }
    Ok(Located {
        role,
        scope_key,
        row,
    })
}

/// Whether a family member with `role` may read a shared section with `visibility`.
pub fn member_can_read(role: Role, visibility: Visibility) -> bool {
    match (role, visibility) {
        (Role::Parent, Visibility::Parents | Visibility::Network) => true,
        (Role::Relative, Visibility::Network) => true,
        (_, Visibility::OnlyMe) => false,
        (Role::Relative, Visibility::Parents) => false,
    }
}

/// How the caller stands to a family.
enum Caller {
    Parent,
    Relative(Actor),
    Professional(Actor, ProfessionalFacts),
    /// Not a member, not a professional, or the family does not exist.
    Outsider,
}

/// Who the caller is to the family, from one query plus what the request's account lookup
/// found.
fn caller(conn: &mut DbConnection, family_id: &str, user: &AuthUser) -> AppResult<Caller> {
    let standing = families::standing(conn, family_id, &user.id)?;
    Ok(match standing.role.as_deref().and_then(Role::parse) {
        Some(Role::Parent) => Caller::Parent,
        Some(Role::Relative) => {
            Caller::Relative(Actor::person(&user.id, &user.name, ActorRole::Relative))
        }
        None if user.is_professional() && standing.family_exists => Caller::Professional(
            Actor::professional(user),
            ProfessionalFacts::of(user, standing.linked),
        ),
        None => Caller::Outsider,
    })
}

/// Whether the caller is a parent, who reads without an access-log row.
async fn is_parent(db: &Db, user: &AuthUser, family: Uuid) -> AppResult<bool> {
    let user_id = user.id.clone();
    db.read(move |conn| {
        Ok(families::role_of(conn, &family.to_string(), &user_id)?.as_deref() == Some("parent"))
    })
    .await
}

/// What a guarded request does to a section: the log action, and what a grant must allow.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Access {
    pub action: LogAction,
    pub need: Need,
}

pub(crate) const READ: Access = Access {
    action: LogAction::Read,
    need: Need::Read,
};

/// What a relative or professional may do with a section, or a parent's free pass.
enum Verdict {
    /// A parent of the family: no access-log row.
    Parent,
    /// Someone who may not know the section exists, with nothing to log: 404.
    Unknown,
    /// Logged: allowed when `refusal` is `None`, otherwise refused with that answer.
    Logged {
        event: Box<Audit>,
        refusal: Option<AppError>,
    },
}

/// The section a guarded request is about, and what it wants to do with it.
pub(crate) struct Guarded {
    family: Uuid,
    kind: SectionKind,
    owner: Option<String>,
    access: Access,
    request_id: Option<String>,
}

impl Guarded {
    /// Reading `kind` of `family` (`owner`: the parent whose private section it is) for the
    /// request `request_id`.
    pub(crate) fn new(
        request_id: Option<String>,
        family: Uuid,
        kind: SectionKind,
        owner: Option<String>,
    ) -> Self {
        Self {
            family,
            kind,
            owner,
            access: READ,
            request_id,
        }
    }

    /// The same section for a request that needs `access` instead (commenting, say).
    pub(crate) fn needing(self, access: Access) -> Self {
        Self { access, ..self }
    }

    /// Loads the section and decides for the caller, from the database, now.
    fn judge(
        &self,
        conn: &mut DbConnection,
        user: &AuthUser,
    ) -> AppResult<(Verdict, Option<SectionRow>)> {
        let family_id = self.family.to_string();
        let target = Target {
            kind: self.kind,
            owner: self.owner.as_deref(),
        };
        let scope_key = target.owner.unwrap_or(SHARED_SCOPE);
        let row = sections::find(conn, &family_id, scope_key, self.kind.as_str())?;
        let event = |actor: &Actor| {
            Audit::new(actor, self.access.action)
                .family(&family_id)
                .request_id(self.request_id.as_deref())
                .section(self.kind, target.owner, row.as_ref().map(|r| r.version))
        };
        // A private section of someone who is not a parent here: a row about it would be kept
        // for that person's eyes only, who never reads this family's log. Nothing to log.
        if let Some(owner) = target.owner {
            if families::role_of(conn, &family_id, owner)?.as_deref() != Some("parent") {
                return Ok((Verdict::Unknown, None));
            }
        }
        let (event, refusal) = match caller(conn, &family_id, user)? {
            // Parents read private sections only as their own, under my-sections.
            Caller::Parent if target.owner.is_some() => return Ok((Verdict::Unknown, None)),
            Caller::Parent => return Ok((Verdict::Parent, row)),
            Caller::Outsider => return Ok((Verdict::Unknown, None)),
            Caller::Relative(actor) => {
                let visible = target.owner.is_none()
                    && row
                        .as_ref()
                        .and_then(|r| Visibility::parse(&r.visibility))
                        .is_some_and(|v| member_can_read(Role::Relative, v));
                if visible {
                    (event(&actor).basis("role:relative"), None)
                } else {
                    (
                        event(&actor).denied("not_visible_to_relatives"),
                        Some(AppError::NotFound),
                    )
                }
            }
            Caller::Professional(actor, facts) => {
                let event = event(&actor).acting_for(actor.org_name.as_deref().unwrap_or(""));
                let need = self.access.need;
                match consent::check(conn, &family_id, &user.id, facts, target, need, now_ms())? {
                    Decision::Allow { grant_id } => {
                        (event.basis(format!("grant:{grant_id}")), None)
                    }
                    Decision::Deny(DenyReason::NoComment) => (
                        event.denied(DenyReason::NoComment.as_str()),
                        Some(AppError::Forbidden),
                    ),
                    Decision::Deny(reason) => {
                        (event.denied(reason.as_str()), Some(AppError::NotFound))
                    }
                }
            }
        };
        let event = Box::new(event);
        Ok((Verdict::Logged { event, refusal }, row))
    }
}

/// Runs `produce` on a section for whoever may: parents directly; relatives and professionals
/// with an access-log row that commits in the same transaction, or not at all. Refusals are
/// logged and then answered (404, or 403 for a professional who may read but not comment).
/// For requests that change something (`produce` writes): all of it runs on the writer.
pub(crate) async fn guarded<T, F>(
    db: &Db,
    user: &AuthUser,
    section: Guarded,
    produce: F,
) -> AppResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection, Option<SectionRow>) -> AppResult<T> + Send + 'static,
{
    let user = user.clone();
    db.write(move |conn| -> AppResult<AppResult<T>> {
        match section.judge(conn, &user)? {
            (Verdict::Parent, row) => Ok(produce(conn, row)),
            (Verdict::Unknown, _) => Ok(Err(AppError::NotFound)),
            (Verdict::Logged { event, refusal }, row) => {
                event.append(conn)?;
                match refusal {
                    None => Ok(produce(conn, row)),
                    Some(refusal) => Ok(Err(refusal)),
                }
            }
        }
    })
    .await?
}

/// [`guarded`] for reads (a [`Guarded::new`] section, not `needing` more): the decision and
/// `produce` run as a read, and only the access-log row goes to the writer. The answer waits
/// for that row's durable commit; if the commit fails, the caller gets an error and no content
/// (fail closed).
pub(crate) async fn guarded_read<T, F>(
    db: &Db,
    user: &AuthUser,
    section: Guarded,
    produce: F,
) -> AppResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection, Option<SectionRow>) -> AppResult<T> + Send + 'static,
{
    let user = user.clone();
    db.read_then_write(move |conn| {
        let (value, events) = match section.judge(conn, &user)? {
            (Verdict::Parent, row) => (produce(conn, row), Vec::new()),
            (Verdict::Unknown, _) => (Err(AppError::NotFound), Vec::new()),
            (Verdict::Logged { event, refusal }, row) => match refusal {
                None => (produce(conn, row), vec![*event]),
                Some(refusal) => (Err(refusal), vec![*event]),
            },
        };
        Ok((value, append_all(events)))
    })
    .await?
}

/// The write that appends `events` to the access log, if there are any.
fn append_all(
    events: Vec<Audit>,
) -> Option<impl FnOnce(&mut DbConnection) -> AppResult<()> + Send + 'static> {
    (!events.is_empty()).then_some(move |conn: &mut DbConnection| -> AppResult<()> {
        events
            .into_iter()
            .try_for_each(|event| event.append(conn))?;
        Ok(())
    })
}

fn read_row(
    conn: &mut DbConnection,
    row: Option<SectionRow>,
    kind: SectionKind,
) -> AppResult<SectionResponse> {
    match row {
        Some(row) => {
            let authors = author_names(conn, row.updated_by.clone())?;
            to_response(&row, &authors)
        }
        None => Ok(unwritten_private(kind)),
    }
}

/// Logs a refused change by a relative or professional and answers 403 (a relative who can
/// see the section) or 404.
async fn refuse_write(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    kind: SectionKind,
) -> AppResult<SectionResponse> {
    let user = user.clone();
    db.write(move |conn| -> AppResult<AppResult<SectionResponse>> {
        let family_id = family.to_string();
        let (actor, refusal) = match caller(conn, &family_id, &user)? {
            Caller::Parent | Caller::Outsider => return Ok(Err(AppError::NotFound)),
            Caller::Relative(actor) => {
                let row = sections::find(conn, &family_id, SHARED_SCOPE, kind.as_str())?;
                let visible = row
                    .and_then(|r| Visibility::parse(&r.visibility))
                    .is_some_and(|v| member_can_read(Role::Relative, v));
                (
                    actor,
                    if visible {
                        AppError::Forbidden
                    } else {
                        AppError::NotFound
                    },
                )
            }
            Caller::Professional(actor, _) => (actor, AppError::NotFound),
        };
        Audit::new(&actor, LogAction::Write)
            .family(&family_id)
            .request_id(request_id.as_deref())
            .section(kind, None, None)
            .denied("only_parents_write")
            .append(conn)?;
        Ok(Err(refusal))
    })
    .await?
}

fn scope_key(scope: Scope, user_id: &str) -> String {
    match scope {
        Scope::Shared => SHARED_SCOPE.to_string(),
        Scope::Mine => user_id.to_string(),
    }
}

pub async fn list(
    db: &Db,
    user: &AuthUser,
    family: Uuid,
    scope: Scope,
) -> AppResult<Vec<SectionSummary>> {
    let user = user.clone();
    db.read(move |conn| {
        let family_id = family.to_string();
        let user_id = user.id.clone();
        if scope == Scope::Shared && families::role_of(conn, &family_id, &user_id)?.is_none() {
            return granted_summaries(conn, &family_id, &user);
        }
        let role = role_in(conn, &family_id, &user_id)?;
        if scope == Scope::Mine && role != Role::Parent {
            return Err(AppError::Forbidden);
        }
        let rows: Vec<SectionRow> = sections::list(conn, &family_id, &scope_key(scope, &user_id))?
            .into_iter()
            .filter(|row| {
                Visibility::parse(&row.visibility)
                    .is_some_and(|v| scope == Scope::Mine || member_can_read(role, v))
            })
            .collect();
        summaries(conn, &rows)
    })
    .await
}

/// The whole shared plan the caller may see, with content, in plan order: every section for
/// a parent; for a relative the network sections and for a professional the granted ones,
/// each read written to the access log in the same transaction.
pub async fn plan(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
) -> AppResult<Vec<SectionResponse>> {
    let user = user.clone();
    db.read_then_write(move |conn| {
        let family_id = family.to_string();
        let caller = caller(conn, &family_id, &user)?;
        let rows = sections::list(conn, &family_id, SHARED_SCOPE)?;
        let (actor, basis_of): (Actor, Box<dyn Fn(SectionKind) -> Option<String>>) = match caller {
            Caller::Parent => return Ok((responses(conn, rows)?, None)),
            Caller::Outsider => return Err(AppError::NotFound),
            Caller::Relative(actor) => {
                let visible: Vec<SectionKind> = rows
                    .iter()
                    .filter(|r| {
                        Visibility::parse(&r.visibility)
                            .is_some_and(|v| member_can_read(Role::Relative, v))
                    })
                    .filter_map(|r| SectionKind::parse(&r.kind))
                    .collect();
                (
                    actor,
                    Box::new(move |kind| {
                        visible.contains(&kind).then(|| "role:relative".to_string())
                    }),
                )
            }
            Caller::Professional(actor, professional) => {
                if !professional.linked {
                    return Err(AppError::NotFound);
                }
                let grants = consent::grant_facts(conn, &family_id, &user.id)?;
                let now = now_ms();
                (
                    actor,
                    Box::new(move |kind| {
                        match consent::decide(
                            now,
                            professional,
                            &grants,
                            Target { kind, owner: None },
                            Need::Read,
                        ) {
                            Decision::Allow { grant_id } => Some(format!("grant:{grant_id}")),
                            Decision::Deny(_) => None,
                        }
                    }),
                )
            }
        };
        let mut shown = Vec::new();
        let mut events = Vec::new();
        for row in rows {
            let Some(kind) = SectionKind::parse(&row.kind) else {
                continue;
            };
            if let Some(basis) = basis_of(kind) {
                events.push(
                    Audit::new(&actor, LogAction::Read)
                        .family(&family_id)
                        .request_id(request_id.as_deref())
                        .section(kind, None, Some(row.version))
                        .basis(basis),
                );
                shown.push(row);
            }
        }
        Ok((responses(conn, shown)?, append_all(events)))
    })
    .await
}

fn responses(conn: &mut DbConnection, rows: Vec<SectionRow>) -> AppResult<Vec<SectionResponse>> {
    let authors = author_names(conn, rows.iter().filter_map(|r| r.updated_by.clone()))?;
    let mut plan = rows
        .iter()
        .map(|row| to_response(row, &authors))
        .collect::<AppResult<Vec<_>>>()?;
    plan.sort_by_key(|s| s.kind);
    Ok(plan)
}

fn summaries(conn: &mut DbConnection, rows: &[SectionRow]) -> AppResult<Vec<SectionSummary>> {
    let authors = author_names(conn, rows.iter().filter_map(|r| r.updated_by.clone()))?;
    let mut summaries = rows
        .iter()
        .map(|row| {
            let section = to_response(row, &authors)?;
            Ok(SectionSummary {
                kind: section.kind,
                visibility: section.visibility,
                version: section.version,
                updated_at: section.updated_at,
                updated_by: section.updated_by,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    summaries.sort_by_key(|s| s.kind);
    Ok(summaries)
}

/// The shared sections a professional's active grants cover; a family they may not know
/// is 404.
fn granted_summaries(
    conn: &mut DbConnection,
    family_id: &str,
    user: &AuthUser,
) -> AppResult<Vec<SectionSummary>> {
    if !user.is_professional() {
        return Err(AppError::NotFound);
    }
    let professional = consent::professional_facts(conn, family_id, user)?;
    if !professional.linked {
        return Err(AppError::NotFound);
    }
    let grants = consent::grant_facts(conn, family_id, &user.id)?;
    let now = now_ms();
    let rows: Vec<SectionRow> = sections::list(conn, family_id, SHARED_SCOPE)?
        .into_iter()
        .filter(|row| {
            SectionKind::parse(&row.kind).is_some_and(|kind| {
                let target = Target { kind, owner: None };
                matches!(
                    consent::decide(now, professional, &grants, target, Need::Read),
                    Decision::Allow { .. }
                )
            })
        })
        .collect();
    summaries(conn, &rows)
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
    let owner = Some(owner.to_string());
    let section = Guarded::new(request_id, family, kind, owner);
    guarded_read(db, user, section, move |conn, row| {
        read_row(conn, row, kind)
    })
    .await
}

pub async fn get(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    scope: Scope,
    kind: SectionKind,
) -> AppResult<SectionResponse> {
    if scope == Scope::Shared {
        // Every family has each shared section from the start; a missing one is not there.
        let section = Guarded::new(request_id, family, kind, None);
        return guarded_read(db, user, section, move |conn, row| {
            read_row(conn, Some(row.ok_or(AppError::NotFound)?), kind)
        })
        .await;
    }
    let user_id = user.id.clone();
    db.read(move |conn| {
        let located = locate(
            conn,
            &family.to_string(),
            &user_id,
            scope,
            kind,
            Intent::Read,
        )?;
        read_row(conn, located.row, kind)
    })
    .await
}

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
    if scope == Scope::Shared && !is_parent(db, user, family).await? {
        return refuse_write(db, user, request_id, family, kind).await;
    }
    let user_id = user.id.clone();
    let saved_by = Author {
        user_id: user.id.parse().unwrap_or_default(),
        name: user.name.clone(),
    };
    let family_id = family.to_string();
    let (user_id_for_retry, family_id_for_retry) = (user_id.clone(), family_id.clone());
    // Checked and serialised here, off the writer thread; reported in the writer only after
    // the caller's right to write, so a stranger learns nothing from a validation error.
    let SaveSectionRequest {
        visibility: requested,
        content,
    } = request;
    let stored = check_content(kind, &content).and_then(|()| {
        serde_json::to_string(&content).map_err(|err| AppError::Internal(err.into()))
    });
    let outcome = db
        .write(move |conn| {
            let located = locate(conn, &family_id, &user_id, scope, kind, Intent::Write)?;
            let based_on = based_on.ok_or(AppError::PreconditionRequired)?;
            let visibility = chosen_visibility(scope, &located, requested)?;
            let stored = stored?;
            let now = now_ms();
            let write = SectionWrite {
                visibility: visibility.as_str(),
                content: &stored,
                saved_by: &user_id,
                saved_at: now,
            };
            let section_id = match &located.row {
                Some(row) => {
                    if !sections::update_if_version(conn, &row.id, based_on, &write)? {
                        let current =
                            sections::find(conn, &family_id, &located.scope_key, kind.as_str())?
                                .map_or(0, |row| row.version);
                        return Err(AppError::VersionConflict {
                            current_version: current,
                        });
                    }
                    row.id.clone()
                }
                None if based_on != 0 => {
                    return Err(AppError::VersionConflict { current_version: 0 });
                }
                None => insert_private(conn, &family_id, &located.scope_key, kind, &write)?,
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
        })
        .await;
    match outcome {
        Err(AppError::VersionConflict {
            current_version: UNKNOWN_VERSION,
        }) => {
            let current = db
                .read(move |conn| -> AppResult<i64> {
                    let scope_key = scope_key(scope, &user_id_for_retry);
                    Ok(
                        sections::find(conn, &family_id_for_retry, &scope_key, kind.as_str())?
                            .map_or(0, |row| row.version),
                    )
                })
                .await?;
            Err(AppError::VersionConflict {
                current_version: current,
            })
        }
        other => other,
    }
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
    located: &Located,
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
        (Scope::Shared, None) => located
            .row
            .as_ref()
            .and_then(|row| Visibility::parse(&row.visibility))
            .ok_or(AppError::NotFound),
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

pub async fn revisions(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    scope: Scope,
    kind: SectionKind,
) -> AppResult<Vec<Revision>> {
    let user = user.clone();
    if is_parent(db, &user, family).await? || scope == Scope::Mine {
        return db
            .read(move |conn| Ok(revision_list(conn, family, &user.id, scope, kind)?.1))
            .await;
    }
    // A relative's look at the history is a read like any other: logged with it.
    db.write(move |conn| {
        let (role, revisions) = revision_list(conn, family, &user.id, scope, kind)?;
        let actor = Actor::person(&user.id, &user.name, ActorRole::Relative);
        if role == Role::Relative {
            Audit::new(&actor, LogAction::Read)
                .family(&family.to_string())
                .request_id(request_id.as_deref())
                .section(kind, None, None)
                .basis("role:relative")
                .append(conn)?;
        }
        Ok(revisions)
    })
    .await
}

/// The revisions the caller may see, newest first, with the caller's role. A relative sees
/// only the saves that were shared with the network when they were made.
fn revision_list(
    conn: &mut DbConnection,
    family: Uuid,
    user_id: &str,
    scope: Scope,
    kind: SectionKind,
) -> AppResult<(Role, Vec<Revision>)> {
    let located = locate(
        conn,
        &family.to_string(),
        user_id,
        scope,
        kind,
        Intent::Read,
    )?;
    let Some(row) = located.row else {
        return Ok((located.role, Vec::new()));
    };
    let rows: Vec<RevisionRow> = sections::revisions(conn, &row.id)?
        .into_iter()
        .filter(|rev| {
            Visibility::parse(&rev.visibility)
                .is_some_and(|v| scope == Scope::Mine || member_can_read(located.role, v))
        })
        .collect();
    let authors = author_names(conn, rows.iter().map(|r| r.saved_by.clone()))?;
    let revisions = rows
        .iter()
        .map(|rev| {
            Ok(Revision {
                version: rev.version,
                visibility: parse_visibility(&rev.visibility)?,
                content: parse_content(&rev.content)?,
                saved_at: to_utc(rev.saved_at),
                saved_by: author(&authors, &rev.saved_by),
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok((located.role, revisions))
}

fn unwritten_private(kind: SectionKind) -> SectionResponse {
    SectionResponse {
        kind,
        visibility: Visibility::OnlyMe,
        version: 0,
        content: SectionContent::empty(kind),
        updated_at: None,
        updated_by: None,
    }
}

/// Display names of the given accounts, for [`author`].
pub(crate) fn author_names(
    conn: &mut DbConnection,
    ids: impl IntoIterator<Item = String>,
) -> AppResult<HashMap<String, String>> {
    let mut ids: Vec<String> = ids.into_iter().collect();
    ids.sort();
    ids.dedup();
    Ok(users::names(conn, &ids)?.into_iter().collect())
}

pub(crate) fn author(names: &HashMap<String, String>, id: &str) -> Author {
    Author {
        user_id: id.parse().unwrap_or_default(),
        name: names.get(id).cloned().unwrap_or_default(),
    }
}

fn to_response(row: &SectionRow, authors: &HashMap<String, String>) -> AppResult<SectionResponse> {
    Ok(SectionResponse {
        kind: SectionKind::parse(&row.kind).ok_or_else(|| corrupt("section kind"))?,
        visibility: parse_visibility(&row.visibility)?,
        version: row.version,
        content: parse_content(&row.content)?,
        updated_at: row.updated_at.map(to_utc),
        updated_by: row.updated_by.as_deref().map(|id| author(authors, id)),
    })
}

fn parse_visibility(value: &str) -> AppResult<Visibility> {
    Visibility::parse(value).ok_or_else(|| corrupt("visibility"))
}

fn parse_content(json: &str) -> AppResult<SectionContent> {
    serde_json::from_str(json).map_err(|_| corrupt("section content"))
}

fn corrupt(what: &str) -> AppError {
    AppError::Internal(anyhow::anyhow!("stored {what} cannot be read"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relatives_read_network_sections_only() {
        assert!(member_can_read(Role::Relative, Visibility::Network));
        assert!(!member_can_read(Role::Relative, Visibility::Parents));
        assert!(!member_can_read(Role::Relative, Visibility::OnlyMe));
    }

    #[test]
    fn parents_read_shared_sections_but_no_private_ones_through_the_shared_plan() {
        assert!(member_can_read(Role::Parent, Visibility::Network));
        assert!(member_can_read(Role::Parent, Visibility::Parents));
        assert!(!member_can_read(Role::Parent, Visibility::OnlyMe));
    }
}
