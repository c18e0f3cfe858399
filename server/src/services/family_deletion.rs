//! A parent deletes the family after typing its name. Without "every parent must agree" (or as
//! the only parent) it is gone at once; with the rule on, the deletion waits until every parent
//! approved it, for at most seven days (then it lapses), and any parent can cancel it. Who may
//! ask, approve, cancel or see it is the access policy's answer for deleting the family
//! (parents only). A deletion removes every row of the family in one transaction, and
//! every member and linked professional (except the parent whose step deleted it) is emailed
//! that the plan is gone; the email about the family that was still queued goes with it.

use onsplan_shared::access_log::{LogAction, LogBasis};
use onsplan_shared::auth::Locale;
use onsplan_shared::erasure::{DeleteFamilyRequest, PendingDeletion, DELETION_APPROVAL_DAYS};
use onsplan_shared::routes::APP_FAMILY_DELETION_PAGE;
use onsplan_shared::section::Author;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::{FamilyDeletionRow, FamilyRow};
use crate::db::{erasure, families, new_id, now_ms, stored_id, to_utc, users, DbConnection};
use crate::email::catalogue::{self, DeletionAskedMail, FamilyDeletedMail};
use crate::email::outbox::{EmailKind, Outbox};
use crate::email::Email;
use crate::errors::{AppError, AppResult};
use crate::policy::{Action, Resource};
use crate::services::access::{self, Ask, Asking};
use crate::services::audit::Audit;
use crate::services::families::parent_ids;
use crate::services::grants::parent_actor;
use crate::services::policy::takes_effect;
use crate::state::AppState;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The policy's question: deleting the family, logged as `logged_as` when refused.
fn deleting(logged_as: LogAction) -> AppResult<(Ask, ())> {
    access::plain(Ask::new(Resource::Family, Action::Delete, logged_as).about("family"))
}

/// `DELETE /families/{family}`: deletes the family (`None`), or, with "every parent must
/// agree" on and other parents, asks them (`Some`: the waiting deletion).
pub async fn delete(
    state: &AppState,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    request: DeleteFamilyRequest,
) -> AppResult<Option<PendingDeletion>> {
    let asking = Asking::new(user, family, request_id.clone());
    let (user, outbox) = (user.clone(), state.outbox.clone());
    let outcome = access::write(
        &state.db,
        asking,
        |_, _| deleting(LogAction::DeletionAsked),
        move |conn, _, ()| {
            let family_id = family.to_string();
            families::lock(conn, &family_id)?;
            let row = families::find(conn, &family_id)?.ok_or(AppError::NotFound)?;
            if !request.names(&row.name) {
                return Err(AppError::ConfirmNameMismatch);
            }
            let now = now_ms();
            erasure::lapse_expired(conn, &family_id, now)?;
            let parents = parent_ids(conn, &family_id)?;
            if !row.both_parents_must_agree || parents.len() <= 1 {
                erase(conn, &outbox, &row, &user)?;
                return Ok(None);
            }
            if erasure::pending(conn, &family_id)?.is_some() {
                return Err(AppError::DeletionPending);
            }
            let deletion = FamilyDeletionRow {
                id: new_id(),
                family_id: family_id.clone(),
                requested_by: user.id.clone(),
                requested_at: now,
                expires_at: now + DELETION_APPROVAL_DAYS * DAY_MS,
                status: erasure::PENDING.to_string(),
                closed_by: None,
                closed_at: None,
            };
            erasure::insert_deletion(conn, &deletion)?;
            erasure::approve(conn, &deletion.id, &user.id, now)?;
            log(
                conn,
                &user,
                &deletion,
                request_id.as_deref(),
                LogAction::DeletionAsked,
            )?;
            ask_the_others(conn, &outbox, &row, &deletion, &user)?;
            Ok(Some(view(conn, &deletion)?))
        },
    )
    .await?;
    state.outbox.wake();
    Ok(outcome)
}

