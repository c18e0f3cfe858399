//! Invitations: a parent invites an email address into the family as parent or relative;
//! the link's owner looks it up (changing nothing) and accepts it, creating an account or
//! using the one they are signed in with. Every change appends its access-log event and queues
//! its email in the same transaction.

use onsplan_shared::access_log::{ActorRole, LogAction, LogBasis};
use onsplan_shared::auth::{normalize_email, AccountKind, Locale};
use onsplan_shared::family::Role;
use onsplan_shared::invite::{AcceptInviteRequest, CreateInviteRequest, Invite, InviteLookup};
use onsplan_shared::routes::APP_INVITE_PAGE;
use uuid::Uuid;

use crate::auth::{password, password_policy, tokens, AuthUser};
use crate::db::models::{FamilyRow, InviteRow, MembershipRow, UserRow};
use crate::db::{families, invites, now_ms, to_utc, users, DbConnection};
use crate::email::catalogue::{self, InviteMail};
use crate::email::outbox::{EmailKind, Outbox};
use crate::email::Email;
use crate::errors::{AppError, AppResult};
use crate::policy::{Action, Resource};
use crate::services::access::{self, Ask, Asking};
use crate::services::accounts::{self, NewSession};
use crate::services::audit::{Actor, Audit};
use crate::services::links::{self, LinkState};
use crate::state::AppState;

/// How long an invitation link works.
pub const INVITE_TTL_MS: i64 = 7 * 24 * 60 * 60 * 1000;
/// Invitations (and resends) one parent may send per hour.
pub const MAX_INVITES_PER_HOUR: i64 = 20;
const HOUR_MS: i64 = 60 * 60 * 1000;

pub async fn create(
    state: &AppState,
    user: &AuthUser,
    request_id: Option<String>,
    family_id: Uuid,
    request: CreateInviteRequest,
) -> AppResult<Invite> {
    request.validate()?;
    let asking = Asking::new(user, family_id, request_id);
    let (user, outbox) = (user.clone(), state.outbox.clone());
    let invite = as_parent(
        &state.db,
        asking,
        Action::Create,
        LogAction::Invite,
        move |conn, family| {
            let email = normalize_email(&request.email);
            if invites::is_member_email(conn, &family.id, &email)? {
                return Err(AppError::AlreadyMember);
            }
            may_join(&users::find_by_email(conn, &email)?)?;
            invites::supersede_pending(conn, &family.id, &email, now_ms())?;
            let draft = Draft {
                email,
                role: request.role,
                message: request.message.trim().to_string(),
                locale: request.locale,
            };
            let row = issue(conn, &outbox, &user, &family, draft)?;
            audit(&user, &row, LogAction::Invite).append(conn)?;
            Ok(row)
        },
    )
    .await?;
    state.outbox.wake();
    wire(invite)
}

pub async fn list(
    state: &AppState,
    user: &AuthUser,
    request_id: Option<String>,
    family_id: Uuid,
) -> AppResult<Vec<Invite>> {
    let rows = access::read(
        &state.db,
        Asking::new(user, family_id, request_id),
        |_, _| {
            access::plain(
                Ask::new(Resource::Invites, Action::List, LogAction::Read).about("invites"),
            )
        },
        move |conn, _, ()| Ok(invites::pending_for_family(conn, &family_id.to_string())?),
    )
    .await?;
    rows.into_iter().map(wire).collect()
}

pub async fn revoke(
    state: &AppState,
    user: &AuthUser,
    request_id: Option<String>,
    family_id: Uuid,
    invite_id: Uuid,
) -> AppResult<()> {
    let asking = Asking::new(user, family_id, request_id);
    let user = user.clone();
    as_parent(
        &state.db,
        asking,
        Action::Revoke,
        LogAction::RevokeInvite,
        move |conn, family| {
            let invite = invites::find_pending(conn, &family.id, &invite_id.to_string())?
                .ok_or(AppError::NotFound)?;
            if !invites::revoke(conn, &invite.id, now_ms())? {
                return Err(AppError::NotFound);
            }
            audit(&user, &invite, LogAction::RevokeInvite).append(conn)?;
            Ok(())
        },
    )
    .await
}

/// Sends a new link for a pending (possibly expired) invitation; the old link dies.
pub async fn resend(
    state: &AppState,
    user: &AuthUser,
    request_id: Option<String>,
    family_id: Uuid,
    invite_id: Uuid,
) -> AppResult<Invite> {
    let asking = Asking::new(user, family_id, request_id);
    let (user, outbox) = (user.clone(), state.outbox.clone());
    let invite = as_parent(
        &state.db,
        asking,
        Action::Create,
        LogAction::ResendInvite,
        move |conn, family| {
            let old = invites::find_pending(conn, &family.id, &invite_id.to_string())?
                .ok_or(AppError::NotFound)?;
            if invites::is_member_email(conn, &family.id, &old.email)? {
                return Err(AppError::AlreadyMember);
            }
            may_join(&users::find_by_email(conn, &old.email)?)?;
            invites::supersede_pending(conn, &family.id, &old.email, now_ms())?;
            let draft = Draft {
                email: old.email,
                role: Role::parse(&old.role).unwrap_or(Role::Relative),
                message: old.message,
                locale: Locale::parse(&old.locale).unwrap_or_default(),
            };
            let row = issue(conn, &outbox, &user, &family, draft)?;
            audit(&user, &row, LogAction::ResendInvite).append(conn)?;
            Ok(row)
        },
    )
    .await?;
    state.outbox.wake();
    wire(invite)
}

