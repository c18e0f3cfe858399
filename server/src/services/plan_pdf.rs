//! A PDF of the plan: the living plan or a fixed version, of every section the caller may take
//! out or of the ones named. The access policy judges each section (`Action::Export`); a named
//! section the caller may not export refuses the whole request (never silently left out).
//! Every export, and every refusal, is in the family's access log before the PDF goes out;
//! the typesetting itself runs on a blocking thread, off the async executor.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use onsplan_shared::access_log::{DenialReason, LogAction, LogBasis};
use onsplan_shared::dutch_time::dutch_time;
use onsplan_shared::section::{SectionKind, Visibility};
use onsplan_shared::section_content::{Assignee, SectionContent};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::sections::SHARED_SCOPE;
use crate::db::{corrupt, families, sections, to_utc, versions, Db, DbConnection};
use crate::errors::{AppError, AppResult};
use crate::pdf::document::{Input, PlanDocument, ShownSection, VersionFacts};
use crate::pdf::texts::Texts;
use crate::pdf::{self, Rendered};
use crate::policy::{self, Action, Answer, Caller, Decision, Resource};
use crate::services::access;
use crate::services::audit::Audit;
use crate::services::section_wire::{author_names, parse_content, parse_kind, parse_visibility};

/// What the caller asks for.
#[derive(Debug, Clone)]
pub struct PdfAsk {
    pub version: Option<Uuid>,
    /// `None`: every section the caller may export.
    pub sections: Option<Vec<SectionKind>>,
}

/// The finished PDF.
pub struct PlanPdf {
    pub bytes: Vec<u8>,
    pub file_name: String,
    pub pages: usize,
    pub universal_access: bool,
}

/// Judges, logs, loads and typesets.
pub async fn export(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    ask: PdfAsk,
) -> AppResult<PlanPdf> {
    let user = user.clone();
    let made_at = Utc::now();
    let (document, file_name) = db
        .read_then_write(move |conn| {
            let judged = judge(conn, &user, request_id.as_deref(), family, &ask)?;
            Ok(match judged {
                Judged::Refused(refusal, events) => (Err(refusal), access::append_all(events)),
                Judged::Allowed(plan, events) => {
                    let built = build(conn, &user, family, plan, made_at);
                    (built, access::append_all(events))
                }
            })
        })
        .await??;
    let Rendered {
        bytes,
        pages,
        universal_access,
    } = tokio::task::spawn_blocking(move || pdf::render(&document, made_at))
        .await
        .map_err(|err| AppError::Internal(err.into()))?
        .map_err(AppError::Internal)?;
    Ok(PlanPdf {
        bytes,
        file_name,
        pages,
        universal_access,
    })
}

/// One section of the living plan or of a version.
struct Candidate {
    kind: SectionKind,
    visibility: Visibility,
    version: i64,
    content: String,
}

/// What may go into the PDF.
struct Cleared {
    version: Option<versions::VersionRow>,
    sections: Vec<Candidate>,
}

enum Judged {
    Refused(AppError, Vec<Audit>),
    Allowed(Cleared, Vec<Audit>),
}

fn judge(
    conn: &mut DbConnection,
    user: &AuthUser,
    request_id: Option<&str>,
    family: Uuid,
    ask: &PdfAsk,
) -> AppResult<Judged> {
    let family_id = family.to_string();
    let caller = access::resolve(conn, &family_id, user)?;
    let actor = access::actor(user, &caller);
    let target = ask
        .version
        .map_or_else(|| "plan".to_string(), |v| v.to_string());
    let event = || {
        let event = Audit::new(&actor, LogAction::Export)
            .family(&family_id)
            .request_id(request_id)
            .target(&target);
        match caller {
            Caller::Professional { .. } => event.acting_for(user.org_name.as_deref().unwrap_or("")),
            _ => event,
        }
    };
    // The plan, or the versions, at all.
    let whole = match ask.version {
        Some(_) => Resource::Versions,
        None => Resource::Plan,
    };
    if let Decision::Deny { reason, answer } = policy::decide(&caller, whole, Action::Read) {
        let events = policy::watched(&caller, whole)
            .then(|| event().denied(reason))
            .into_iter()
            .collect();
        return Ok(Judged::Refused(access::refusal(answer), events));
    }
    let (version, candidates) = load(conn, &family_id, ask.version)?;
    let named = ask.sections.is_some();
    let wanted: Vec<Candidate> = match &ask.sections {
        Some(kinds) => {
            let mut by_kind: HashMap<SectionKind, Candidate> =
                candidates.into_iter().map(|c| (c.kind, c)).collect();
            let mut wanted = Vec::new();
            for kind in kinds {
                wanted.push(by_kind.remove(kind).ok_or(AppError::NotFound)?);
            }
            wanted.sort_by_key(|c| c.kind);
            wanted
        }
        None => candidates,
    };
    let mut allowed: Vec<(Candidate, LogBasis)> = Vec::new();
    let mut refused: Vec<(SectionKind, i64, DenialReason, Answer)> = Vec::new();
    for candidate in wanted {
        let resource = Resource::SharedSection {
            kind: candidate.kind,
            visibility: candidate.visibility,
        };
        match policy::decide(&caller, resource, Action::Export) {
            Decision::Allow(basis) => allowed.push((candidate, basis)),
            Decision::Deny { reason, answer } => {
                refused.push((candidate.kind, candidate.version, reason, answer))
            }
        }
    }
    let refuse = (named && !refused.is_empty()) || allowed.is_empty();
    if refuse {
        // Named sections: each refused one is on the record. Everything: the ones the caller
        // knows exist (403), or, when none, one row for the attempt.
        let knows = |answer: &Answer| *answer == Answer::Forbidden;
        let mut events: Vec<Audit> = refused
            .iter()
            .filter(|(_, _, _, answer)| named || knows(answer))
            .map(|(kind, version, reason, _)| {
                event().section(*kind, None, Some(*version)).denied(*reason)
            })
            .collect();
        let hidden = refused.iter().any(|(_, _, _, answer)| !knows(answer));
        let answer = if (named && hidden) || (!named && events.is_empty()) {
            Answer::NotFound
        } else {
            Answer::Forbidden
        };
        if events.is_empty() {
            let reason = refused
                .first()
                .map_or(DenialReason::NoGrant, |(_, _, reason, _)| *reason);
            events.push(event().denied(reason));
        }
        return Ok(Judged::Refused(access::refusal(answer), events));
    }
    let events = allowed
        .iter()
        .map(|(c, basis)| event().section(c.kind, None, Some(c.version)).basis(*basis))
        .collect();
    Ok(Judged::Allowed(
        Cleared {
            version,
            sections: allowed.into_iter().map(|(c, _)| c).collect(),
        },
        events,
    ))
}

