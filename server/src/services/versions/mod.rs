//! Fixed versions of the plan: a parent fixes the living plan as an immutable snapshot of its
//! shared sections; members stand behind a version; everyone reads the sections of it that the
//! access policy allows, and compares two. Reads by relatives and professionals, and a
//! professional's refused look, go to the access log before the answer (no row, no answer).

pub mod compare;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use onsplan_shared::access_log::{DenialReason, LogAction, LogBasis};
use onsplan_shared::section::{SectionKind, Visibility};
use onsplan_shared::version::{
    Endorsement, FixVersionRequest, PlanVersion, VersionComparison, VersionList, VersionSection,
    VersionSummary,
};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::sections::SHARED_SCOPE;
use crate::db::versions::{self, EndorsementRow, VersionRow, VersionSectionRow};
use crate::db::Db;
use crate::db::{
    corrupt, is_unique_violation, new_id, now_ms, sections, stored_id, to_utc, DbConnection,
};
use crate::errors::{AppError, AppResult};
use crate::policy::{self, Action, Answer, Caller, Decision, Resource};
use crate::services::access;
use crate::services::audit::Audit;
use crate::services::section_wire::{author, author_names};

use self::compare::Seen;

/// The caller as the policy knows them, with the account the log names.
struct Viewer {
    caller: Caller,
    user: AuthUser,
}

impl Viewer {
    /// Resolves the caller's standing in `family_id` from the database, now.
    fn load(conn: &mut DbConnection, family_id: &str, user: &AuthUser) -> AppResult<Self> {
        Ok(Self {
            caller: access::resolve(conn, family_id, user)?,
            user: user.clone(),
        })
    }

    fn decide(&self, resource: Resource, action: Action) -> Decision {
        policy::decide(&self.caller, resource, action)
    }

    /// An access-log event by this caller in `family_id`, if the policy watches them.
    fn event(&self, family_id: &str, request_id: Option<&str>) -> Option<Audit> {
        self.event_of(LogAction::Read, family_id, request_id)
    }

    fn event_of(
        &self,
        action: LogAction,
        family_id: &str,
        request_id: Option<&str>,
    ) -> Option<Audit> {
        if !policy::watched(&self.caller, Resource::Versions) {
            return None;
        }
        let event = Audit::new(&access::actor(&self.user, &self.caller), action)
            .family(family_id)
            .request_id(request_id);
        Some(match self.caller {
            Caller::Professional { .. } => {
                event.acting_for(self.user.org_name.as_deref().unwrap_or(""))
            }
            _ => event,
        })
    }

    fn id(&self) -> &str {
        &self.user.id
    }
}

/// The versions of the family the caller may see, newest first.
pub async fn list(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
) -> AppResult<VersionList> {
    let user = user.clone();
    db.read_then_write(move |conn| {
        let family_id = family.to_string();
        let caller = Viewer::load(conn, &family_id, &user)?;
        if let Some((refused, events)) =
            refused_look(&caller, &family_id, request_id.as_deref(), "versions")
        {
            return Ok((Err(refused), access::append_all(events)));
        }
        let rows = versions::list(conn, &family_id)?;
        let list = VersionList {
            versions: summaries(conn, &caller, &rows)?,
            may_fix: caller.decide(Resource::Versions, Action::Fix).is_allowed(),
        };
        Ok((Ok(list), access::append_all(Vec::new())))
    })
    .await?
}

/// Fixes the shared plan as it is now: every shared section, read and copied in the same
/// transaction, so the snapshot is one moment of the plan.
pub async fn fix(
    db: &Db,
    user: &AuthUser,
    family: Uuid,
    request: FixVersionRequest,
) -> AppResult<PlanVersion> {
    let user = user.clone();
    db.write(move |conn| {
        let family_id = family.to_string();
        let caller = Viewer::load(conn, &family_id, &user)?;
        if let Decision::Deny { reason, answer } = caller.decide(Resource::Versions, Action::Fix) {
            return refused_write(conn, &caller, &family_id, "versions", reason, answer);
        }
        // Checked only after the right to fix, so a stranger learns nothing from it.
        Ok(diesel::Connection::transaction(conn, |conn| {
            fix_now(conn, &caller, &family_id, &request)
        }))
    })
    .await?
}

