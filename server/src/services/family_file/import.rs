//! Making a new family from a family file, on any Ons Plan server. The file is read and
//! checked completely first ([`super::check`]), then the family is written in one
//! transaction: nothing is ever half-imported.
//!
//! The importing person becomes the family's only member, as its parent, in the place of the
//! parent who made the file (their private sections become the importer's). Nobody else
//! carries over: the other members come back as a list of people to invite again, and no
//! grant, link or access-log row is imported. What others wrote stays, under their name: each
//! other author gets a disabled account on this server that holds only that name (it has no
//! usable password or reachable address and can never sign in).

use std::collections::{HashMap, HashSet};

use onsplan_shared::auth::AccountKind;
use onsplan_shared::family::Role;
use onsplan_shared::family_file::{FamilyFile, FilePerson, ImportedFamily, PersonToInvite};
use onsplan_shared::section::SectionKind;
use onsplan_shared::section_content::SectionContent;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::{CommentRow, FamilyRow, MembershipRow, RevisionRow, SectionRow, UserRow};
use crate::db::sections::SHARED_SCOPE;
use crate::db::versions::{EndorsementRow, VersionRow, VersionSectionRow};
use crate::db::{comments, families, new_id, now_ms, sections, users, versions, Db, DbConnection};
use crate::errors::{AppError, AppResult};
use crate::policy::Caller;
use crate::services::families::load_detail;

use super::check::{check, read};
use super::rename_ids;

/// Makes a new family of `body` for `user` (a person's account).
pub async fn import(db: &Db, user: &AuthUser, body: &[u8]) -> AppResult<ImportedFamily> {
    if user.kind != AccountKind::Person {
        return Err(AppError::Forbidden);
    }
    let file = read(body)?;
    check(&file)?;
    let user = user.clone();
    db.write(move |conn| store(conn, &user, file)).await
}

/// Who each person of the file is on this server: the importer in the place of the parent
/// who made the file, everyone else a name-only account made the first time it is needed.
struct People<'a> {
    file: &'a HashMap<Uuid, &'a FilePerson>,
    accounts: HashMap<Uuid, String>,
    now: i64,
}

impl People<'_> {
    fn account(&mut self, conn: &mut DbConnection, id: Uuid) -> AppResult<String> {
        if let Some(account) = self.accounts.get(&id) {
            return Ok(account.clone());
        }
        let name = self
            .file
            .get(&id)
            .map(|p| p.name.trim().to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "?".to_string());
        let row = UserRow {
            id: new_id(),
            email: format!("imported-{}@ons-plan.invalid", Uuid::new_v4().simple()),
            name,
            // Not a password hash: nothing verifies against it.
            password_hash: "!imported".to_string(),
            locale: "nl".to_string(),
            created_at: self.now,
            disabled_at: Some(self.now),
            kind: AccountKind::Person.as_str().to_string(),
            org_id: None,
            created_by: None,
            session_epoch: 0,
        };
        users::insert(conn, &row)?;
        self.accounts.insert(id, row.id.clone());
        Ok(row.id)
    }

    /// `content` with every person of the file in it renamed, as stored text.
    fn content(
        &mut self,
        conn: &mut DbConnection,
        content: &serde_json::Value,
    ) -> AppResult<String> {
        let mut value = content.clone();
        rename_ids(&mut value, &mut |id| {
            if self.file.contains_key(&id) {
                self.account(conn, id).map(Some)
            } else {
                Ok(None)
            }
        })?;
        let parsed: SectionContent =
            serde_json::from_value(value).map_err(|err| AppError::Internal(err.into()))?;
        serde_json::to_string(&parsed).map_err(|err| AppError::Internal(err.into()))
    }
}

fn ms(at: chrono::DateTime<chrono::Utc>) -> i64 {
    at.timestamp_millis()
}

