//! Registering by email link, without telling anyone whether an address has an account.
//!
//! Asking for an account always answers the same, after the same work (validation, rate
//! limits, the slow password hash, one write that queues one email). For a new address the
//! request waits as a pending registration and its owner gets a link; for an address that
//! already has an account its owner gets a note instead, and nothing is made. Opening the link
//! makes the account once and starts its first session, as logging in does.

use onsplan_shared::auth::{normalize_email, Locale, RegisterConfirm, RegisterRequest};
use onsplan_shared::routes::{APP_FORGOT_PASSWORD_PAGE, APP_LOGIN_PAGE, APP_REGISTER_CONFIRM_PAGE};

use crate::auth::{password, password_policy, tokens, turns};
use crate::db::models::{PendingRegistrationRow, UserRow};
use crate::db::{new_id, now_ms, pending_registrations, users, DbConnection};
use crate::email::catalogue::{self, AddressTakenMail, RegisterMail};
use crate::email::outbox::{EmailKind, Outbox};
use crate::email::Email;
use crate::errors::{AppError, AppResult};
use crate::services::accounts::{self, NewSession};
use crate::services::links::{self, LinkState};
use crate::services::rate_limit::{self, Limit};
use crate::state::AppState;

/// Registrations allowed from one IP address per hour.
pub const REGISTER_PER_IP: Limit = Limit {
    scope: "register-ip",
    max_hits: 20,
    window_ms: 60 * 60 * 1000,
};
/// Registrations allowed from anywhere per minute: a ceiling on scripted sign-ups from many
/// addresses, far above what people register by hand.
pub const REGISTER_PER_MINUTE: Limit = Limit {
    scope: "register",
    max_hits: 60,
    window_ms: 60 * 1000,
};

/// How long a registration's link works.
pub const REGISTRATION_TTL_MS: i64 = 24 * 60 * 60 * 1000;

/// Takes a registration: emails a confirmation link for a new address, or a note to the owner
/// of an address that has an account. The caller learns nothing either way.
pub async fn register(
    state: &AppState,
    request: RegisterRequest,
    ip: Option<String>,
) -> AppResult<()> {
    request.validate()?;
    password_policy::check(&request.password, &request.email, &request.name)?;
    let _turn = turns::take().await?;
    let ip = ip.unwrap_or_else(|| "unknown".to_string());
    rate_limit::count(
        &state.db,
        vec![(REGISTER_PER_IP, ip), (REGISTER_PER_MINUTE, String::new())],
    )
    .await?;
    // Hashed for every request, so a known address costs the same time as a new one.
    let password_hash = password::hash_queued(request.password).await?;
    let now = now_ms();
    let pending = PendingRegistrationRow {
        id: new_id(),
        email: normalize_email(&request.email),
        name: request.name.trim().to_string(),
        password_hash,
        locale: request.locale.as_str().to_string(),
        token_hash: String::new(),
        created_at: now,
        expires_at: now + REGISTRATION_TTL_MS,
        used_at: None,
        superseded_at: None,
    };
    let outbox = state.outbox.clone();
    state
        .db
        .write(move |conn| -> AppResult<()> {
            match users::find_by_email(conn, &pending.email)? {
                Some(owner) => tell_owner(conn, &outbox, &owner),
                None => await_confirmation(conn, &outbox, pending, request.locale),
            }
        })
        .await?;
    state.outbox.wake();
    Ok(())
}

/// Stores `pending` with a new token and queues the link to its address.
fn await_confirmation(
    conn: &mut DbConnection,
    outbox: &Outbox,
    mut pending: PendingRegistrationRow,
    locale: Locale,
) -> AppResult<()> {
    let (token, token_hash) = tokens::new_token();
    pending.token_hash = token_hash;
    pending_registrations::insert_superseding(conn, &pending)?;
    let link = outbox.link(APP_REGISTER_CONFIRM_PAGE, &token);
    let rendered = catalogue::register_confirm(
        locale,
        &RegisterMail {
            name: &pending.name,
            link: &link,
            expires_at_ms: pending.expires_at,
        },
    );
    outbox.queue(
        conn,
        EmailKind::Registration,
        &Email::new(&pending.email, rendered, link),
    )?;
    Ok(())
}

/// Queues the "someone tried to register with your address" note to an active account.
/// A disabled account gets nothing.
fn tell_owner(conn: &mut DbConnection, outbox: &Outbox, owner: &UserRow) -> AppResult<()> {
    if owner.disabled_at.is_some() {
        return Ok(());
    }
    let login_link = outbox.page(APP_LOGIN_PAGE);
    let reset_link = outbox.page(APP_FORGOT_PASSWORD_PAGE);
    let rendered = catalogue::address_taken(
        Locale::parse(&owner.locale).unwrap_or_default(),
        &AddressTakenMail {
            name: &owner.name,
            login_link: &login_link,
            reset_link: &reset_link,
        },
    );
    outbox.queue(
        conn,
        EmailKind::AddressTaken,
        &Email::new(&owner.email, rendered, login_link),
    )?;
    Ok(())
}

/// Makes the account of a live registration link and starts its first session. The link is
/// used up; an address that got an account meanwhile is [`AppError::EmailTaken`].
pub async fn confirm(
    state: &AppState,
    request: RegisterConfirm,
    ip: Option<String>,
) -> AppResult<NewSession> {
    links::limit_ip(&state.db, ip).await?;
    let hash = links::presented_hash(&request.token)?;
    let refresh_days = state.settings.refresh_token_days;
    let (user, refresh_token) = state
        .db
        .write(move |conn| -> AppResult<_> {
            let now = now_ms();
            let pending =
                pending_registrations::find_by_hash(conn, &hash)?.ok_or(AppError::LinkInvalid)?;
            links::check_live(
                &LinkState {
                    used_at: pending.used_at,
                    revoked_at: None,
                    superseded_at: pending.superseded_at,
                    expires_at: pending.expires_at,
                },
                now,
            )?;
            if users::find_by_email(conn, &pending.email)?.is_some() {
                return Err(AppError::EmailTaken);
            }
            if !pending_registrations::claim(conn, &pending.id, now)? {
                return Err(AppError::LinkUsed);
            }
            let locale = Locale::parse(&pending.locale).unwrap_or_default();
            let user =
                accounts::new_user(pending.email, &pending.name, pending.password_hash, locale);
            accounts::create_user(conn, &user)?;
            let refresh = accounts::start_session(conn, &user.id, refresh_days)?;
            Ok((user, refresh))
        })
        .await?;
    accounts::session_for(state, &user, refresh_token)
}
