//! Members come and go: a parent removes a relative, any member leaves (their own id). Who may
//! is the access policy's answer (nobody removes a parent; the last parent stays). Removal
//! counts from the very next request (every request resolves the caller afresh), cancels the
//! invitations the person sent that are still open, makes their open commitments open again, is logged, and someone removed by a
//! parent gets a short email.

use onsplan_shared::access_log::LogAction;
use onsplan_shared::auth::Locale;
use onsplan_shared::family::Role;
use onsplan_shared::routes::APP_NETWORK_PAGE;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::{corrupt, families, invites, now_ms, users, DbConnection};
use crate::email::catalogue::{self, RemovedMail};
use crate::email::outbox::{EmailKind, Outbox};
use crate::email::Email;
use crate::errors::{AppError, AppResult};
use crate::policy::{Action, Resource};
use crate::services::access::{self, Ask, Asking};
use crate::services::audit::Audit;
use crate::services::commitments;
use crate::state::AppState;

/// `DELETE .../members/{user}`: removes `member` from the family, or the caller leaves.
pub async fn remove(
    state: &AppState,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    member: Uuid,
) -> AppResult<()> {
    let asking = Asking::new(user, family, request_id.clone());
    let leaving = user.id == member.to_string();
    let logged_as = if leaving {
        LogAction::LeaveFamily
    } else {
        LogAction::RemoveMember
    };
    let (user, outbox) = (user.clone(), state.outbox.clone());
    access::write(
        &state.db,
        asking,
        move |conn, _| {
            let family_id = family.to_string();
            // Parents leave one at a time, so two of them cannot both leave as "not the last".
            families::lock(conn, &family_id)?;
            let resource = member_resource(conn, &family_id, member)?;
            Ok((
                Ask::new(resource, Action::Remove, logged_as).about(member.to_string()),
                (),
            ))
        },
        move |conn, allowed, ()| {
            let family_id = family.to_string();
            let member_id = member.to_string();
            if !families::delete_membership(conn, &family_id, &member_id)? {
                return Err(AppError::NotFound);
            }
            invites::revoke_sent_by(conn, &family_id, &member_id, now_ms())?;
            commitments::hand_back_open(conn, &family_id, member, &user.id)?;
            Audit::new(&access::actor(&user, &allowed.caller), logged_as)
                .family(&family_id)
                .request_id(request_id.as_deref())
                .basis(allowed.basis)
                .target(&member_id)
                .append(conn)?;
            if !leaving {
                tell_removed(conn, &outbox, &family_id, &member_id, &user)?;
            }
            Ok(())
        },
    )
    .await?;
    state.outbox.wake();
    Ok(())
}

/// The member as the policy needs to know them; someone who is not a member is 404.
fn member_resource(conn: &mut DbConnection, family_id: &str, member: Uuid) -> AppResult<Resource> {
    let members = families::members(conn, family_id)?;
    let mut role = None;
    let mut parents = 0;
    for (row, _) in &members {
        let row_role = Role::parse(&row.role).ok_or_else(|| corrupt("membership role"))?;
        if row_role == Role::Parent {
            parents += 1;
        }
        if row.user_id == member.to_string() {
            role = Some(row_role);
        }
    }
    let role = role.ok_or(AppError::NotFound)?;
    Ok(Resource::Member {
        id: member,
        role,
        parents,
    })
}

/// Queues the short "you are no longer part of the plan" email.
fn tell_removed(
    conn: &mut DbConnection,
    outbox: &Outbox,
    family_id: &str,
    member_id: &str,
    parent: &AuthUser,
) -> AppResult<()> {
    let Some(person) = users::find_active(conn, member_id)? else {
        return Ok(());
    };
    let family = families::find(conn, family_id)?.ok_or(AppError::NotFound)?;
    let rendered = catalogue::member_removed(
        Locale::parse(&person.locale).unwrap_or_default(),
        &RemovedMail {
            name: &person.name,
            parent: &parent.name,
            family: &family.name,
        },
    );
    let link = outbox.page(APP_NETWORK_PAGE);
    outbox.queue_about(
        conn,
        EmailKind::MemberRemoved,
        &Email::new(&person.email, rendered, link),
        family_id,
    )?;
    Ok(())
}
