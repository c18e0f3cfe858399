//! Accounts and sessions: make an account (for `registration` and invites), log in (rate limited, same answer for unknown accounts),
//! refresh with rotation and reuse detection, log out.
//!
//! Refresh grace: two tabs of one browser share the refresh cookie and may refresh at the same
//! moment. The first rotates the token; the second presents a token that is now used. When the
//! same client (same IP address and user agent) presents it within [`REFRESH_GRACE_MS`] of its
//! use, it gets a new token in the same chain instead of a revoked chain. Anyone else, or the
//! same client later, is a replay and revokes the chain as before.

use onsplan_shared::access_log::{ActorRole, DenialReason, LogAction};
use onsplan_shared::auth::{normalize_email, AccountKind, Locale, LoginRequest, Me};

use crate::auth::{password, tokens, turns};
use crate::db::models::{RefreshTokenRow, UserRow};
use crate::db::{self, new_id, now_ms, orgs, sessions, users, DbConnection};
use crate::errors::{AppError, AppResult};
use crate::services::audit::{Actor, Audit};
use crate::services::rate_limit::{self, Limit};
use crate::state::AppState;

/// Failed logins allowed from one IP address per quarter of an hour.
pub const LOGIN_PER_IP: Limit = Limit {
    scope: "login-ip",
    max_hits: 50,
    window_ms: 15 * 60 * 1000,
};
/// Failed logins allowed for one email address from one IP address per quarter of an hour.
pub const LOGIN_PER_EMAIL_AND_IP: Limit = Limit {
    scope: "login-email-ip",
    max_hits: 10,
    window_ms: 15 * 60 * 1000,
};
/// Failed logins allowed for one email address from anywhere per hour: the ceiling for
/// guessing from many addresses, high enough that one address alone cannot lock out the owner.
pub const LOGIN_PER_EMAIL: Limit = Limit {
    scope: "login-email",
    max_hits: 50,
    window_ms: 60 * 60 * 1000,
};

/// How long after its rotation a refresh token may be presented again by the same client.
pub const REFRESH_GRACE_MS: i64 = 10 * 1000;

/// A new session: the access token and the refresh token the route hands out.
pub struct NewSession {
    pub access_token: String,
    pub expires_in: i64,
    pub refresh_token: String,
    pub user: Me,
}

/// A new person's account row for `email` (already normalised) with an argon2id
/// `password_hash`.
pub fn new_user(email: String, name: &str, password_hash: String, locale: Locale) -> UserRow {
    UserRow {
        id: new_id(),
        email,
        name: name.trim().to_string(),
        password_hash,
        locale: locale.as_str().to_string(),
        created_at: now_ms(),
        disabled_at: None,
        kind: AccountKind::Person.as_str().to_string(),
        org_id: None,
        created_by: None,
        session_epoch: 0,
    }
}

/// Inserts an account in the caller's transaction; a taken email is [`AppError::EmailTaken`].
pub fn create_user(conn: &mut DbConnection, user: &UserRow) -> AppResult<()> {
    if users::find_by_email(conn, &user.email)?.is_some() {
        return Err(AppError::EmailTaken);
    }
    users::insert(conn, user).map_err(|err| {
        if db::is_unique_violation(&err) {
            AppError::EmailTaken
        } else {
            err.into()
        }
    })
}

/// Starts a new login (a new refresh-token chain) in the caller's transaction; returns the raw
/// refresh token for [`session_for`].
pub fn start_session(
    conn: &mut DbConnection,
    user_id: &str,
    refresh_days: i64,
) -> AppResult<String> {
    start_chain(conn, user_id, new_id(), refresh_days)
}