fn store(conn: &mut DbConnection, user: &AuthUser, file: FamilyFile) -> AppResult<ImportedFamily> {
    let now = now_ms();
    let f = &file.family;
    let by_id: HashMap<Uuid, &FilePerson> = f.people.iter().map(|p| (p.id, p)).collect();
    let mut people = People {
        file: &by_id,
        accounts: HashMap::from([(file.exported_by, user.id.clone())]),
        now,
    };
    let family_id = new_id();
    families::insert(
        conn,
        &FamilyRow {
            id: family_id.clone(),
            name: f.name.trim().to_string(),
            both_parents_must_agree: f.both_parents_must_agree,
            created_by: user.id.clone(),
            created_at: now,
        },
    )?;
    families::insert_membership(
        conn,
        &MembershipRow {
            family_id: family_id.clone(),
            user_id: user.id.clone(),
            role: Role::Parent.as_str().to_string(),
            joined_at: now,
        },
    )?;

    // Every shared section exists in a family, written or not.
    let mut placed: Vec<(SectionKind, bool)> = Vec::new();
    for s in &f.sections {
        let section_id = new_id();
        let row = SectionRow {
            id: section_id.clone(),
            family_id: family_id.clone(),
            kind: s.kind.as_str().to_string(),
            scope: match s.owner {
                Some(_) => user.id.clone(),
                None => SHARED_SCOPE.to_string(),
            },
            owner_id: s.owner.map(|_| user.id.clone()),
            visibility: s.visibility.as_str().to_string(),
            version: s.version,
            content: people.content(conn, &s.content)?,
            updated_at: s.updated_at.map(ms),
            updated_by: s
                .updated_by
                .map(|id| people.account(conn, id))
                .transpose()?,
        };
        sections::insert(conn, &[row])?;
        placed.push((s.kind, s.owner.is_some()));
        for r in &s.revisions {
            let row = RevisionRow {
                id: new_id(),
                section_id: section_id.clone(),
                version: r.version,
                visibility: r.visibility.as_str().to_string(),
                content: people.content(conn, &r.content)?,
                saved_by: people.account(conn, r.saved_by)?,
                saved_at: ms(r.saved_at),
            };
            sections::insert_revision(conn, &row)?;
        }
    }
    let missing: Vec<SectionRow> = SectionKind::ALL
        .into_iter()
        .filter(|kind| !placed.contains(&(*kind, false)))
        .map(|kind| SectionRow {
            id: new_id(),
            family_id: family_id.clone(),
            kind: kind.as_str().to_string(),
            scope: SHARED_SCOPE.to_string(),
            owner_id: None,
            visibility: kind.default_visibility().as_str().to_string(),
            version: 0,
            content: serde_json::to_string(&SectionContent::empty(kind))
                .expect("section content always serialises"),
            updated_at: None,
            updated_by: None,
        })
        .collect();
    sections::insert(conn, &missing)?;

    for c in &f.comments {
        let row = CommentRow {
            id: new_id(),
            family_id: family_id.clone(),
            section_kind: c.section.as_str().to_string(),
            author_id: people.account(conn, c.author)?,
            body: c.body.clone(),
            created_at: ms(c.created_at),
        };
        comments::insert(conn, &row)?;
    }

    for v in &f.versions {
        let version = VersionRow {
            id: new_id(),
            family_id: family_id.clone(),
            title: v.title.clone(),
            agreed_on: v.agreed_on.to_string(),
            fixed_by: people.account(conn, v.fixed_by)?,
            fixed_at: ms(v.fixed_at),
        };
        let snapshot = v
            .sections
            .iter()
            .map(|s| -> AppResult<VersionSectionRow> {
                Ok(VersionSectionRow {
                    version_id: version.id.clone(),
                    kind: s.kind.as_str().to_string(),
                    visibility: s.visibility.as_str().to_string(),
                    section_version: s.section_version,
                    content: people.content(conn, &s.content)?,
                })
            })
            .collect::<AppResult<Vec<_>>>()?;
        versions::insert(conn, &version, &snapshot)?;
        let mut endorsed = HashSet::new();
        for e in &v.endorsements {
            let account = people.account(conn, e.person)?;
            if endorsed.insert(account.clone()) {
                versions::endorse(
                    conn,
                    &EndorsementRow {
                        version_id: version.id.clone(),
                        user_id: account,
                        endorsed_at: ms(e.endorsed_at),
                    },
                )?;
            }
        }
    }

    let me = Caller::Parent {
        id: crate::db::stored_id(&user.id, "user id")?,
    };
    let family = load_detail(conn, &family_id, &me)?;
    let invite_again = f
        .people
        .iter()
        .filter(|p| p.id != file.exported_by)
        .filter_map(|p| {
            Some(PersonToInvite {
                name: p.name.clone(),
                email: p.email.clone(),
                role: p.role?,
            })
        })
        .collect();
    Ok(ImportedFamily {
        family,
        invite_again,
    })
}
