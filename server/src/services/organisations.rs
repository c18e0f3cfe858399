//! Organisations and the accounts they own: an operator creates an organisation and its admin
//! (CLI); the org admin creates and deactivates professional accounts of that organisation.
//! Accounts made for someone start without a usable password and a one-time activation link
//! (same token rules as other links: random, SHA-256 at rest, single use, 7 days).

use onsplan_shared::auth::{normalize_email, AccountKind, ActivateAccountRequest, Locale};
use onsplan_shared::consent::{CreateProfessionalRequest, ProfessionalAccount};
use onsplan_shared::routes::APP_ACTIVATION_PAGE;
use onsplan_shared::validate::{self, FieldError};
use uuid::Uuid;

use crate::auth::{password, password_policy, tokens, turns, AuthUser};
use crate::db::models::{ActivationRow, OrganisationRow, UserRow};
use crate::db::{self, new_id, now_ms, orgs, to_utc, users, Db, DbConnection};
use crate::email::catalogue::{self, ActivationMail};
use crate::email::outbox::EmailKind;
use crate::email::Email;
use crate::errors::{AppError, AppResult};
use crate::services::links;
use crate::state::AppState;

/// How long an activation link works.
pub const ACTIVATION_DAYS: i64 = 7;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// Stored in place of a password hash until the account is activated: matches no password.
const NO_PASSWORD_YET: &str = "!unset";

pub async fn create_organisation(db: &Db, name: &str) -> AppResult<String> {
    validate::name("name", name)?;
    let row = OrganisationRow {
        id: new_id(),
        name: name.trim().to_string(),
        created_at: now_ms(),
        deactivated_at: None,
    };
    db.write(move |conn| -> AppResult<String> {
        orgs::insert(conn, &row)?;
        Ok(row.id)
    })
    .await
}

/// Creates an organisation's admin and returns (account id, activation link).
pub async fn create_org_admin(
    db: &Db,
    public_url: &str,
    org_id: &str,
    email: &str,
    name: &str,
) -> AppResult<(String, String)> {
    let request = CreateProfessionalRequest {
        email: email.to_string(),
        name: name.to_string(),
    };
    request.validate()?;
    let org_id = org_id.to_string();
    let public_url = public_url.to_string();
    db.write(move |conn| {
        orgs::find(conn, &org_id)?
            .ok_or_else(|| AppError::BadRequest("no organisation with this id".into()))?;
        create_account(
            conn,
            &public_url,
            &request,
            AccountKind::OrgAdmin,
            &org_id,
            None,
        )
        .map(|(user, link)| (user.id, link))
    })
    .await
}

/// Creates a professional of the admin's organisation; the professional gets an email with
/// the one-time link for choosing a password (the admin never sees it).
pub async fn create_professional(
    state: &AppState,
    admin: &AuthUser,
    request: CreateProfessionalRequest,
) -> AppResult<ProfessionalAccount> {
    request.validate()?;
    let org_id = admin_org(admin)?;
    let admin_id = admin.id.clone();
    let outbox = state.outbox.clone();
    let public_url = state.settings.public_url.clone();
    let account = state
        .db
        .write(move |conn| -> AppResult<ProfessionalAccount> {
            let organisation = orgs::find(conn, &org_id)?.ok_or(AppError::Forbidden)?;
            let (user, link) = create_account(
                conn,
                &public_url,
                &request,
                AccountKind::Professional,
                &org_id,
                Some(&admin_id),
            )?;
            let rendered = catalogue::activation(
                Locale::Nl,
                &ActivationMail {
                    name: &user.name,
                    organisation: &organisation.name,
                    link: &link,
                    expires_at_ms: now_ms() + ACTIVATION_DAYS * DAY_MS,
                },
            );
            let email = Email::new(&user.email, rendered, link);
            outbox.queue(conn, EmailKind::AccountActivation, &email)?;
            Ok(account_of(&user))
        })
        .await?;
    state.outbox.wake();
    Ok(account)
}

pub async fn list_professionals(db: &Db, admin: &AuthUser) -> AppResult<Vec<ProfessionalAccount>> {
    let org_id = admin_org(admin)?;
    db.read(move |conn| {
        Ok(
            orgs::members(conn, &org_id, AccountKind::Professional.as_str())?
                .iter()
                .map(account_of)
                .collect(),
        )
    })
    .await
}

