//! Fixed versions of the plan: a parent fixes the living plan as an immutable snapshot of its
//! shared sections; members stand behind a version; everyone reads the sections of it that
//! [`rules::decide`] allows, and compares two. Reads by relatives and professionals, and a
//! professional's refused look, go to the access log before the answer (no row, no answer).

pub mod compare;
pub mod rules;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use onsplan_shared::access_log::{ActorRole, LogAction};
use onsplan_shared::family::Role;
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
use crate::db::{families, is_unique_violation, new_id, now_ms, sections, to_utc, DbConnection};
use crate::errors::{AppError, AppResult};
use crate::services::audit::{Actor, Audit};
use crate::services::consent::{self, ProfessionalFacts};
use crate::services::sections::{author, author_names};

use self::compare::Seen;
use self::rules::{Action, Answer, Standing, Verdict};

/// The caller with the facts the rules need and, for those whose reads are logged, who they
/// are in the log.
struct Caller {
    standing: Standing,
    user_id: String,
    actor: Option<Actor>,
}

impl Caller {
    /// Resolves the caller's standing in `family_id` from the database, now.
    fn load(conn: &mut DbConnection, family_id: &str, user: &AuthUser) -> AppResult<Self> {
        let standing = families::standing(conn, family_id, &user.id)?;
        let (standing, actor) = match standing.role.as_deref().and_then(Role::parse) {
            Some(Role::Parent) => (Standing::Parent, None),
            Some(Role::Relative) => (
                Standing::Relative,
                Some(Actor::person(&user.id, &user.name, ActorRole::Relative)),
            ),
            None if user.is_professional() && standing.family_exists => {
                let grants = if standing.linked {
                    consent::grant_facts(conn, family_id, &user.id)?
                } else {
                    Vec::new()
                };
                (
                    Standing::Professional {
                        facts: ProfessionalFacts::of(user, standing.linked),
                        grants,
                        now: now_ms(),
                    },
                    Some(Actor::professional(user)),
                )
            }
            None => (Standing::Outsider, None),
        };
        Ok(Self {
            standing,
            user_id: user.id.clone(),
            actor,
        })
    }

    fn decide(&self, action: Action) -> Verdict {
        rules::decide(&self.standing, action)
    }

    /// The verdict as a result: the error a refusal answers with.
    fn require(&self, action: Action) -> AppResult<rules::Basis> {
        match self.decide(action) {
            Verdict::Allow(basis) => Ok(basis),
            Verdict::Deny { answer, .. } => Err(refusal(answer)),
        }
    }

    /// An access-log event by this caller in `family_id`, if their reads are logged.
    fn event(&self, family_id: &str, request_id: Option<&str>) -> Option<Audit> {
        let actor = self.actor.as_ref()?;
        let event = Audit::new(actor, LogAction::Read)
            .family(family_id)
            .request_id(request_id);
        Some(match actor.role {
            ActorRole::Professional => event.acting_for(actor.org_name.as_deref().unwrap_or("")),
            _ => event,
        })
    }
}

fn refusal(answer: Answer) -> AppError {
    match answer {
        Answer::NotFound => AppError::NotFound,
        Answer::Forbidden => AppError::Forbidden,
    }
}

/// The versions of the family the caller may see, newest first.
pub async fn list(db: &Db, user: &AuthUser, family: Uuid) -> AppResult<VersionList> {
    let user = user.clone();
    db.read(move |conn| {
        let family_id = family.to_string();
        let caller = Caller::load(conn, &family_id, &user)?;
        caller.require(Action::See)?;
        let rows = versions::list(conn, &family_id)?;
        Ok(VersionList {
            versions: summaries(conn, &caller, &rows)?,
            may_fix: caller.decide(Action::Fix).allowed(),
        })
    })
    .await
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
        let caller = Caller::load(conn, &family_id, &user)?;
        caller.require(Action::Fix)?;
        // Checked only after the right to fix, so a stranger learns nothing from it.
        request.validate()?;
        let version = VersionRow {
            id: new_id(),
            family_id: family_id.clone(),
            title: request.title.trim().to_string(),
            agreed_on: request.agreed_on.format("%Y-%m-%d").to_string(),
            fixed_by: user.id.clone(),
            fixed_at: now_ms(),
        };
        let snapshot: Vec<VersionSectionRow> = sections::list(conn, &family_id, SHARED_SCOPE)?
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
        let summary = summaries(conn, &caller, std::slice::from_ref(&version))?
            .pop()
            .ok_or_else(|| corrupt("version"))?;
        let sections = sort(&caller, &snapshot)?.shown;
        Ok(PlanVersion { summary, sections })
    })
    .await
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
        let caller = Caller::load(conn, &family_id, &user)?;
        let rid = request_id.as_deref();
        if let Some(refused) = refused_look(&caller, &family_id, rid, version) {
            return Ok(refused);
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
        Ok((Ok(PlanVersion { summary, sections }), append_all(events)))
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
        let caller = Caller::load(conn, &family_id, &user)?;
        let rid = request_id.as_deref();
        if let Some(refused) = refused_look(&caller, &family_id, rid, from) {
            return Ok(refused);
        }
        let (old_row, new_row) = (find(conn, &family_id, from)?, find(conn, &family_id, to)?);
        let old = versions::sections(conn, &old_row.id)?;
        let new = versions::sections(conn, &new_row.id)?;
        let (old, new) = (seen(&caller, &old)?, seen(&caller, &new)?);
        let changes = compare::compare(&seen_map(&old), &seen_map(&new));
        let compared: Vec<SectionKind> = changes.iter().map(|change| change.kind).collect();
        let shown =
            |read: &[(VersionSection, rules::Basis)]| -> Vec<(VersionSection, rules::Basis)> {
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
        Ok((Ok(comparison), append_all(events)))
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
        let caller = Caller::load(conn, &family_id, &user)?;
        caller.require(Action::See)?;
        let row = find(conn, &family_id, version)?;
        caller.require(Action::Endorse)?;
        if stand {
            let endorsement = EndorsementRow {
                version_id: row.id.clone(),
                user_id: user.id.clone(),
                endorsed_at: now_ms(),
            };
            // In a savepoint: a second endorsement meets the key and is the first one.
            match diesel::Connection::transaction(conn, |conn| {
                versions::endorse(conn, &endorsement)
            }) {
                Err(err) if is_unique_violation(&err) => {}
                other => other?,
            }
        } else {
            versions::withdraw(conn, &row.id, &user.id)?;
        }
        summaries(conn, &caller, std::slice::from_ref(&row))?
            .pop()
            .ok_or_else(|| corrupt("version"))
    })
    .await
}