pub async fn login(
    state: &AppState,
    request: LoginRequest,
    ip: Option<String>,
) -> AppResult<NewSession> {
    let email = normalize_email(&request.email);
    // Counted before the slow hash, so parallel tries cannot all pass a limit none of them
    // has reached yet; a right password takes its hits back, so only failures add up. The
    // address comes first: tries it refuses never reach the email's counts.
    let _turn = turns::take().await?;
    let ip = ip.unwrap_or_else(|| "unknown".to_string());
    let hits = vec![
        (LOGIN_PER_IP, ip.clone()),
        (LOGIN_PER_EMAIL_AND_IP, format!("{email} {ip}")),
        (LOGIN_PER_EMAIL, email.clone()),
    ];
    let (counted, user) = state
        .db
        .write(move |conn| -> AppResult<_> {
            let counted = rate_limit::count_in(conn, &hits, now_ms())?;
            let Some(user) = users::find_by_email(conn, &email)? else {
                return Ok((counted, None));
            };
            let organisation = organisation_of(conn, &user)?;
            Ok((counted, Some((user, organisation))))
        })
        .await?;
    rate_limit::clean_up_now_and_then(&state.db).await;

    // Unknown and disabled accounts, and accounts without a password yet, are verified
    // against a decoy: every refusal costs the same time and says the same thing.
    let active = user.filter(|(user, _)| user.disabled_at.is_none());
    let stored = active.as_ref().map(|(user, _)| user.password_hash.clone());
    let matches = password::verify_queued(stored, request.password).await?;

    match active {
        Some((user, organisation)) if matches => {
            let refresh_days = state.settings.refresh_token_days;
            let me = me_of(&user, organisation)?;
            let epoch = user.session_epoch;
            let actor = Actor::person(&user.id, &user.name, ActorRole::Account);
            let refresh = state
                .db
                .write(move |conn| -> AppResult<String> {
                    for hit in &counted {
                        hit.take_back(conn)?;
                    }
                    let refresh = start_session(conn, &user.id, refresh_days)?;
                    Audit::new(&actor, LogAction::Login).append(conn)?;
                    Ok(refresh)
                })
                .await?;
            Ok(session_with(state, me, epoch, refresh))
        }
        Some((user, _)) => {
            // A wrong password for a real account is a denied login in that person's log.
            let refused = Audit::new(
                &Actor::person(&user.id, &user.name, ActorRole::Account),
                LogAction::Login,
            )
            .denied(DenialReason::WrongPassword);
            state
                .db
                .write(move |conn| -> AppResult<()> { Ok(refused.append(conn)?) })
                .await?;
            Err(AppError::InvalidCredentials)
        }
        None => Err(AppError::InvalidCredentials),
    }
}

/// What presenting a refresh token led to.
enum RefreshOutcome {
    Rotated(Box<Me>, i64, String),
    /// Unknown, expired, or the account is gone: refused, nothing else changes.
    Refused,
    /// A token that was already used or revoked: someone replayed it, so the chain is revoked.
    Replayed,
}

/// Trades a refresh token for a new session. `client` identifies the caller (a hash of its IP
/// address and user agent) for the grace described in the module documentation.
pub async fn refresh(state: &AppState, raw_token: &str, client: String) -> AppResult<NewSession> {
    let hash = tokens::hash_token(raw_token);
    let refresh_days = state.settings.refresh_token_days;
    let outcome = state
        .db
        .write(move |conn| -> AppResult<RefreshOutcome> {
            let now = now_ms();
            let Some(presented) = sessions::find_by_hash(conn, &hash)? else {
                return Ok(RefreshOutcome::Refused);
            };
            if !sessions::mark_used(conn, &presented.id, now, &client)? {
                // Read again: a racing refresh may have used it a moment ago.
                let current =
                    sessions::find_by_hash(conn, &hash)?.unwrap_or_else(|| presented.clone());
                if !within_grace(&current, &client, now) {
                    if current.used_at.is_some() || current.revoked_at.is_some() {
                        sessions::revoke_chain(conn, &current.chain_id, now)?;
                        return Ok(RefreshOutcome::Replayed);
                    }
                    return Ok(RefreshOutcome::Refused);
                }
            }
            let Some(user) = users::find_active(conn, &presented.user_id)? else {
                sessions::revoke_chain(conn, &presented.chain_id, now)?;
                return Ok(RefreshOutcome::Refused);
            };
            let next = start_chain(conn, &user.id, presented.chain_id, refresh_days)?;
            let organisation = organisation_of(conn, &user)?;
            Ok(RefreshOutcome::Rotated(
                Box::new(me_of(&user, organisation)?),
                user.session_epoch,
                next,
            ))
        })
        .await?;
    match outcome {
        RefreshOutcome::Rotated(me, epoch, refresh) => Ok(session_with(state, *me, epoch, refresh)),
        RefreshOutcome::Replayed => {
            tracing::warn!("a used refresh token was presented again; its session was revoked");
            Err(AppError::InvalidRefreshToken)
        }
        RefreshOutcome::Refused => Err(AppError::InvalidRefreshToken),
    }
}