/// The shared sections of the living plan, or of version `version` (404 when the family has
/// no such version), in plan order.
fn load(
    conn: &mut DbConnection,
    family_id: &str,
    version: Option<Uuid>,
) -> AppResult<(Option<versions::VersionRow>, Vec<Candidate>)> {
    let (row, mut candidates) = match version {
        Some(id) => {
            let row =
                versions::find(conn, family_id, &id.to_string())?.ok_or(AppError::NotFound)?;
            let sections = versions::sections(conn, &row.id)?
                .into_iter()
                .map(|s| {
                    Ok(Candidate {
                        kind: parse_kind(&s.kind)?,
                        visibility: parse_visibility(&s.visibility)?,
                        version: s.section_version,
                        content: s.content,
                    })
                })
                .collect::<AppResult<Vec<_>>>()?;
            (Some(row), sections)
        }
        None => {
            let sections = sections::list(conn, family_id, SHARED_SCOPE)?
                .into_iter()
                .map(|s| {
                    Ok(Candidate {
                        kind: parse_kind(&s.kind)?,
                        visibility: parse_visibility(&s.visibility)?,
                        version: s.version,
                        content: s.content,
                    })
                })
                .collect::<AppResult<Vec<_>>>()?;
            (None, sections)
        }
    };
    // A shared section is never private; a stored one that says so stays out.
    candidates.retain(|c| c.visibility != Visibility::OnlyMe);
    candidates.sort_by_key(|c| c.kind);
    Ok((row, candidates))
}

/// The document's data: the family, the version with who stands behind it, the sections.
fn build(
    conn: &mut DbConnection,
    user: &AuthUser,
    family: Uuid,
    cleared: Cleared,
    made_at: DateTime<Utc>,
) -> AppResult<(PlanDocument, String)> {
    let texts = Texts::for_locale(&user.locale);
    let family_row = families::find(conn, &family.to_string())?.ok_or(AppError::NotFound)?;
    let sections = cleared
        .sections
        .into_iter()
        .map(|c| {
            Ok(ShownSection {
                kind: c.kind,
                visibility: c.visibility,
                content: parse_content(&c.content)?,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    let version = match &cleared.version {
        Some(row) => {
            let endorsements = versions::endorsements(conn, std::slice::from_ref(&row.id))?;
            let names = author_names(
                conn,
                std::iter::once(row.fixed_by.clone())
                    .chain(endorsements.iter().map(|e| e.user_id.clone())),
            )?;
            let name = |id: &str| {
                names
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| texts.someone.to_string())
            };
            Some(VersionFacts {
                title: row.title.clone(),
                agreed_on: NaiveDate::parse_from_str(&row.agreed_on, "%Y-%m-%d")
                    .map_err(|_| corrupt("version date"))?,
                fixed_by: name(&row.fixed_by),
                endorsements: endorsements
                    .iter()
                    .map(|e| (name(&e.user_id), local_day(to_utc(e.endorsed_at))))
                    .collect(),
            })
        }
        None => None,
    };
    let names = member_names(conn, &sections)?;
    let made_on = local_day(made_at);
    let file_name = format!(
        "ons-plan-{}{}.pdf",
        made_on.format("%Y-%m-%d"),
        if cleared.version.is_some() {
            "-versie"
        } else {
            ""
        }
    );
    let document = PlanDocument::build(Input {
        texts,
        family: family_row.name,
        version,
        made_on,
        sections,
        names: &names,
    });
    Ok((document, file_name))
}

/// The day in the Netherlands.
fn local_day(at: DateTime<Utc>) -> NaiveDate {
    dutch_time(at).date_naive()
}

/// Names of the members agreements name (who does it, who took it).
fn member_names(
    conn: &mut DbConnection,
    sections: &[ShownSection],
) -> AppResult<HashMap<Uuid, String>> {
    let mut ids: Vec<Uuid> = Vec::new();
    for section in sections {
        if let SectionContent::Agreements(agreements) = &section.content {
            for item in &agreements.items {
                if let Assignee::Member { user_id } = &item.who {
                    ids.push(*user_id);
                }
                if let Some(taken) = &item.commitment {
                    ids.push(taken.taker);
                }
            }
        }
    }
    let names = author_names(conn, ids.iter().map(Uuid::to_string))?;
    Ok(ids
        .into_iter()
        .filter_map(|id| names.get(&id.to_string()).map(|name| (id, name.clone())))
        .collect())
}