/// `POST .../deletion/approve`: the caller's approval; with every parent's the family is
/// deleted (`None`), else the deletion still waits (`Some`). Approving twice changes nothing.
pub async fn approve(
    state: &AppState,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
) -> AppResult<Option<PendingDeletion>> {
    let asking = Asking::new(user, family, request_id.clone());
    let (user, outbox) = (user.clone(), state.outbox.clone());
    let outcome = access::write(
        &state.db,
        asking,
        |_, _| deleting(LogAction::DeletionApproved),
        move |conn, _, ()| {
            let family_id = family.to_string();
            let (row, deletion) = waiting(conn, &family_id)?;
            let mut approved = erasure::approvals(conn, &deletion.id)?;
            if !approved.contains(&user.id) {
                erasure::approve(conn, &deletion.id, &user.id, now_ms())?;
                approved.push(user.id.clone());
                log(
                    conn,
                    &user,
                    &deletion,
                    request_id.as_deref(),
                    LogAction::DeletionApproved,
                )?;
            }
            if takes_effect(&parent_ids(conn, &family_id)?, &approved) {
                erase(conn, &outbox, &row, &user)?;
                return Ok(None);
            }
            Ok(Some(view(conn, &deletion)?))
        },
    )
    .await?;
    state.outbox.wake();
    Ok(outcome)
}

/// `DELETE .../deletion`: any parent cancels the waiting deletion; the family stays.
pub async fn cancel(
    state: &AppState,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
) -> AppResult<()> {
    let asking = Asking::new(user, family, request_id.clone());
    let user = user.clone();
    access::write(
        &state.db,
        asking,
        |_, _| deleting(LogAction::DeletionCancelled),
        move |conn, _, ()| {
            let (_, deletion) = waiting(conn, &family.to_string())?;
            if erasure::close(
                conn,
                &deletion.id,
                erasure::CANCELLED,
                Some(user.id.as_str()),
                now_ms(),
            )? {
                log(
                    conn,
                    &user,
                    &deletion,
                    request_id.as_deref(),
                    LogAction::DeletionCancelled,
                )?;
            }
            Ok(())
        },
    )
    .await
}

/// `GET .../deletion`: the waiting deletion, for parents; 404 when none waits.
pub async fn show(
    state: &AppState,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
) -> AppResult<PendingDeletion> {
    let asking = Asking::new(user, family, request_id);
    access::read(
        &state.db,
        asking,
        |_, _| deleting(LogAction::Read),
        move |conn, _, ()| pending(conn, &family.to_string())?.ok_or(AppError::NotFound),
    )
    .await
}

/// The family's deletion that waits and has not lapsed, as parents see it.
pub fn pending(conn: &mut DbConnection, family_id: &str) -> AppResult<Option<PendingDeletion>> {
    match erasure::pending(conn, family_id)? {
        Some(deletion) if deletion.expires_at > now_ms() => Ok(Some(view(conn, &deletion)?)),
        _ => Ok(None),
    }
}

/// Locks the family and finds its waiting deletion (one that lapsed is closed now); 409 when
/// none waits.
fn waiting(conn: &mut DbConnection, family_id: &str) -> AppResult<(FamilyRow, FamilyDeletionRow)> {
    families::lock(conn, family_id)?;
    let row = families::find(conn, family_id)?.ok_or(AppError::NotFound)?;
    erasure::lapse_expired(conn, family_id, now_ms())?;
    let deletion = erasure::pending(conn, family_id)?.ok_or_else(|| {
        AppError::Conflict("no deletion of this family waits for approval".into())
    })?;
    Ok((row, deletion))
}

