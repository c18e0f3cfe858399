//! Consent grants: a parent shares chosen sections with a linked professional for a period;
//! with "both parents must agree" a grant waits for every parent's approval; any parent
//! revokes alone. A grant of private sections is its author's alone: only they can make it,
//! see it and revoke it, and it needs no other approval. Every change is logged.

use std::collections::HashMap;

use chrono::{DateTime, Months, Utc};
use onsplan_shared::access_log::{ActorRole, LogAction, LogBasis};
use onsplan_shared::consent::{CreateGrantRequest, Grant, DEFAULT_GRANT_MONTHS, MAX_GRANT_MONTHS};
use onsplan_shared::section::Author;
use onsplan_shared::validate::FieldError;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::GrantRow;
use crate::db::{
    families, grants, links, new_id, now_ms, orgs, stored_id, to_utc, users, Db, DbConnection,
};
use crate::errors::{AppError, AppResult};
use crate::policy::{self as access_policy, Action, Caller, Resource};
use crate::services::access::{self, Ask, Asking};
use crate::services::audit::{Actor, Audit};
use crate::services::consent::{facts_of, format_sections, parse_sections};
use crate::services::families::parent_ids;

/// The period of a new grant: from `from` (default now) until `until` (default three months
/// later), at most twelve months long and not already over.
pub fn grant_period(
    now: i64,
    from: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
) -> AppResult<(i64, i64)> {
    let from = from.unwrap_or_else(|| to_utc(now));
    let until = match until {
        Some(until) => until,
        None => from
            .checked_add_months(Months::new(DEFAULT_GRANT_MONTHS))
            .ok_or_else(|| FieldError::new("valid_from", "is too far in the future"))?,
    };
    let longest = from
        .checked_add_months(Months::new(MAX_GRANT_MONTHS))
        .ok_or_else(|| FieldError::new("valid_from", "is too far in the future"))?;
    if until <= from {
        return Err(FieldError::new("valid_until", "must be after the start").into());
    }
    if until > longest {
        return Err(FieldError::new(
            "valid_until",
            format!("is more than {MAX_GRANT_MONTHS} months after the start"),
        )
        .into());
    }
    if until.timestamp_millis() <= now {
        return Err(FieldError::new("valid_until", "is already over").into());
    }
    Ok((from.timestamp_millis(), until.timestamp_millis()))
}

pub fn parent_actor(user: &AuthUser) -> Actor {
    Actor::person(&user.id, &user.name, ActorRole::Parent)
}

/// Creates a grant in the caller's transaction (also used when a parent approves an access
/// request), for a caller the access policy allowed. Returns the stored row.
pub fn create_in(
    conn: &mut DbConnection,
    user: &AuthUser,
    request_id: Option<&str>,
    family_id: &str,
    request: &CreateGrantRequest,
    source_request: Option<&str>,
) -> AppResult<GrantRow> {
    request.validate()?;
    let professional = request.professional_id.to_string();
    if !links::is_linked(conn, family_id, &professional)? {
        return Err(FieldError::new("professional_id", "is not linked to this family").into());
    }
    let now = now_ms();
    let (valid_from, valid_until) = grant_period(now, request.valid_from, request.valid_until)?;
    let private = request.sections.iter().any(|s| s.private);
    let needs_everyone = !private
        && families::find(conn, family_id)?
            .ok_or(AppError::NotFound)?
            .both_parents_must_agree;
    let row = GrantRow {
        id: new_id(),
        family_id: family_id.to_string(),
        professional_id: professional,
        granted_by: user.id.clone(),
        sections: format_sections(&request.sections),
        can_comment: request.can_comment,
        valid_from,
        valid_until,
        created_at: now,
        activated_at: None,
        revoked_at: None,
        revoked_by: None,
        request_id: source_request.map(str::to_string),
        can_export: request.can_export,
    };
    grants::insert(conn, &row)?;
    grants::approve(conn, &row.id, &user.id, now)?;
    if !needs_everyone || everyone_approved(conn, family_id, &row.id)? {
        grants::activate(conn, &row.id, now)?;
    }
    log(conn, user, request_id, &row, LogAction::Grant)?;
    grants::find(conn, family_id, &row.id)?.ok_or(AppError::NotFound)
}

pub async fn create(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    request: CreateGrantRequest,
) -> AppResult<Grant> {
    let asking = Asking::new(user, family, request_id.clone());
    let user = user.clone();
    access::write(
        db,
        asking,
        // A grant of private sections shares the caller's own: theirs to make.
        |_, _| {
            access::plain(
                Ask::new(
                    Resource::Grant { private_of: None },
                    Action::Create,
                    LogAction::Grant,
                )
                .about("grants"),
            )
        },
        move |conn, _, ()| {
            let family_id = family.to_string();
            let row = create_in(
                conn,
                &user,
                request_id.as_deref(),
                &family_id,
                &request,
                None,
            )?;
            reload(conn, &family_id, &row.id, now_ms())
        },
    )
    .await
}