/// Deactivates a professional of the admin's organisation: every later request of theirs is
/// refused and their sessions end. A professional of another organisation is 404.
pub async fn deactivate_professional(
    db: &Db,
    admin: &AuthUser,
    professional: Uuid,
) -> AppResult<()> {
    let org_id = admin_org(admin)?;
    db.write(move |conn| -> AppResult<()> {
        let professional = professional.to_string();
        let ours = orgs::members(conn, &org_id, AccountKind::Professional.as_str())?
            .iter()
            .any(|user| user.id == professional);
        if !ours {
            return Err(AppError::NotFound);
        }
        orgs::disable_account(conn, &professional, now_ms())?;
        Ok(())
    })
    .await
}

/// Sets the first password with the one-time token from an activation link. Counted as a
/// link request of `ip`; the link is checked before the (slow) password hash, so made-up
/// tokens cost no hashing.
pub async fn activate(
    db: &Db,
    request: ActivateAccountRequest,
    ip: Option<String>,
) -> AppResult<()> {
    onsplan_shared::auth::validate_password("password", &request.password)?;
    let _turn = turns::take().await?;
    links::limit_ip(db, ip).await?;
    let token_hash = tokens::hash_token(&request.token);
    let account = {
        let token_hash = token_hash.clone();
        db.read(move |conn| -> AppResult<_> {
            match orgs::find_live_activation(conn, &token_hash, now_ms())? {
                Some(user_id) => Ok(users::find_any(conn, &user_id)?),
                None => Ok(None),
            }
        })
        .await?
    };
    let account = account.ok_or_else(link_not_valid)?;
    password_policy::check(&request.password, &account.email, &account.name)?;
    let password_hash = password::hash_queued(request.password).await?;
    db.write(move |conn| -> AppResult<()> {
        let user_id =
            orgs::use_activation(conn, &token_hash, now_ms())?.ok_or_else(link_not_valid)?;
        users::set_password_hash(conn, &user_id, &password_hash)?;
        Ok(())
    })
    .await
}

fn link_not_valid() -> AppError {
    FieldError::new("token", "this link is not valid (any more)").into()
}

fn admin_org(admin: &AuthUser) -> AppResult<String> {
    match (&admin.kind, &admin.org_id) {
        (AccountKind::OrgAdmin, Some(org)) => Ok(org.clone()),
        _ => Err(AppError::Forbidden),
    }
}

fn create_account(
    conn: &mut DbConnection,
    public_url: &str,
    request: &CreateProfessionalRequest,
    kind: AccountKind,
    org_id: &str,
    created_by: Option<&str>,
) -> AppResult<(UserRow, String)> {
    let now = now_ms();
    let user = UserRow {
        id: new_id(),
        email: normalize_email(&request.email),
        name: request.name.trim().to_string(),
        password_hash: NO_PASSWORD_YET.to_string(),
        locale: "nl".to_string(),
        created_at: now,
        disabled_at: None,
        kind: kind.as_str().to_string(),
        org_id: Some(org_id.to_string()),
        created_by: created_by.map(str::to_string),
        session_epoch: 0,
    };
    if users::find_by_email(conn, &user.email)?.is_some() {
        return Err(AppError::EmailTaken);
    }
    users::insert(conn, &user).map_err(|err| {
        if db::is_unique_violation(&err) {
            AppError::EmailTaken
        } else {
            err.into()
        }
    })?;
    let (token, token_hash) = tokens::new_token();
    orgs::insert_activation(
        conn,
        &ActivationRow {
            id: new_id(),
            user_id: user.id.clone(),
            token_hash,
            created_at: now,
            expires_at: now + ACTIVATION_DAYS * DAY_MS,
            used_at: None,
        },
    )?;
    let link = format!("{public_url}{APP_ACTIVATION_PAGE}#{token}");
    Ok((user, link))
}

fn account_of(user: &UserRow) -> ProfessionalAccount {
    ProfessionalAccount {
        id: user.id.parse().unwrap_or_default(),
        email: user.email.clone(),
        name: user.name.clone(),
        active: user.disabled_at.is_none(),
        activated: user.password_hash != NO_PASSWORD_YET,
        created_at: to_utc(user.created_at),
    }
}
