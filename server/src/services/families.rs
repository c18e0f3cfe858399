//! Families and membership: create (the creator becomes the first parent and the plan's
//! eleven shared sections are laid out), list, and the detail a member sees (asked of the
//! access policy like every family-scoped request).

use onsplan_shared::family::{
    CreateFamilyRequest, FamilyDetail, FamilyPolicy, FamilySummary, Member, PendingPolicyChange,
    Role,
};
use onsplan_shared::section::Author;
use onsplan_shared::section::SectionKind;
use onsplan_shared::section_content::SectionContent;
use uuid::Uuid;

use onsplan_shared::access_log::LogAction;

use crate::auth::AuthUser;
use crate::db::models::{FamilyRow, MembershipRow, SectionRow};
use crate::db::{corrupt, families, new_id, now_ms, sections, stored_id, to_utc, Db, DbConnection};
use crate::errors::{AppError, AppResult};
use crate::policy::{self, Action, Caller, Resource};
use crate::services::access::{self, Ask, Asking};
use crate::services::family_deletion;

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
        let me = Caller::Parent {
            id: stored_id(&user_id, "user id")?,
        };
        load_detail(conn, &family.id, &me)
    })
    .await
}

pub async fn list(db: &Db, user: &AuthUser) -> AppResult<Vec<FamilySummary>> {
    let user_id = user.id.clone();
    db.read(move |conn| {
        families::list_for_user(conn, &user_id)?
            .into_iter()
            .map(|(family, role)| {
                Ok(FamilySummary {
                    id: stored_id(&family.id, "family id")?,
                    name: family.name,
                    my_role: Role::parse(&role).ok_or_else(|| corrupt("membership role"))?,
                })
            })
            .collect()
    })
    .await
}

/// The family as a member sees it; anyone else's attempt is refused (and logged for a
/// professional).
pub async fn detail(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
) -> AppResult<FamilyDetail> {
    let asking = Asking::new(user, family, request_id);
    access::read(
        db,
        asking,
        |_, _| {
            access::plain(Ask::new(Resource::Family, Action::Read, LogAction::Read).about("family"))
        },
        move |conn, allowed, ()| load_detail(conn, &family.to_string(), &allowed.caller),
    )
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

/// The family as the member `caller` sees it; the waiting change of the rules only for
/// parents. Which members the caller may remove, and whether they may leave, is the access
/// policy's answer, so the app shows only the buttons that will work.
pub fn load_detail(
    conn: &mut DbConnection,
    family_id: &str,
    caller: &Caller,
) -> AppResult<FamilyDetail> {
    let my_role = caller.role().ok_or(AppError::NotFound)?;
    let family = families::find(conn, family_id)?.ok_or(AppError::NotFound)?;
    let member_rows = families::members(conn, family_id)?;
    let (pending_policy_change, pending_deletion) = match my_role {
        Role::Parent => (
            pending_change(conn, family_id, &member_rows)?,
            family_deletion::pending(conn, family_id)?,
        ),
        Role::Relative => (None, None),
    };
    let roles = member_rows
        .iter()
        .map(|(member, _)| {
            Role::parse(&member.role).ok_or_else(|| AppError::from(corrupt("membership role")))
        })
        .collect::<AppResult<Vec<_>>>()?;
    let parents = roles.iter().filter(|role| **role == Role::Parent).count();
    let mut may_leave = false;
    let members = member_rows
        .into_iter()
        .zip(roles)
        .map(|((member, name), role)| {
            let id = stored_id(&member.user_id, "member id")?;
            let may = policy::decide(
                caller,
                Resource::Member { id, role, parents },
                Action::Remove,
            )
            .is_allowed();
            let me = caller.id() == Some(id);
            may_leave |= me && may;
            Ok(Member {
                user_id: id,
                name,
                role,
                joined_at: to_utc(member.joined_at),
                may_remove: may && !me,
            })
        })
        .collect::<AppResult<_>>()?;
    Ok(FamilyDetail {
        id: stored_id(&family.id, "family id")?,
        name: family.name,
        my_role,
        members,
        policy: FamilyPolicy {
            both_parents_must_agree: family.both_parents_must_agree,
        },
        pending_policy_change,
        created_at: to_utc(family.created_at),
        may_leave,
        pending_deletion,
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
    let author = |id: &str| -> AppResult<Author> {
        Ok(Author {
            user_id: stored_id(id, "policy change author")?,
            name: members
                .iter()
                .find(|(m, _)| m.user_id == id)
                .map(|(_, name)| name.clone())
                .unwrap_or_default(),
        })
    };
    Ok(Some(PendingPolicyChange {
        both_parents_must_agree: change.both_parents_must_agree,
        requested_by: author(&change.requested_by)?,
        requested_at: to_utc(change.requested_at),
        approved_by: approvers
            .iter()
            .map(|id| author(id))
            .collect::<AppResult<_>>()?,
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
