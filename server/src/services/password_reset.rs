//! Password reset by email link: asking always answers the same (no account enumeration);
//! when the account exists a link is queued in the same transaction. Confirming sets the new
//! password, uses the link up and ends every session of the account.

use onsplan_shared::access_log::{ActorRole, LogAction, LogBasis};
use onsplan_shared::auth::{normalize_email, Locale};
use onsplan_shared::invite::{PasswordResetConfirm, PasswordResetRequest};
use onsplan_shared::routes::APP_PASSWORD_RESET_PAGE;

use crate::auth::{password, password_policy, tokens};
use crate::db::models::PasswordResetRow;
use crate::db::{new_id, now_ms, password_resets, sessions, users};
use crate::email::catalogue::{self, ResetMail};
use crate::email::outbox::EmailKind;
use crate::email::Email;
use crate::errors::{AppError, AppResult};
use crate::services::audit::{Actor, Audit};
use crate::services::links::{self, LinkState};
use crate::state::AppState;

/// How long a reset link works.
pub const RESET_TTL_MS: i64 = 60 * 60 * 1000;

/// Queues a reset link when an active account has this email. The caller learns nothing
/// either way.
pub async fn request(
    state: &AppState,
    request: PasswordResetRequest,
    ip: Option<String>,
) -> AppResult<()> {
    links::limit_ip(&state.db, ip).await?;
    let email = normalize_email(&request.email);
    let outbox = state.outbox.clone();
    let queued = state
        .db
        .write(move |conn| -> AppResult<bool> {
            let Some(user) = users::find_by_email(conn, &email)? else {
                return Ok(false);
            };
            if user.disabled_at.is_some() {
                return Ok(false);
            }
            let (token, token_hash) = tokens::new_token();
            let now = now_ms();
            let row = PasswordResetRow {
                id: new_id(),
                user_id: user.id.clone(),
                token_hash,
                created_at: now,
                expires_at: now + RESET_TTL_MS,
                used_at: None,
                superseded_at: None,
            };
            password_resets::insert_superseding(conn, &row)?;
            let link = outbox.link(APP_PASSWORD_RESET_PAGE, &token);
            let rendered = catalogue::password_reset(
                Locale::parse(&user.locale).unwrap_or_default(),
                &ResetMail {
                    name: &user.name,
                    link: &link,
                    expires_at_ms: row.expires_at,
                },
            );
            outbox.queue(
                conn,
                EmailKind::PasswordReset,
                &Email::new(&user.email, rendered, link),
            )?;
            Audit::new(&Actor::anonymous(), LogAction::PasswordReset)
                .target(&user.id)
                .basis(LogBasis::ResetRequested)
                .append(conn)?;
            Ok(true)
        })
        .await?;
    if queued {
        state.outbox.wake();
    }
    Ok(())
}

/// Sets a new password with a live reset link and revokes every refresh token of the account.
pub async fn confirm(
    state: &AppState,
    request: PasswordResetConfirm,
    ip: Option<String>,
) -> AppResult<()> {
    links::limit_ip(&state.db, ip).await?;
    let hash = links::presented_hash(&request.token)?;
    request.validate()?;
    // The account is looked up before the (slow) hash, to refuse a guessable password.
    let account = {
        let hash = hash.clone();
        state
            .db
            .read(move |conn| -> AppResult<_> {
                let reset =
                    password_resets::find_by_hash(conn, &hash)?.ok_or(AppError::LinkInvalid)?;
                users::find_active(conn, &reset.user_id)?.ok_or(AppError::LinkInvalid)
            })
            .await?
    };
    password_policy::check(&request.password, &account.email, &account.name)?;
    let secret = request.password;
    let password_hash = password::hash_queued(secret).await?;
    state
        .db
        .write(move |conn| -> AppResult<()> {
            let now = now_ms();
            let reset = password_resets::find_by_hash(conn, &hash)?.ok_or(AppError::LinkInvalid)?;
            links::check_live(
                &LinkState {
                    used_at: reset.used_at,
                    revoked_at: None,
                    superseded_at: reset.superseded_at,
                    expires_at: reset.expires_at,
                },
                now,
            )?;
            let user = users::find_active(conn, &reset.user_id)?.ok_or(AppError::LinkInvalid)?;
            if !password_resets::claim(conn, &reset.id, now)? {
                return Err(AppError::LinkUsed);
            }
            users::set_password_hash(conn, &user.id, &password_hash)?;
            sessions::revoke_all_for_user(conn, &user.id, now)?;
            Audit::new(
                &Actor::person(&user.id, &user.name, ActorRole::Anonymous),
                LogAction::PasswordReset,
            )
            .target(&user.id)
            .basis(LogBasis::ResetLink)
            .append(conn)?;
            Ok(())
        })
        .await
}
