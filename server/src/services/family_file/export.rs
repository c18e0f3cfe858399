//! Writing the family's file: parents only (`Resource::Family`, `Action::Export`), of what the
//! exporting parent may read: the shared plan, their own private sections (never another
//! parent's), the history, comments, versions, commitments, grants and the access log as they
//! read it. Every export is in the access log, and the file goes out only once that row is
//! durable; a relative's attempt is refused (403) and logged, anyone else learns nothing (404).

use std::collections::{BTreeMap, HashSet};

use onsplan_shared::access_log::LogAction;
use onsplan_shared::family::Role;
use onsplan_shared::family_file::{
    FamilyFile, FileComment, FileCommitment, FileEndorsement, FileFamily, FilePerson, FileRevision,
    FileSection, FileVersion, FileVersionSection, FORMAT, FORMAT_VERSION,
};
use onsplan_shared::section::SectionKind;
use onsplan_shared::section_content::SectionContent;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::access_log::LogFilter;
use crate::db::models::SectionRow;
use crate::db::sections::SHARED_SCOPE;
use crate::db::{
    access_log, comments, corrupt, families, grants, now_ms, sections, stored_id, to_utc, users,
    versions, Db, DbConnection,
};
use crate::errors::{AppError, AppResult};
use crate::policy::{self, Action, Caller, Resource};
use crate::services::access::{self, Ask, Asking};
use crate::services::audit::Audit;
use crate::services::section_wire::{parse_kind, parse_visibility};

use super::{digest_of_family, ids_in};

/// The file of `family` as JSON bytes, for a parent; the export is logged first.
pub async fn export(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
) -> AppResult<Vec<u8>> {
    let asking = Asking::new(user, family, request_id);
    db.read_then_write(move |conn| {
        let caller = access::resolve(conn, &asking.family_id(), &asking.user)?;
        let ask =
            Ask::new(Resource::Family, Action::Export, LogAction::Export).about("family_file");
        let (outcome, event) = access::judge(&asking, &caller, &ask);
        let basis = match outcome {
            Ok(basis) => basis,
            Err(refused) => return Ok((Err(refused), access::append(event))),
        };
        let file = collect(conn, &asking.family_id(), &caller, &asking.user.id)?;
        let bytes =
            serde_json::to_vec_pretty(&file).map_err(|err| AppError::Internal(err.into()))?;
        // A parent's reads are not watched, but taking the whole family out always is.
        let event = event.unwrap_or_else(|| {
            Audit::new(&access::actor(&asking.user, &caller), LogAction::Export)
                .family(&asking.family_id())
                .request_id(asking.request_id.as_deref())
                .target("family_file")
                .basis(basis)
        });
        Ok((Ok(bytes), access::append(Some(event))))
    })
    .await?
}