/// Copies the shared plan into a new version, inside the caller's transaction.
fn fix_now(
    conn: &mut DbConnection,
    caller: &Viewer,
    family_id: &str,
    request: &FixVersionRequest,
) -> AppResult<PlanVersion> {
    {
        request.validate()?;
        let version = VersionRow {
            id: new_id(),
            family_id: family_id.to_string(),
            title: request.title.trim().to_string(),
            agreed_on: request.agreed_on.format("%Y-%m-%d").to_string(),
            fixed_by: caller.id().to_string(),
            fixed_at: now_ms(),
        };
        let snapshot: Vec<VersionSectionRow> = sections::list(conn, family_id, SHARED_SCOPE)?
            .into_iter()
            .filter(|row| {
                Visibility::parse(&row.visibility).is_some_and(|v| v != Visibility::OnlyMe)
            })
            .map(|row| VersionSectionRow {
                version_id: version.id.clone(),
                kind: row.kind,
                visibility: row.visibility,
                section_version: row.version,
                content: row.content,
            })
            .collect();
        versions::insert(conn, &version, &snapshot)?;
        let summary = summaries(conn, caller, std::slice::from_ref(&version))?
            .pop()
            .ok_or_else(|| corrupt("version"))?;
        let sections = sort(caller, &snapshot)?.shown;
        Ok(PlanVersion { summary, sections })
    }
}

/// One version with the sections the caller may read; each read by a relative or
/// professional is logged, and so is a professional's refused look.
pub async fn get(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    version: Uuid,
) -> AppResult<PlanVersion> {
    let user = user.clone();
    db.read_then_write(move |conn| {
        let family_id = family.to_string();
        let caller = Viewer::load(conn, &family_id, &user)?;
        let rid = request_id.as_deref();
        if let Some((refused, events)) =
            refused_look(&caller, &family_id, rid, &version.to_string())
        {
            return Ok((Err(refused), access::append_all(events)));
        }
        let row = find(conn, &family_id, version)?;
        let snapshot = versions::sections(conn, &row.id)?;
        let Sorted {
            shown: sections,
            read,
            ..
        } = sort(&caller, &snapshot)?;
        let events = read_events(&caller, &family_id, rid, &row.id, &read);
        let summary = summaries(conn, &caller, std::slice::from_ref(&row))?
            .pop()
            .ok_or_else(|| corrupt("version"))?;
        Ok((
            Ok(PlanVersion { summary, sections }),
            access::append_all(events),
        ))
    })
    .await?
}

/// What changed from version `from` to version `to`, over the sections the caller may read
/// in both; logged as reads of those sections of both versions.
pub async fn compare(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    from: Uuid,
    to: Uuid,
) -> AppResult<VersionComparison> {
    let user = user.clone();
    db.read_then_write(move |conn| {
        let family_id = family.to_string();
        let caller = Viewer::load(conn, &family_id, &user)?;
        let rid = request_id.as_deref();
        if let Some((refused, events)) = refused_look(&caller, &family_id, rid, &from.to_string()) {
            return Ok((Err(refused), access::append_all(events)));
        }
        let (old_row, new_row) = (find(conn, &family_id, from)?, find(conn, &family_id, to)?);
        let old = versions::sections(conn, &old_row.id)?;
        let new = versions::sections(conn, &new_row.id)?;
        let (old, new) = (seen(&caller, &old)?, seen(&caller, &new)?);
        let changes = compare::compare(&seen_map(&old), &seen_map(&new));
        let compared: Vec<SectionKind> = changes.iter().map(|change| change.kind).collect();
        let shown = |read: &[(VersionSection, LogBasis)]| -> Vec<(VersionSection, LogBasis)> {
            read.iter()
                .filter(|(section, _)| compared.contains(&section.kind))
                .cloned()
                .collect()
        };
        let mut events = read_events(&caller, &family_id, rid, &old_row.id, &shown(&old.read));
        events.extend(read_events(
            &caller,
            &family_id,
            rid,
            &new_row.id,
            &shown(&new.read),
        ));
        let comparison = VersionComparison {
            from,
            to,
            sections: changes,
        };
        Ok((Ok(comparison), access::append_all(events)))
    })
    .await?
}