fn view(conn: &mut DbConnection, deletion: &FamilyDeletionRow) -> AppResult<PendingDeletion> {
    let members = families::members(conn, &deletion.family_id)?;
    let name_of = |id: &str| -> String {
        members
            .iter()
            .find(|(m, _)| m.user_id == id)
            .map(|(_, name)| name.clone())
            .unwrap_or_default()
    };
    let author = |id: &str| -> AppResult<Author> {
        Ok(Author {
            user_id: stored_id(id, "deletion author")?,
            name: name_of(id),
        })
    };
    let mut approvers = erasure::approvals(conn, &deletion.id)?;
    // The asker first, then the others in the order they approved.
    approvers.sort_by_key(|id| *id != deletion.requested_by);
    let waiting_for = parent_ids(conn, &deletion.family_id)?
        .into_iter()
        .filter(|id| !approvers.contains(id))
        .map(|id| author(&id))
        .collect::<AppResult<_>>()?;
    Ok(PendingDeletion {
        requested_by: author(&deletion.requested_by)?,
        requested_at: to_utc(deletion.requested_at),
        expires_at: to_utc(deletion.expires_at),
        approved_by: approvers
            .iter()
            .map(|id| author(id))
            .collect::<AppResult<_>>()?,
        waiting_for,
    })
}

fn log(
    conn: &mut DbConnection,
    user: &AuthUser,
    deletion: &FamilyDeletionRow,
    request_id: Option<&str>,
    action: LogAction,
) -> AppResult<()> {
    Audit::new(&parent_actor(user), action)
        .family(&deletion.family_id)
        .request_id(request_id)
        .basis(LogBasis::Parent)
        .target(&deletion.id)
        .append(conn)?;
    Ok(())
}

/// Emails every other parent that the deletion waits for them.
fn ask_the_others(
    conn: &mut DbConnection,
    outbox: &Outbox,
    family: &FamilyRow,
    deletion: &FamilyDeletionRow,
    asker: &AuthUser,
) -> AppResult<()> {
    let link = outbox.page(APP_FAMILY_DELETION_PAGE);
    for parent_id in parent_ids(conn, &family.id)? {
        if parent_id == asker.id {
            continue;
        }
        let Some(parent) = users::find_active(conn, &parent_id)? else {
            continue;
        };
        let rendered = catalogue::deletion_asked(
            Locale::parse(&parent.locale).unwrap_or_default(),
            &DeletionAskedMail {
                name: &parent.name,
                parent: &asker.name,
                family: &family.name,
                expires_at_ms: deletion.expires_at,
                link: &link,
            },
        );
        outbox.queue_about(
            conn,
            EmailKind::DeletionAsked,
            &Email::new(&parent.email, rendered, link.clone()),
            &family.id,
        )?;
    }
    Ok(())
}

/// Deletes every row of the family and emails its members and linked professionals (except
/// `by`, whose step deleted it) that the plan is gone. These emails carry only the family's
/// name and are not tied to the family's id: they are the one trace that outlives it.
fn erase(
    conn: &mut DbConnection,
    outbox: &Outbox,
    family: &FamilyRow,
    by: &AuthUser,
) -> AppResult<()> {
    let mut told: Vec<String> = families::members(conn, &family.id)?
        .into_iter()
        .map(|(member, _)| member.user_id)
        .collect();
    told.extend(erasure::professional_ids(conn, &family.id)?);
    let mut recipients = Vec::new();
    for id in told.iter().filter(|id| **id != by.id) {
        if let Some(person) = users::find_active(conn, id)? {
            recipients.push(person);
        }
    }
    erasure::delete_family(conn, &family.id)?;
    let link = outbox.page("/");
    for person in recipients {
        let rendered = catalogue::family_deleted(
            Locale::parse(&person.locale).unwrap_or_default(),
            &FamilyDeletedMail {
                name: &person.name,
                parent: &by.name,
                family: &family.name,
            },
        );
        outbox.queue(
            conn,
            EmailKind::FamilyDeleted,
            &Email::new(&person.email, rendered, link.clone()),
        )?;
    }
    tracing::info!("a family was deleted");
    Ok(())
}