/// Everything the family holds that `caller` (a parent, `me`) may take out.
fn collect(
    conn: &mut DbConnection,
    family_id: &str,
    caller: &Caller,
    me: &str,
) -> AppResult<FamilyFile> {
    let family = families::find(conn, family_id)?.ok_or(AppError::NotFound)?;
    let members = families::members(conn, family_id)?;
    let member_ids: HashSet<Uuid> = members
        .iter()
        .map(|(m, _)| stored_id(&m.user_id, "member id"))
        .collect::<Result<_, _>>()?;

    let mut rows = sections::list(conn, family_id, SHARED_SCOPE)?;
    rows.extend(sections::list(conn, family_id, me)?);
    let mut file_sections = Vec::new();
    for row in rows {
        if !may_export(caller, &row)? {
            continue;
        }
        file_sections.push(section(conn, &row)?);
    }
    file_sections.sort_by_key(|s| (s.owner.is_some(), s.kind));

    let mut file_comments = Vec::new();
    for kind in SectionKind::ALL {
        for row in comments::for_section(conn, family_id, kind.as_str())? {
            let author = stored_id(&row.author_id, "comment author")?;
            if policy::sees_comment(caller, author, member_ids.contains(&author)) {
                file_comments.push(FileComment {
                    section: kind,
                    author,
                    body: row.body,
                    created_at: to_utc(row.created_at),
                });
            }
        }
    }

    let file_versions = plan_versions(conn, family_id, caller)?;
    let commitments = commitments_of(&file_sections)?;
    let grant_rows: Vec<_> = grants::for_family(conn, family_id, None)?
        .into_iter()
        .map(|row| Ok((crate::services::grants::may_act_on(caller, &row)?, row)))
        .collect::<AppResult<Vec<_>>>()?
        .into_iter()
        .filter_map(|(may, row)| may.then_some(row))
        .collect();
    let file_grants = crate::services::grants::to_wire(conn, &grant_rows, now_ms())?
        .iter()
        .map(as_json)
        .collect::<AppResult<Vec<_>>>()?;
    let filter = LogFilter {
        reader_id: me.to_string(),
        limit: i64::MAX,
        ..LogFilter::default()
    };
    let log = access_log::for_family(conn, family_id, &filter)?
        .iter()
        .map(|row| as_json(&crate::services::access_log::to_entry(row)?))
        .collect::<AppResult<Vec<_>>>()?;

    let mut people: BTreeMap<Uuid, FilePerson> = BTreeMap::new();
    for (member, name) in &members {
        let id = stored_id(&member.user_id, "member id")?;
        let email = users::find_any(conn, &member.user_id)?.map(|u| u.email);
        people.insert(
            id,
            FilePerson {
                id,
                name: name.clone(),
                email,
                role: Some(Role::parse(&member.role).ok_or_else(|| corrupt("membership role"))?),
                joined_at: Some(to_utc(member.joined_at)),
            },
        );
    }
    let named = referenced(&file_sections, &file_comments, &file_versions, &commitments);
    let others: Vec<String> = named
        .iter()
        .filter(|id| !people.contains_key(id))
        .map(Uuid::to_string)
        .collect();
    for (id, name) in users::names(conn, &others)? {
        let id = stored_id(&id, "account id")?;
        people.insert(
            id,
            FilePerson {
                id,
                name,
                email: None,
                role: None,
                joined_at: None,
            },
        );
    }

    let body = FileFamily {
        name: family.name,
        both_parents_must_agree: family.both_parents_must_agree,
        created_at: to_utc(family.created_at),
        people: people.into_values().collect(),
        sections: file_sections,
        comments: file_comments,
        versions: file_versions,
        commitments,
        grants: file_grants,
        access_log: log,
    };
    Ok(FamilyFile {
        format: FORMAT.to_string(),
        version: FORMAT_VERSION,
        exported_at: to_utc(now_ms()),
        exported_by: stored_id(me, "account id")?,
        digest: digest_of_family(&body)?,
        family: body,
    })
}

fn as_json(value: &impl serde::Serialize) -> AppResult<serde_json::Value> {
    serde_json::to_value(value).map_err(|err| AppError::Internal(err.into()))
}

/// Whether the policy lets `caller` take this section out.
fn may_export(caller: &Caller, row: &SectionRow) -> AppResult<bool> {
    let kind = parse_kind(&row.kind)?;
    let visibility = parse_visibility(&row.visibility)?;
    let resource = match &row.owner_id {
        None => Resource::SharedSection { kind, visibility },
        Some(owner) => Resource::PrivateSection {
            kind,
            owner: stored_id(owner, "section owner")?,
            owner_is_parent: true,
        },
    };
    Ok(policy::decide(caller, resource, Action::Export).is_allowed())
}

fn content_value(json: &str) -> AppResult<serde_json::Value> {
    Ok(serde_json::from_str(json).map_err(|_| corrupt("section content"))?)
}