/// What a link is about. Changes nothing (but counts against the caller's rate limit).
pub async fn lookup(state: &AppState, token: &str, ip: Option<String>) -> AppResult<InviteLookup> {
    links::limit_ip(&state.db, ip).await?;
    let hash = links::presented_hash(token)?;
    state
        .db
        .read(move |conn| {
            let invite = live_invite(conn, &hash)?;
            let family = families::find(conn, &invite.family_id)?.ok_or(AppError::LinkInvalid)?;
            let inviter = users::names(conn, std::slice::from_ref(&invite.invited_by))?
                .pop()
                .map(|(_, name)| name)
                .unwrap_or_default();
            let account_exists = users::find_by_email(conn, &invite.email)?.is_some();
            Ok(InviteLookup {
                family_id: parse_id(&family.id)?,
                family_name: family.name,
                inviter_name: inviter,
                email: invite.email,
                role: Role::parse(&invite.role).ok_or(AppError::LinkInvalid)?,
                message: invite.message,
                expires_at: to_utc(invite.expires_at),
                account_exists,
            })
        })
        .await
}

/// The outcome of accepting: the family joined, and a session when an account was created.
pub struct Accepted {
    pub family_id: Uuid,
    pub role: Role,
    pub session: Option<NewSession>,
}

/// Accepts an invitation. Without an account for the invited email one is created (and a
/// session returned); with one, `caller` must be that account. Nothing is created when any
/// check fails, and of racing accepts of one link exactly one succeeds.
pub async fn accept(
    state: &AppState,
    request: AcceptInviteRequest,
    caller: Option<AuthUser>,
    ip: Option<String>,
) -> AppResult<Accepted> {
    links::limit_ip(&state.db, ip).await?;
    let hash = links::presented_hash(&request.token)?;
    // Look first, so the expensive password hash is only made when an account will be.
    let (account_exists, invited_email) = {
        let hash = hash.clone();
        state
            .db
            .read(move |conn| {
                let invite = live_invite(conn, &hash)?;
                let exists = users::find_by_email(conn, &invite.email)?.is_some();
                Ok::<_, AppError>((exists, invite.email))
            })
            .await?
    };
    let new_account = match (&caller, account_exists) {
        (None, false) => {
            request.validate_new_account()?;
            let secret = request.password.clone().unwrap_or_default();
            let name = request.name.as_deref().unwrap_or_default();
            password_policy::check(&secret, &invited_email, name)?;
            let password_hash = password::hash_queued(secret).await?;
            Some((request.name.clone().unwrap_or_default(), password_hash))
        }
        _ => None,
    };
    let refresh_days = state.settings.refresh_token_days;
    let locale = request.locale;
    let (user, role, family_id, refresh) = state
        .db
        .write(move |conn| -> AppResult<_> {
            let now = now_ms();
            let invite = live_invite(conn, &hash)?;
            // Claim first: a racing accept of the same link waits here for the winner's commit
            // and then finds it used, before it looks at accounts or creates anything. Any
            // refusal below rolls the claim back.
            if !invites::claim(conn, &invite.id, now)? {
                return Err(AppError::LinkUsed);
            }
            let existing = users::find_by_email(conn, &invite.email)?;
            may_join(&existing)?;
            let (user, created) = match (existing, caller, new_account) {
                (Some(user), Some(caller), _) if user.id == caller.id => (user, false),
                (_, Some(_), _) => return Err(AppError::InviteEmailMismatch),
                (Some(_), None, _) | (None, None, None) => return Err(AppError::SignInRequired),
                (None, None, Some((name, password_hash))) => (
                    accounts::new_user(invite.email.clone(), &name, password_hash, locale),
                    true,
                ),
            };
            if families::role_of(conn, &invite.family_id, &user.id)?.is_some() {
                return Err(AppError::AlreadyMember);
            }
            if created {
                accounts::create_user(conn, &user)?;
            }
            invites::set_used_by(conn, &invite.id, &user.id)?;
            let role = Role::parse(&invite.role).ok_or(AppError::LinkInvalid)?;
            families::insert_membership(
                conn,
                &MembershipRow {
                    family_id: invite.family_id.clone(),
                    user_id: user.id.clone(),
                    role: role.as_str().to_string(),
                    joined_at: now,
                },
            )?;
            Audit::new(
                &Actor::person(&user.id, &user.name, actor_role(role)),
                LogAction::AcceptInvite,
            )
            .family(&invite.family_id)
            .target(&invite.id)
            .basis(LogBasis::Invite)
            .append(conn)?;
            let refresh = if created {
                Some(accounts::start_session(conn, &user.id, refresh_days)?)
            } else {
                None
            };
            Ok((user, role, invite.family_id, refresh))
        })
        .await?;
    Ok(Accepted {
        family_id: parse_id(&family_id)?,
        role,
        session: refresh
            .map(|refresh| accounts::session_for(state, &user, refresh))
            .transpose()?,
    })
}