/// The caller stands behind a version (`stand`), or takes that back. Repeating either
/// changes nothing; two racing endorsements by one member make one.
pub async fn endorse(
    db: &Db,
    user: &AuthUser,
    family: Uuid,
    version: Uuid,
    stand: bool,
) -> AppResult<VersionSummary> {
    let user = user.clone();
    db.write(move |conn| {
        let family_id = family.to_string();
        let caller = Viewer::load(conn, &family_id, &user)?;
        if let Decision::Deny { reason, answer } = caller.decide(Resource::Versions, Action::Read) {
            let target = version.to_string();
            return refused_write(conn, &caller, &family_id, &target, reason, answer);
        }
        let row = match find(conn, &family_id, version) {
            Ok(row) => row,
            Err(missing) => return Ok(Err(missing)),
        };
        let given = versions::endorsements(conn, std::slice::from_ref(&row.id))?
            .iter()
            .any(|e| e.user_id == user.id);
        // Standing behind it again changes nothing: the answer is the version as it is.
        if !(stand && given) {
            let action = if stand {
                Action::Endorse
            } else {
                Action::Withdraw
            };
            let asked = caller.decide(Resource::Endorsement { given }, action);
            if let Decision::Deny { reason, answer } = asked {
                return refused_write(conn, &caller, &family_id, &row.id, reason, answer);
            }
        }
        Ok(diesel::Connection::transaction(conn, |conn| {
            if stand && !given {
                let endorsement = EndorsementRow {
                    version_id: row.id.clone(),
                    user_id: user.id.clone(),
                    endorsed_at: now_ms(),
                };
                // In a savepoint: a racing second endorsement meets the key and is the first.
                match diesel::Connection::transaction(conn, |conn| {
                    versions::endorse(conn, &endorsement)
                }) {
                    Err(err) if is_unique_violation(&err) => {}
                    other => other?,
                }
            } else if !stand {
                versions::withdraw(conn, &row.id, &user.id)?;
            }
            summaries(conn, &caller, std::slice::from_ref(&row))?
                .pop()
                .ok_or_else(|| AppError::from(corrupt("version")))
        }))
    })
    .await?
}

/// A refused change: a watched caller's attempt is on the family's record (the row commits,
/// nothing else does), and the refusal is the answer.
fn refused_write<T>(
    conn: &mut DbConnection,
    caller: &Viewer,
    family_id: &str,
    target: &str,
    reason: DenialReason,
    answer: Answer,
) -> AppResult<AppResult<T>> {
    if let Some(event) = caller.event_of(LogAction::Write, family_id, None) {
        event.target(target).denied(reason).append(conn)?;
    }
    Ok(Err(access::refusal(answer)))
}

/// When the caller may not see versions at all: the refusal, with a log row for a
/// professional (their refused looks are on the family's record).
fn refused_look(
    caller: &Viewer,
    family_id: &str,
    request_id: Option<&str>,
    target: &str,
) -> Option<(AppError, Vec<Audit>)> {
    let Decision::Deny { reason, answer } = caller.decide(Resource::Versions, Action::Read) else {
        return None;
    };
    let event = caller
        .event(family_id, request_id)
        .map(|event| event.target(target).denied(reason));
    Some((access::refusal(answer), event.into_iter().collect()))
}

fn find(conn: &mut DbConnection, family_id: &str, version: Uuid) -> AppResult<VersionRow> {
    versions::find(conn, family_id, &version.to_string())?.ok_or(AppError::NotFound)
}

/// A snapshot's sections sorted for the caller, in plan order.
struct Sorted {
    /// What the caller may read.
    shown: Vec<VersionSection>,
    /// There, but not for this caller.
    hidden: Vec<SectionKind>,
    /// Each shown section with the basis its log row records.
    read: Vec<(VersionSection, LogBasis)>,
}

/// For a comparison: never-written sections (version 0) count as not there.
fn seen(caller: &Viewer, snapshot: &[VersionSectionRow]) -> AppResult<Sorted> {
    let written: Vec<VersionSectionRow> = snapshot
        .iter()
        .filter(|row| row.section_version > 0)
        .cloned()
        .collect();
    sort(caller, &written)
}