/// Appends access-log rows once a read is done.
type LogWrite = Box<dyn FnOnce(&mut DbConnection) -> AppResult<()> + Send>;

/// A read's answer and the log rows it waits for.
type Answered<T> = (AppResult<T>, Option<LogWrite>);

/// When the caller may not see versions at all: the refusal, with a log row for a
/// professional (their refused looks are on the family's record).
fn refused_look<T>(
    caller: &Caller,
    family_id: &str,
    request_id: Option<&str>,
    version: Uuid,
) -> Option<Answered<T>> {
    let Verdict::Deny { reason, answer } = caller.decide(Action::See) else {
        return None;
    };
    let event = match caller.standing {
        Standing::Professional { .. } => caller
            .event(family_id, request_id)
            .map(|event| event.target(&version.to_string()).denied(reason.as_str())),
        _ => None,
    };
    Some((
        Err(refusal(answer)),
        append_all(event.into_iter().collect()),
    ))
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
    read: Vec<(VersionSection, rules::Basis)>,
}

/// For a comparison: never-written sections (version 0) count as not there.
fn seen(caller: &Caller, snapshot: &[VersionSectionRow]) -> AppResult<Sorted> {
    let written: Vec<VersionSectionRow> = snapshot
        .iter()
        .filter(|row| row.section_version > 0)
        .cloned()
        .collect();
    sort(caller, &written)
}

fn sort(caller: &Caller, snapshot: &[VersionSectionRow]) -> AppResult<Sorted> {
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
        let action = Action::ReadSection {
            kind: section.kind,
            visibility: section.visibility,
        };
        match caller.decide(action) {
            Verdict::Allow(basis) => {
                sorted.read.push((section.clone(), basis));
                sorted.shown.push(section);
            }
            Verdict::Deny { .. } => sorted.hidden.push(section.kind),
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
    caller: &Caller,
    family_id: &str,
    request_id: Option<&str>,
    version_id: &str,
    read: &[(VersionSection, rules::Basis)],
) -> Vec<Audit> {
    read.iter()
        .filter_map(|(section, basis)| {
            caller.event(family_id, request_id).map(|event| {
                event
                    .section(section.kind, None, Some(section.version))
                    .target(version_id)
                    .basis(basis.for_log())
            })
        })
        .collect()
}

/// The write that appends `events` to the access log, if there are any.
fn append_all(events: Vec<Audit>) -> Option<LogWrite> {
    if events.is_empty() {
        return None;
    }
    Some(Box::new(move |conn: &mut DbConnection| -> AppResult<()> {
        events
            .into_iter()
            .try_for_each(|event| event.append(conn))?;
        Ok(())
    }))
}

/// Versions as the caller sees them in a list: with who stands behind each.
fn summaries(
    conn: &mut DbConnection,
    caller: &Caller,
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
    let may_endorse = caller.decide(Action::Endorse).allowed();
    rows.iter()
        .map(|row| {
            let endorsed = by_version.remove(row.id.as_str()).unwrap_or_default();
            Ok(VersionSummary {
                id: parse_id(&row.id)?,
                title: row.title.clone(),
                agreed_on: NaiveDate::parse_from_str(&row.agreed_on, "%Y-%m-%d")
                    .map_err(|_| corrupt("version date"))?,
                fixed_by: author(&names, &row.fixed_by),
                fixed_at: to_utc(row.fixed_at),
                endorsed_by_me: endorsed.iter().any(|e| e.user_id == caller.user_id),
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
    id.parse().map_err(|_| corrupt("id"))
}

fn corrupt(what: &str) -> AppError {
    AppError::Internal(anyhow::anyhow!(
        "stored {what} of a plan version cannot be read"
    ))
}