/// One section with its revisions, oldest first.
fn section(conn: &mut DbConnection, row: &SectionRow) -> AppResult<FileSection> {
    let mut revisions = sections::revisions(conn, &row.id)?
        .into_iter()
        .map(|rev| -> AppResult<FileRevision> {
            Ok(FileRevision {
                version: rev.version,
                visibility: parse_visibility(&rev.visibility)?,
                content: content_value(&rev.content)?,
                saved_by: stored_id(&rev.saved_by, "revision author")?,
                saved_at: to_utc(rev.saved_at),
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    revisions.reverse();
    Ok(FileSection {
        kind: parse_kind(&row.kind)?,
        owner: row
            .owner_id
            .as_deref()
            .map(|o| stored_id(o, "section owner"))
            .transpose()?,
        visibility: parse_visibility(&row.visibility)?,
        version: row.version,
        content: content_value(&row.content)?,
        updated_at: row.updated_at.map(to_utc),
        updated_by: row
            .updated_by
            .as_deref()
            .map(|o| stored_id(o, "section author"))
            .transpose()?,
        revisions,
    })
}

/// The fixed versions, oldest first, with the sections the caller may take out.
fn plan_versions(
    conn: &mut DbConnection,
    family_id: &str,
    caller: &Caller,
) -> AppResult<Vec<FileVersion>> {
    let mut rows = versions::list(conn, family_id)?;
    rows.reverse();
    let ids: Vec<String> = rows.iter().map(|v| v.id.clone()).collect();
    let endorsements = versions::endorsements(conn, &ids)?;
    rows.into_iter()
        .map(|version| -> AppResult<FileVersion> {
            let mut snapshot = Vec::new();
            for s in versions::sections(conn, &version.id)? {
                let kind = parse_kind(&s.kind)?;
                let visibility = parse_visibility(&s.visibility)?;
                let resource = Resource::SharedSection { kind, visibility };
                if policy::decide(caller, resource, Action::Export).is_allowed() {
                    snapshot.push(FileVersionSection {
                        kind,
                        visibility,
                        section_version: s.section_version,
                        content: content_value(&s.content)?,
                    });
                }
            }
            snapshot.sort_by_key(|s| s.kind);
            Ok(FileVersion {
                title: version.title,
                agreed_on: version
                    .agreed_on
                    .parse()
                    .map_err(|_| corrupt("version date"))?,
                fixed_by: stored_id(&version.fixed_by, "version author")?,
                fixed_at: to_utc(version.fixed_at),
                sections: snapshot,
                endorsements: endorsements
                    .iter()
                    .filter(|e| e.version_id == version.id)
                    .map(|e| -> AppResult<FileEndorsement> {
                        Ok(FileEndorsement {
                            person: stored_id(&e.user_id, "endorser")?,
                            endorsed_at: to_utc(e.endorsed_at),
                        })
                    })
                    .collect::<AppResult<_>>()?,
            })
        })
        .collect()
}

/// Who took which agreement of the shared `agreements` section.
fn commitments_of(file_sections: &[FileSection]) -> AppResult<Vec<FileCommitment>> {
    let Some(agreements) = file_sections
        .iter()
        .find(|s| s.kind == SectionKind::Agreements && s.owner.is_none())
    else {
        return Ok(Vec::new());
    };
    let content: SectionContent =
        serde_json::from_value(agreements.content.clone()).map_err(|_| corrupt("agreements"))?;
    let SectionContent::Agreements(list) = content else {
        return Err(corrupt("agreements").into());
    };
    Ok(list
        .items
        .into_iter()
        .filter_map(|item| {
            let c = item.commitment?;
            Some(FileCommitment {
                agreement: item.id,
                what: item.what,
                taker: c.taker,
                due: c.due,
                taken_at: c.taken_at,
                assigned_by: c.assigned_by,
                done_at: c.done_at,
            })
        })
        .collect())
}

/// Every id the file's content and records name, to find the people behind them.
fn referenced(
    file_sections: &[FileSection],
    file_comments: &[FileComment],
    file_versions: &[FileVersion],
    commitments: &[FileCommitment],
) -> HashSet<Uuid> {
    let mut found = HashSet::new();
    for s in file_sections {
        ids_in(&s.content, &mut found);
        found.extend(s.updated_by);
        for r in &s.revisions {
            ids_in(&r.content, &mut found);
            found.insert(r.saved_by);
        }
    }
    found.extend(file_comments.iter().map(|c| c.author));
    for v in file_versions {
        found.insert(v.fixed_by);
        found.extend(v.endorsements.iter().map(|e| e.person));
        for s in &v.sections {
            ids_in(&s.content, &mut found);
        }
    }
    for c in commitments {
        found.insert(c.taker);
        found.extend(c.assigned_by);
    }
    found
}