fn sort(caller: &Viewer, snapshot: &[VersionSectionRow]) -> AppResult<Sorted> {
    let mut all = snapshot
        .iter()
        .map(to_section)
        .collect::<AppResult<Vec<_>>>()?;
    all.sort_by_key(|section| section.kind);
    let mut sorted = Sorted {
        shown: Vec::new(),
        hidden: Vec::new(),
        read: Vec::new(),
    };
    for section in all {
        let resource = Resource::SharedSection {
            kind: section.kind,
            visibility: section.visibility,
        };
        match caller.decide(resource, Action::Read) {
            Decision::Allow(basis) => {
                sorted.read.push((section.clone(), basis));
                sorted.shown.push(section);
            }
            Decision::Deny { .. } => sorted.hidden.push(section.kind),
        }
    }
    Ok(sorted)
}

fn seen_map(sorted: &Sorted) -> BTreeMap<SectionKind, Seen<'_>> {
    let mut map: BTreeMap<SectionKind, Seen<'_>> = sorted
        .hidden
        .iter()
        .map(|kind| (*kind, Seen::Hidden))
        .collect();
    map.extend(
        sorted
            .shown
            .iter()
            .map(|section| (section.kind, Seen::Readable(section))),
    );
    map
}

/// One log row per section read, for callers whose reads are logged.
fn read_events(
    caller: &Viewer,
    family_id: &str,
    request_id: Option<&str>,
    version_id: &str,
    read: &[(VersionSection, LogBasis)],
) -> Vec<Audit> {
    read.iter()
        .filter_map(|(section, basis)| {
            caller.event(family_id, request_id).map(|event| {
                event
                    .section(section.kind, None, Some(section.version))
                    .target(version_id)
                    .basis(*basis)
            })
        })
        .collect()
}

/// Versions as the caller sees them in a list: with who stands behind each.
fn summaries(
    conn: &mut DbConnection,
    caller: &Viewer,
    rows: &[VersionRow],
) -> AppResult<Vec<VersionSummary>> {
    let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
    let endorsements = versions::endorsements(conn, &ids)?;
    let names = author_names(
        conn,
        rows.iter()
            .map(|row| row.fixed_by.clone())
            .chain(endorsements.iter().map(|e| e.user_id.clone())),
    )?;
    let mut by_version: HashMap<&str, Vec<&EndorsementRow>> = HashMap::new();
    for endorsement in &endorsements {
        by_version
            .entry(endorsement.version_id.as_str())
            .or_default()
            .push(endorsement);
    }
    let may_endorse = caller
        .decide(Resource::Endorsement { given: false }, Action::Endorse)
        .is_allowed();
    rows.iter()
        .map(|row| {
            let endorsed = by_version.remove(row.id.as_str()).unwrap_or_default();
            Ok(VersionSummary {
                id: parse_id(&row.id)?,
                title: row.title.clone(),
                agreed_on: NaiveDate::parse_from_str(&row.agreed_on, "%Y-%m-%d")
                    .map_err(|_| corrupt("version date"))?,
                fixed_by: author(&names, &row.fixed_by)?,
                fixed_at: to_utc(row.fixed_at),
                endorsed_by_me: endorsed.iter().any(|e| e.user_id == caller.id()),
                endorsements: endorsed
                    .iter()
                    .map(|e| {
                        Ok(Endorsement {
                            user_id: parse_id(&e.user_id)?,
                            name: names.get(&e.user_id).cloned().unwrap_or_default(),
                            endorsed_at: to_utc(e.endorsed_at),
                        })
                    })
                    .collect::<AppResult<Vec<_>>>()?,
                may_endorse,
            })
        })
        .collect()
}

fn to_section(row: &VersionSectionRow) -> AppResult<VersionSection> {
    Ok(VersionSection {
        kind: SectionKind::parse(&row.kind).ok_or_else(|| corrupt("section kind"))?,
        visibility: Visibility::parse(&row.visibility).ok_or_else(|| corrupt("visibility"))?,
        version: row.section_version,
        content: serde_json::from_str(&row.content).map_err(|_| corrupt("section content"))?,
    })
}

fn parse_id(id: &str) -> AppResult<Uuid> {
    Ok(stored_id(id, "id of a plan version")?)
}
