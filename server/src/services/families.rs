//! Families and membership: create (the creator becomes the first parent and the plan's
//! eleven shared sections are laid out), list, detail, and the membership check every
//! family-scoped request starts with.

use onsplan_shared::family::{
    CreateFamilyRequest, FamilyDetail, FamilyPolicy, FamilySummary, Member, PendingPolicyChange,
    Role,
};
use onsplan_shared::section::Author;
use onsplan_shared::section::SectionKind;
use onsplan_shared::section_content::SectionContent;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::{FamilyRow, MembershipRow, SectionRow};
use crate::db::{families, new_id, now_ms, sections, to_utc, Db, DbConnection};
use crate::errors::{AppError, AppResult};

/// The caller's role in a family. A family the caller is not in does not exist for them.
pub fn role_in(conn: &mut DbConnection, family_id: &str, user_id: &str) -> AppResult<Role> {
    families::role_of(conn, family_id, user_id)?
        .and_then(|role| Role::parse(&role))
        .ok_or(AppError::NotFound)
}

/// Passes for a parent of the family; a relative is refused (403), anyone else does not
/// know the family (404).
pub fn require_parent(conn: &mut DbConnection, family_id: &str, user_id: &str) -> AppResult<()> {
    match role_in(conn, family_id, user_id)? {
        Role::Parent => Ok(()),
        Role::Relative => Err(AppError::Forbidden),
    }
}

/// Who may read a family's consent records (grants, access requests).
pub enum ConsentViewer {
    /// A parent: all of the family's records.
    Parent,
    /// A professional linked to the family: their own records only.
    Professional,
}

/// Decides who is asking for a family's consent records: a parent, a linked professional, a
/// relative (403), or someone who may not know the family (404).
pub fn consent_viewer(
    conn: &mut DbConnection,
    family_id: &str,
    user: &AuthUser,
) -> AppResult<ConsentViewer> {
    if families::role_of(conn, family_id, &user.id)?.is_some() {
        require_parent(conn, family_id, &user.id)?;
        return Ok(ConsentViewer::Parent);
    }
    if user.is_professional() && crate::db::links::is_linked(conn, family_id, &user.id)? {
        return Ok(ConsentViewer::Professional);
    }
    Err(AppError::NotFound)
}

/// The ids of a family's parents.
pub fn parent_ids(conn: &mut DbConnection, family_id: &str) -> AppResult<Vec<String>> {
    Ok(families::members(conn, family_id)?
        .into_iter()
        .filter(|(m, _)| m.role == Role::Parent.as_str())
        .map(|(m, _)| m.user_id)
        .collect())
}

pub async fn create(
    db: &Db,
    user: &AuthUser,
    request: CreateFamilyRequest,
) -> AppResult<FamilyDetail> {
    request.validate()?;
    if user.kind != onsplan_shared::auth::AccountKind::Person {
        return Err(AppError::Forbidden);
    }
    let now = now_ms();
    let family = FamilyRow {
        id: new_id(),
        name: request.name.trim().to_string(),
        both_parents_must_agree: false,
        created_by: user.id.clone(),
        created_at: now,
    };
    let user_id = user.id.clone();
    db.write(move |conn| {
        families::insert(conn, &family)?;
        families::insert_membership(
            conn,
            &MembershipRow {
                family_id: family.id.clone(),
                user_id: user_id.clone(),
                role: Role::Parent.as_str().to_string(),
                joined_at: now,
            },
        )?;
        sections::insert(conn, &empty_shared_sections(&family.id))?;
        load_detail(conn, &family.id, &user_id)
    })
    .await
}

pub async fn list(db: &Db, user: &AuthUser) -> AppResult<Vec<FamilySummary>> {
    let user_id = user.id.clone();
    db.read(move |conn| {
        let rows = families::list_for_user(conn, &user_id)?;
        Ok(rows
            .into_iter()
            .filter_map(|(family, role)| {
                Some(FamilySummary {
                    id: family.id.parse().ok()?,
                    name: family.name,
                    my_role: Role::parse(&role)?,
                })
            })
            .collect())
    })
    .await
}