/// Only personal accounts join families: a professional or org-admin account never becomes
/// a parent or relative (they would read the plan without a grant and without log rows).
/// `None` (no account yet) may join; the account the invitee creates is a personal one.
fn may_join(account: &Option<UserRow>) -> AppResult<()> {
    match account {
        Some(user) if AccountKind::parse(&user.kind) != Some(AccountKind::Person) => {
            Err(AppError::ProfessionalAccount)
        }
        _ => Ok(()),
    }
}

/// What an invitation says, before it has a token.
struct Draft {
    email: String,
    role: Role,
    message: String,
    locale: Locale,
}

/// Stores a new invitation with a fresh token and queues its email, in the caller's
/// transaction. Refused (and so rolled back, email included) when the inviter is over the
/// hourly limit.
fn issue(
    conn: &mut DbConnection,
    outbox: &Outbox,
    inviter: &AuthUser,
    family: &FamilyRow,
    draft: Draft,
) -> AppResult<InviteRow> {
    let (token, token_hash) = tokens::new_token();
    let now = now_ms();
    let row = InviteRow {
        id: crate::db::new_id(),
        family_id: family.id.clone(),
        email: draft.email,
        role: draft.role.as_str().to_string(),
        message: draft.message,
        locale: draft.locale.as_str().to_string(),
        invited_by: inviter.id.clone(),
        token_hash,
        created_at: now,
        expires_at: now + INVITE_TTL_MS,
        used_at: None,
        used_by: None,
        revoked_at: None,
        superseded_at: None,
    };
    invites::insert(conn, &row)?;
    let link = outbox.link(APP_INVITE_PAGE, &token);
    let rendered = catalogue::invite(
        draft.locale,
        &InviteMail {
            inviter: &inviter.name,
            family: &family.name,
            role: draft.role,
            message: &row.message,
            link: &link,
            expires_at_ms: row.expires_at,
        },
    );
    outbox.queue_about(
        conn,
        EmailKind::Invite,
        &Email::new(&row.email, rendered, link),
        &row.family_id,
    )?;
    // Counted after the insert, in the same transaction: over the limit, all of it rolls back.
    if invites::count_by_inviter_since(conn, &inviter.id, now - HOUR_MS)? > MAX_INVITES_PER_HOUR {
        return Err(AppError::RateLimited {
            retry_after_secs: (HOUR_MS / 1000) as u64,
        });
    }
    Ok(row)
}

/// Runs `work` on the family's row when the policy lets the caller act on its invitations
/// (parents); a refusal is logged for a relative or professional.
async fn as_parent<T, F>(
    db: &crate::db::Db,
    asking: Asking,
    action: Action,
    logged_as: LogAction,
    work: F,
) -> AppResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection, FamilyRow) -> AppResult<T> + Send + 'static,
{
    let family_id = asking.family_id();
    access::write(
        db,
        asking,
        move |_, _| access::plain(Ask::new(Resource::Invites, action, logged_as).about("invites")),
        move |conn, _, ()| {
            let family = families::find(conn, &family_id)?.ok_or(AppError::NotFound)?;
            work(conn, family)
        },
    )
    .await
}

/// The invitation behind a token, if its link still works.
fn live_invite(conn: &mut DbConnection, hash: &str) -> AppResult<InviteRow> {
    let invite = invites::find_by_hash(conn, hash)?.ok_or(AppError::LinkInvalid)?;
    links::check_live(
        &LinkState {
            used_at: invite.used_at,
            revoked_at: invite.revoked_at,
            superseded_at: invite.superseded_at,
            expires_at: invite.expires_at,
        },
        now_ms(),
    )?;
    Ok(invite)
}

fn audit(parent: &AuthUser, invite: &InviteRow, action: LogAction) -> Audit {
    Audit::new(
        &Actor::person(&parent.id, &parent.name, ActorRole::Parent),
        action,
    )
    .family(&invite.family_id)
    .target(&invite.id)
    .basis(LogBasis::Parent)
}

fn actor_role(role: Role) -> ActorRole {
    match role {
        Role::Parent => ActorRole::Parent,
        Role::Relative => ActorRole::Relative,
    }
}

fn parse_id(id: &str) -> AppResult<Uuid> {
    id.parse()
        .map_err(|_| AppError::Internal(anyhow::anyhow!("stored id is not a uuid")))
}

fn wire(row: InviteRow) -> AppResult<Invite> {
    Ok(Invite {
        id: parse_id(&row.id)?,
        family_id: parse_id(&row.family_id)?,
        email: row.email,
        role: Role::parse(&row.role).unwrap_or(Role::Relative),
        message: row.message,
        locale: Locale::parse(&row.locale).unwrap_or_default(),
        invited_by: parse_id(&row.invited_by)?,
        created_at: to_utc(row.created_at),
        expires_at: to_utc(row.expires_at),
    })
}