/// Parents see the family's grants (without other parents' private ones); a linked
/// professional sees their own.
pub async fn list(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
) -> AppResult<Vec<Grant>> {
    let asking = Asking::new(user, family, request_id);
    access::read(
        db,
        asking,
        |_, _| {
            access::plain(Ask::new(Resource::Grants, Action::List, LogAction::Read).about("grants"))
        },
        move |conn, allowed, ()| {
            let family_id = family.to_string();
            let rows: Vec<GrantRow> = match &allowed.caller {
                Caller::Professional { id, .. } => {
                    grants::for_family(conn, &family_id, Some(&id.to_string()))?
                }
                caller => {
                    let mut shown = Vec::new();
                    for row in grants::for_family(conn, &family_id, None)? {
                        if may_act_on(caller, &row)? {
                            shown.push(row);
                        }
                    }
                    shown
                }
            };
            to_wire(conn, &rows, now_ms())
        },
    )
    .await
}

/// The policy's question about one grant.
pub(crate) fn grant_resource(row: &GrantRow) -> AppResult<Resource> {
    let private = parse_sections(&row.sections)?.iter().any(|s| s.private);
    let private_of = if private {
        Some(stored_id(&row.granted_by, "grant author")?)
    } else {
        None
    };
    Ok(Resource::Grant { private_of })
}

/// Whether the caller may see and act on this grant (a private one is its author's alone).
pub(crate) fn may_act_on(caller: &Caller, row: &GrantRow) -> AppResult<bool> {
    Ok(access_policy::decide(caller, grant_resource(row)?, Action::Read).is_allowed())
}

/// Asks about the grant `grant` of the family for `action`; an unknown id is 404.
fn ask_about_grant(
    conn: &mut DbConnection,
    family_id: &str,
    grant: Uuid,
    action: Action,
    logged_as: LogAction,
) -> AppResult<(Ask, GrantRow)> {
    let row = grants::find(conn, family_id, &grant.to_string())?.ok_or(AppError::NotFound)?;
    let ask = Ask::new(grant_resource(&row)?, action, logged_as).about(grant.to_string());
    Ok((ask, row))
}

/// A parent approves a grant that waits for every parent.
pub async fn approve(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    grant: Uuid,
) -> AppResult<Grant> {
    let asking = Asking::new(user, family, request_id.clone());
    let user = user.clone();
    access::write(
        db,
        asking,
        move |conn, _| {
            let family_id = family.to_string();
            // Approvals of one grant take turns: the last of two simultaneous approvals then
            // counts the other one and activates the grant.
            grants::lock(conn, &family_id, &grant.to_string())?;
            ask_about_grant(
                conn,
                &family_id,
                grant,
                Action::Approve,
                LogAction::ApproveGrant,
            )
        },
        move |conn, _, row| {
            let family_id = family.to_string();
            if row.revoked_at.is_some() || row.valid_until <= now_ms() {
                return Err(AppError::Conflict("this grant has ended".into()));
            }
            let now = now_ms();
            let already = grants::approvals(conn, std::slice::from_ref(&row.id))?
                .iter()
                .any(|(_, parent)| parent == &user.id);
            if !already {
                grants::approve(conn, &row.id, &user.id, now)?;
                if everyone_approved(conn, &family_id, &row.id)? {
                    grants::activate(conn, &row.id, now)?;
                }
                log(
                    conn,
                    &user,
                    request_id.as_deref(),
                    &row,
                    LogAction::ApproveGrant,
                )?;
            }
            reload(conn, &family_id, &row.id, now)
        },
    )
    .await
}

/// Any parent revokes a grant they can see, alone; the very next request is refused.
pub async fn revoke(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    grant: Uuid,
) -> AppResult<Grant> {
    let asking = Asking::new(user, family, request_id.clone());
    let user = user.clone();
    access::write(
        db,
        asking,
        move |conn, _| {
            let family_id = family.to_string();
            ask_about_grant(
                conn,
                &family_id,
                grant,
                Action::Revoke,
                LogAction::RevokeGrant,
            )
        },
        move |conn, _, row| {
            let family_id = family.to_string();
            let now = now_ms();
            if grants::revoke(conn, &row.id, &user.id, now)? {
                log(
                    conn,
                    &user,
                    request_id.as_deref(),
                    &row,
                    LogAction::RevokeGrant,
                )?;
            }
            reload(conn, &family_id, &row.id, now)
        },
    )
    .await
}