pub async fn detail(db: &Db, user: &AuthUser, family_id: Uuid) -> AppResult<FamilyDetail> {
    let user_id = user.id.clone();
    db.read(move |conn| load_detail(conn, &family_id.to_string(), &user_id))
        .await
}

/// Adds a person to a family. Invitations use this once accepted; tests use it directly.
pub async fn add_member(db: &Db, family_id: Uuid, user_id: Uuid, role: Role) -> AppResult<()> {
    db.write(move |conn| -> AppResult<()> {
        families::insert_membership(
            conn,
            &MembershipRow {
                family_id: family_id.to_string(),
                user_id: user_id.to_string(),
                role: role.as_str().to_string(),
                joined_at: now_ms(),
            },
        )?;
        Ok(())
    })
    .await
}

/// The family as `user_id` sees it; the waiting change of the rules only for parents.
pub fn load_detail(
    conn: &mut DbConnection,
    family_id: &str,
    user_id: &str,
) -> AppResult<FamilyDetail> {
    let my_role = role_in(conn, family_id, user_id)?;
    let family = families::find(conn, family_id)?.ok_or(AppError::NotFound)?;
    let member_rows = families::members(conn, family_id)?;
    let pending_policy_change = match my_role {
        Role::Parent => pending_change(conn, family_id, &member_rows)?,
        Role::Relative => None,
    };
    let members = member_rows
        .into_iter()
        .filter_map(|(member, name)| {
            Some(Member {
                user_id: member.user_id.parse().ok()?,
                name,
                role: Role::parse(&member.role)?,
                joined_at: to_utc(member.joined_at),
            })
        })
        .collect();
    Ok(FamilyDetail {
        id: family.id.parse().map_err(|_| AppError::NotFound)?,
        name: family.name,
        my_role,
        members,
        policy: FamilyPolicy {
            both_parents_must_agree: family.both_parents_must_agree,
        },
        pending_policy_change,
        created_at: to_utc(family.created_at),
    })
}

/// The change of the rules that waits in a family, with the names of who asked and approved.
fn pending_change(
    conn: &mut DbConnection,
    family_id: &str,
    members: &[(MembershipRow, String)],
) -> AppResult<Option<PendingPolicyChange>> {
    let Some(change) = crate::db::policy_changes::pending(conn, family_id)? else {
        return Ok(None);
    };
    let mut approvers = crate::db::policy_changes::approvals(conn, &change.id)?;
    // The asker first, then the others in the order they approved.
    approvers.sort_by_key(|id| *id != change.requested_by);
    let author = |id: &str| Author {
        user_id: id.parse().unwrap_or_default(),
        name: members
            .iter()
            .find(|(m, _)| m.user_id == id)
            .map(|(_, name)| name.clone())
            .unwrap_or_default(),
    };
    Ok(Some(PendingPolicyChange {
        both_parents_must_agree: change.both_parents_must_agree,
        requested_by: author(&change.requested_by),
        requested_at: to_utc(change.requested_at),
        approved_by: approvers.iter().map(|id| author(id)).collect(),
    }))
}

/// The eleven shared sections of a new family, unwritten (version 0).
fn empty_shared_sections(family_id: &str) -> Vec<SectionRow> {
    SectionKind::ALL
        .into_iter()
        .map(|kind| SectionRow {
            id: new_id(),
            family_id: family_id.to_string(),
            kind: kind.as_str().to_string(),
            scope: sections::SHARED_SCOPE.to_string(),
            owner_id: None,
            visibility: kind.default_visibility().as_str().to_string(),
            version: 0,
            content: serde_json::to_string(&SectionContent::empty(kind))
                .expect("section content always serialises"),
            updated_at: None,
            updated_by: None,
        })
        .collect()
}