/// True when `token` was rotated less than [`REFRESH_GRACE_MS`] ago by this same `client` and
/// its chain still lives.
fn within_grace(token: &RefreshTokenRow, client: &str, now: i64) -> bool {
    token.revoked_at.is_none()
        && token.expires_at > now
        && token.used_by_client.as_deref() == Some(client)
        && token
            .used_at
            .is_some_and(|used| now - used <= REFRESH_GRACE_MS)
}

/// Ends the session a refresh token belongs to (its chain), or with `everywhere` every session
/// of the account. Either way the account's session epoch goes up, so the access tokens already
/// handed out stop working at once: this session's for sure, and other devices' too, which
/// then get a new access token with their own (still valid) refresh token. Unknown or already
/// revoked tokens are ignored: logging out twice is not an error.
pub async fn logout(state: &AppState, raw_token: &str, everywhere: bool) -> AppResult<()> {
    let hash = tokens::hash_token(raw_token);
    state
        .db
        .write(move |conn| -> AppResult<()> {
            let Some(token) = sessions::find_by_hash(conn, &hash)? else {
                return Ok(());
            };
            let now = now_ms();
            if token.revoked_at.is_some() {
                return Ok(());
            }
            if everywhere {
                sessions::revoke_all_for_user(conn, &token.user_id, now)?;
            } else {
                sessions::revoke_chain(conn, &token.chain_id, now)?;
            }
            users::end_access_tokens(conn, &token.user_id)?;
            Ok(())
        })
        .await
}

/// Who the caller is, as `GET /me` answers.
pub async fn me(state: &AppState, user_id: &str) -> AppResult<Me> {
    let user_id = user_id.to_string();
    state
        .db
        .read(move |conn| {
            let user = users::find_active(conn, &user_id)?.ok_or(AppError::Unauthorized)?;
            let organisation = organisation_of(conn, &user)?;
            me_of(&user, organisation)
        })
        .await
}

/// Remembers the language an account reads the app and emails in.
pub async fn set_locale(state: &AppState, user_id: &str, locale: Locale) -> AppResult<Me> {
    let id = user_id.to_string();
    state
        .db
        .write(move |conn| -> AppResult<()> {
            users::set_locale(conn, &id, locale.as_str())?;
            Ok(())
        })
        .await?;
    me(state, user_id).await
}

fn organisation_of(conn: &mut DbConnection, user: &UserRow) -> AppResult<Option<String>> {
    Ok(match &user.org_id {
        Some(org) => orgs::find(conn, org)?.map(|org| org.name),
        None => None,
    })
}

pub fn me_of(user: &UserRow, organisation: Option<String>) -> AppResult<Me> {
    Ok(Me {
        id: db::stored_id(&user.id, "account id")?,
        email: user.email.clone(),
        name: user.name.clone(),
        locale: Locale::parse(&user.locale).unwrap_or_default(),
        kind: AccountKind::parse(&user.kind).ok_or_else(|| db::corrupt("account kind"))?,
        organisation,
    })
}

/// Stores a new refresh token in `chain_id` and returns the raw token.
fn start_chain(
    conn: &mut DbConnection,
    user_id: &str,
    chain_id: String,
    days: i64,
) -> AppResult<String> {
    let (raw, hash) = tokens::new_token();
    let now = now_ms();
    sessions::insert(
        conn,
        &RefreshTokenRow {
            id: new_id(),
            user_id: user_id.to_string(),
            chain_id,
            token_hash: hash,
            created_at: now,
            expires_at: now + days * 24 * 60 * 60 * 1000,
            used_at: None,
            revoked_at: None,
            used_by_client: None,
        },
    )?;
    Ok(raw)
}

/// The session of a person's account (no organisation), e.g. one just made from an invite.
pub fn session_for(
    state: &AppState,
    user: &UserRow,
    refresh_token: String,
) -> AppResult<NewSession> {
    Ok(session_with(
        state,
        me_of(user, None)?,
        user.session_epoch,
        refresh_token,
    ))
}

/// A session whose access token carries the account's session `epoch`.
fn session_with(state: &AppState, user: Me, epoch: i64, refresh_token: String) -> NewSession {
    NewSession {
        access_token: state.jwt.issue(&user.id.to_string(), epoch),
        expires_in: state.jwt.lifetime_secs(),
        refresh_token,
        user,
    }
}