/// A grant as the wire shows it now.
fn reload(conn: &mut DbConnection, family_id: &str, grant_id: &str, now: i64) -> AppResult<Grant> {
    let row = grants::find(conn, family_id, grant_id)?.ok_or(AppError::NotFound)?;
    Ok(to_wire(conn, &[row], now)?.remove(0))
}

fn everyone_approved(conn: &mut DbConnection, family_id: &str, grant_id: &str) -> AppResult<bool> {
    let approved: Vec<String> = grants::approvals(conn, &[grant_id.to_string()])?
        .into_iter()
        .map(|(_, parent)| parent)
        .collect();
    Ok(parent_ids(conn, family_id)?
        .iter()
        .all(|p| approved.contains(p)))
}

fn log(
    conn: &mut DbConnection,
    user: &AuthUser,
    request_id: Option<&str>,
    row: &GrantRow,
    action: LogAction,
) -> AppResult<()> {
    let mut event = Audit::new(&parent_actor(user), action)
        .family(&row.family_id)
        .request_id(request_id)
        .basis(LogBasis::Parent)
        .target(&row.id);
    if parse_sections(&row.sections)?.iter().any(|s| s.private) {
        event = event.private_to(&row.granted_by);
    }
    event.append(conn)?;
    Ok(())
}

/// Grants as the wire shows them, with names of the people involved.
pub fn to_wire(conn: &mut DbConnection, rows: &[GrantRow], now: i64) -> AppResult<Vec<Grant>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let approvals = grants::approvals(conn, &ids)?;
    let mut people: Vec<String> = rows
        .iter()
        .flat_map(|r| [r.professional_id.clone(), r.granted_by.clone()])
        .chain(approvals.iter().map(|(_, p)| p.clone()))
        .collect();
    people.sort();
    people.dedup();
    let names: HashMap<String, String> = users::names(conn, &people)?.into_iter().collect();
    let organisations = organisation_names(conn, rows.iter().map(|r| r.professional_id.clone()))?;
    let author = |id: &str| -> AppResult<Author> {
        Ok(Author {
            user_id: stored_id(id, "grant person")?,
            name: names.get(id).cloned().unwrap_or_default(),
        })
    };
    rows.iter()
        .map(|row| {
            let facts = facts_of(row)?;
            Ok(Grant {
                id: facts.id,
                professional: author(&row.professional_id)?,
                organisation: organisations
                    .get(&row.professional_id)
                    .cloned()
                    .unwrap_or_default(),
                sections: parse_sections(&row.sections)?,
                can_comment: row.can_comment,
                can_export: row.can_export,
                valid_from: to_utc(row.valid_from),
                valid_until: to_utc(row.valid_until),
                status: facts.status(now),
                granted_by: author(&row.granted_by)?,
                approved_by: approvals
                    .iter()
                    .filter(|(grant, _)| grant == &row.id)
                    .map(|(_, parent)| author(parent))
                    .collect::<AppResult<_>>()?,
                revoked_at: row.revoked_at.map(to_utc),
            })
        })
        .collect()
}

/// The organisation name of each given professional.
pub fn organisation_names(
    conn: &mut DbConnection,
    professionals: impl IntoIterator<Item = String>,
) -> AppResult<HashMap<String, String>> {
    let mut result = HashMap::new();
    for professional in professionals {
        if result.contains_key(&professional) {
            continue;
        }
        let org = users::find_any(conn, &professional)?.and_then(|u| u.org_id);
        let name = match org {
            Some(org) => orgs::find(conn, &org)?.map(|o| o.name).unwrap_or_default(),
            None => String::new(),
        };
        result.insert(professional, name);
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_grant_lasts_three_months_by_default() {
        let now = at("2026-01-15T10:00:00Z").timestamp_millis();
        let (from, until) = grant_period(now, None, None).unwrap();
        assert_eq!(from, now);
        assert_eq!(to_utc(until), at("2026-04-15T10:00:00Z"));
    }

    #[test]
    fn a_grant_longer_than_twelve_months_is_refused() {
        let now = at("2026-01-15T10:00:00Z").timestamp_millis();
        assert!(grant_period(now, None, Some(at("2027-01-15T10:00:00Z"))).is_ok());
        let err = grant_period(now, None, Some(at("2027-01-15T10:00:01Z"))).unwrap_err();
        assert!(matches!(err, AppError::Validation(f) if f.field == "valid_until"));
    }

    #[test]
    fn a_grant_that_ends_before_it_starts_or_is_over_is_refused() {
        let now = at("2026-01-15T10:00:00Z").timestamp_millis();
        assert!(grant_period(
            now,
            Some(at("2026-03-01T00:00:00Z")),
            Some(at("2026-02-01T00:00:00Z"))
        )
        .is_err());
        assert!(grant_period(
            now,
            Some(at("2025-01-01T00:00:00Z")),
            Some(at("2025-02-01T00:00:00Z"))
        )
        .is_err());
    }
}
