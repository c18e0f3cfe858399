//! A person deletes their own account after typing their password again. Checks about the
//! account itself live here: a professional's or organisation admin's account is deactivated
//! by its organisation instead (403), and the last parent of a family must first delete the
//! family or invite another parent (409, naming those families).
//!
//! What the families keep when someone leaves this way: they leave every family as when
//! leaving by hand (their open commitments become open again, their open invitations are
//! withdrawn, the family's log says they left). The family's own record stays: revisions they
//! saved and comments they wrote remain, under no name (the app shows "een oud lid"). Their
//! private sections and their endorsements of plan versions go. The account row is emptied down
//! to its id (no name, no reachable address, no password) because those records point to it;
//! every session ends at once (refresh tokens deleted, access tokens refused from the next
//! request).

use onsplan_shared::access_log::{ActorRole, LogAction, LogBasis};
use onsplan_shared::auth::AccountKind;
use onsplan_shared::erasure::{DeleteAccountRequest, FamilyRef};
use onsplan_shared::family::Role;
use uuid::Uuid;

use crate::auth::{password, turns, AuthUser};
use crate::db::{erasure, families, invites, now_ms, stored_id, users};
use crate::errors::{AppError, AppResult};
use crate::services::accounts::LOGIN_PER_EMAIL;
use crate::services::audit::{Actor, Audit};
use crate::services::commitments;
use crate::services::families::parent_ids;
use crate::services::rate_limit;
use crate::state::AppState;

/// `DELETE /me`.
pub async fn delete(
    state: &AppState,
    user: &AuthUser,
    request_id: Option<String>,
    request: DeleteAccountRequest,
) -> AppResult<()> {
    if user.kind != AccountKind::Person {
        return Err(AppError::ManagedByOrganisation);
    }
    // Guessing the password through a stolen access token counts like failed logins.
    let _turn = turns::take().await?;
    let counted = rate_limit::count(&state.db, vec![(LOGIN_PER_EMAIL, user.email.clone())]).await?;
    let user_id = user.id.clone();
    let stored = state
        .db
        .read(move |conn| -> AppResult<_> {
            Ok(users::find_active(conn, &user_id)?.map(|row| row.password_hash))
        })
        .await?;
    if !password::verify_queued(stored, request.password).await? {
        return Err(AppError::WrongPassword);
    }
    state
        .db
        .write(move |conn| -> AppResult<()> {
            counted.iter().try_for_each(|hit| hit.take_back(conn))
        })
        .await?;
    let user = user.clone();
    state
        .db
        .write(move |conn| -> AppResult<()> {
            let member = stored_id(&user.id, "account id")?;
            let memberships = families::list_for_user(conn, &user.id)?;
            let mut last = Vec::new();
            for (family, role) in &memberships {
                if role == Role::Parent.as_str() {
                    families::lock(conn, &family.id)?;
                    if parent_ids(conn, &family.id)?.len() <= 1 {
                        last.push(FamilyRef {
                            id: stored_id(&family.id, "family id")?,
                            name: family.name.clone(),
                        });
                    }
                }
            }
            if !last.is_empty() {
                return Err(AppError::LastParent(last));
            }
            let now = now_ms();
            for (family, role) in &memberships {
                leave(conn, &user, member, &family.id, role, request_id.as_deref())?;
            }
            erasure::empty_account(conn, &user.id, now)?;
            Ok(())
        })
        .await
}

/// Leaves one family as a member leaving by hand would, logged in the family's log.
fn leave(
    conn: &mut crate::db::DbConnection,
    user: &AuthUser,
    member: Uuid,
    family_id: &str,
    role: &str,
    request_id: Option<&str>,
) -> AppResult<()> {
    families::delete_membership(conn, family_id, &user.id)?;
    invites::revoke_sent_by(conn, family_id, &user.id, now_ms())?;
    commitments::hand_back_open(conn, family_id, member, &user.id)?;
    let (actor_role, basis) = if role == Role::Parent.as_str() {
        (ActorRole::Parent, LogBasis::Parent)
    } else {
        (ActorRole::Relative, LogBasis::Relative)
    };
    Audit::new(
        &Actor::person(&user.id, &user.name, actor_role),
        LogAction::LeaveFamily,
    )
    .family(family_id)
    .request_id(request_id)
    .basis(basis)
    .target(&user.id)
    .append(conn)?;
    Ok(())
}
