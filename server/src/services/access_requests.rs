//! A professional asks a family for access (sections, reason, period); the parents see it and
//! approve — possibly for fewer sections or a shorter time — which creates a grant, or decline
//! with a reason. Asking, approving and declining are logged. A professional has at most
//! [`MAX_OPEN_REQUESTS`] unanswered requests per family, and a parent gets at most
//! [`MAX_NOTICES_PER_HOUR`] request emails an hour (further requests show in the app only).

use onsplan_shared::access_log::{LogAction, LogBasis};
use onsplan_shared::auth::Locale;
use onsplan_shared::consent::{
    AccessRequest, AccessRequestStatus, ApproveAccessRequest, CreateAccessRequest,
    CreateGrantRequest, DeclineAccessRequest, GrantedSection,
};
use onsplan_shared::routes::APP_ACCESS_REQUESTS_PAGE;
use onsplan_shared::section::{Author, SectionKind};
use onsplan_shared::validate::{self, FieldError};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::AccessRequestRow;
use crate::db::{
    access_requests, corrupt, links, new_id, now_ms, stored_id, to_utc, users, Db, DbConnection,
};
use crate::email::catalogue::{self, AccessRequestMail};
use crate::email::outbox::{EmailKind, Outbox};
use crate::email::Email;
use crate::errors::{AppError, AppResult};
use crate::policy::{Action, Caller, Resource};
use crate::services::access::{self, Ask, Asking};
use crate::services::audit::{Actor, Audit};
use crate::services::consent::{format_sections, parse_sections};
use crate::services::families::parent_ids;
use crate::services::grants::{self, grant_period, organisation_names, parent_actor};
use crate::state::AppState;

/// Unanswered requests one professional may have open with one family.
pub const MAX_OPEN_REQUESTS: i64 = 3;
/// Request emails one parent gets per hour at most.
pub const MAX_NOTICES_PER_HOUR: i64 = 4;
const HOUR_MS: i64 = 60 * 60 * 1000;

/// Why a professional may not ask now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AskRefusal {
    /// As many requests wait for an answer as allowed.
    TooManyOpen,
}

/// May a professional with `open` unanswered requests to a family ask once more?
pub fn may_ask(open: i64) -> Result<(), AskRefusal> {
    if open >= MAX_OPEN_REQUESTS {
        Err(AskRefusal::TooManyOpen)
    } else {
        Ok(())
    }
}

/// Does a parent who got `sent_last_hour` request emails in the past hour get one more?
pub fn should_email(sent_last_hour: i64) -> bool {
    sent_last_hour < MAX_NOTICES_PER_HOUR
}

impl From<AskRefusal> for AppError {
    fn from(refusal: AskRefusal) -> Self {
        match refusal {
            AskRefusal::TooManyOpen => AppError::TooManyOpenRequests,
        }
    }
}

/// A linked professional asks for access; every parent gets an email (no plan content) and
/// sees the request in the app.
pub async fn create(
    state: &AppState,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    request: CreateAccessRequest,
) -> AppResult<AccessRequest> {
    let asking = Asking::new(user, family, request_id.clone());
    let user = user.clone();
    let outbox = state.outbox.clone();
    let created = access::write(
        &state.db,
        asking,
        |_, _| {
            access::plain(
                Ask::new(
                    Resource::AccessRequests,
                    Action::Create,
                    LogAction::RequestAccess,
                )
                .about("access_requests"),
            )
        },
        move |conn, _, ()| {
            let family_id = family.to_string();
            request.validate()?;
            // The professional's requests to this family take turns, so the count holds.
            links::lock(conn, &family_id, &user.id)?;
            may_ask(access_requests::count_open(conn, &family_id, &user.id)?)?;
            let now = now_ms();
            let (valid_from, valid_until) =
                grant_period(now, request.valid_from, request.valid_until)?;
            let sections: Vec<GrantedSection> = request
                .sections
                .iter()
                .copied()
                .map(GrantedSection::shared)
                .collect();
            let row = AccessRequestRow {
                id: new_id(),
                family_id: family_id.clone(),
                professional_id: user.id.clone(),
                sections: format_sections(&sections),
                reason: request.reason.trim().to_string(),
                valid_from,
                valid_until,
                created_at: now,
                status: "pending".into(),
                decided_by: None,
                decided_at: None,
                decline_reason: None,
                grant_id: None,
            };
            access_requests::insert(conn, &row)?;
            let actor = Actor::professional(&user);
            Audit::new(&actor, LogAction::RequestAccess)
                .family(&family_id)
                .request_id(request_id.as_deref())
                .basis(LogBasis::Link)
                .target(&row.id)
                .append(conn)?;
            tell_parents(conn, &outbox, &row, &actor)?;
            requests_to_wire(conn, &[row]).map(|mut r| r.remove(0))
        },
    )
    .await?;
    state.outbox.wake();
    Ok(created)
}

/// Queues the "someone asks to read your plan" email to every parent of the family who did
/// not get too many of them this hour.
fn tell_parents(
    conn: &mut DbConnection,
    outbox: &Outbox,
    request: &AccessRequestRow,
    professional: &Actor,
) -> AppResult<()> {
    let family_id = &request.family_id;
    let family = crate::db::families::find(conn, family_id)?.ok_or(AppError::NotFound)?;
    let link = outbox.page(APP_ACCESS_REQUESTS_PAGE);
    let now = now_ms();
    for parent_id in parent_ids(conn, family_id)? {
        let Some(parent) = users::find_active(conn, &parent_id)? else {
            continue;
        };
        if !should_email(access_requests::notices_since(
            conn,
            &parent.id,
            now - HOUR_MS,
        )?) {
            continue;
        }
        access_requests::record_notice(conn, &new_id(), &request.id, &parent.id, now)?;
        let rendered = catalogue::access_request(
            Locale::parse(&parent.locale).unwrap_or_default(),
            &AccessRequestMail {
                name: &parent.name,
                professional: professional.name.as_deref().unwrap_or_default(),
                organisation: professional.org_name.as_deref().unwrap_or_default(),
                family: &family.name,
                link: &link,
            },
        );
        outbox.queue_about(
            conn,
            EmailKind::AccessRequest,
            &Email::new(&parent.email, rendered, link.clone()),
            family_id,
        )?;
    }
    Ok(())
}

/// Parents see every request to the family; a linked professional sees their own.
pub async fn list(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
) -> AppResult<Vec<AccessRequest>> {
    access::read(
        db,
        Asking::new(user, family, request_id),
        |_, _| {
            access::plain(
                Ask::new(Resource::AccessRequests, Action::List, LogAction::Read)
                    .about("access_requests"),
            )
        },
        move |conn, allowed, ()| {
            let own = match &allowed.caller {
                Caller::Professional { id, .. } => Some(id.to_string()),
                _ => None,
            };
            let rows = access_requests::for_family(conn, &family.to_string(), own.as_deref())?;
            requests_to_wire(conn, &rows)
        },
    )
    .await
}

pub async fn approve(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    access_request: Uuid,
    body: ApproveAccessRequest,
) -> AppResult<AccessRequest> {
    let asking = Asking::new(user, family, request_id.clone());
    let user = user.clone();
    access::write(
        db,
        asking,
        move |_, _| answering(access_request, Action::Approve, LogAction::ApproveRequest),
        move |conn, _, ()| {
            let family_id = family.to_string();
            let row = pending_request(conn, &family_id, access_request)?;
            let asked: Vec<SectionKind> = parse_sections(&row.sections)?
                .iter()
                .map(|s| s.kind)
                .collect();
            let sections = body.sections.unwrap_or_else(|| asked.clone());
            if sections.iter().any(|kind| !asked.contains(kind)) {
                return Err(FieldError::new(
                    "sections",
                    "may only name sections that were asked for",
                )
                .into());
            }
            let valid_until = body.valid_until.unwrap_or_else(|| to_utc(row.valid_until));
            if valid_until.timestamp_millis() > row.valid_until {
                return Err(
                    FieldError::new("valid_until", "may not be later than asked for").into(),
                );
            }
            let grant = grants::create_in(
                conn,
                &user,
                request_id.as_deref(),
                &family_id,
                &CreateGrantRequest {
                    professional_id: row
                        .professional_id
                        .parse()
                        .map_err(|_| AppError::NotFound)?,
                    sections: sections.into_iter().map(GrantedSection::shared).collect(),
                    can_comment: false,
                    can_export: false,
                    valid_from: Some(to_utc(row.valid_from.max(now_ms()))),
                    valid_until: Some(valid_until),
                },
                Some(&row.id),
            )?;
            decide(
                conn,
                &user,
                request_id.as_deref(),
                &row,
                AccessRequestStatus::Approved,
                None,
                Some(&grant.id),
            )
        },
    )
    .await
}

pub async fn decline(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    access_request: Uuid,
    body: DeclineAccessRequest,
) -> AppResult<AccessRequest> {
    validate::required_text("reason", &body.reason, validate::LONG_TEXT)?;
    let asking = Asking::new(user, family, request_id.clone());
    let user = user.clone();
    access::write(
        db,
        asking,
        move |_, _| answering(access_request, Action::Decline, LogAction::DeclineRequest),
        move |conn, _, ()| {
            let row = pending_request(conn, &family.to_string(), access_request)?;
            decide(
                conn,
                &user,
                request_id.as_deref(),
                &row,
                AccessRequestStatus::Declined,
                Some(body.reason.trim()),
                None,
            )
        },
    )
    .await
}

/// The policy's question for answering the access request `id`.
fn answering(id: Uuid, action: Action, logged_as: LogAction) -> AppResult<(Ask, ())> {
    access::plain(Ask::new(Resource::AccessRequests, action, logged_as).about(id.to_string()))
}

fn pending_request(
    conn: &mut DbConnection,
    family_id: &str,
    id: Uuid,
) -> AppResult<AccessRequestRow> {
    let row = access_requests::find(conn, family_id, &id.to_string())?.ok_or(AppError::NotFound)?;
    if row.status != "pending" {
        return Err(AppError::Conflict(
            "this request was already answered".into(),
        ));
    }
    Ok(row)
}

fn decide(
    conn: &mut DbConnection,
    user: &AuthUser,
    request_id: Option<&str>,
    row: &AccessRequestRow,
    status: AccessRequestStatus,
    decline_reason: Option<&str>,
    grant_id: Option<&str>,
) -> AppResult<AccessRequest> {
    let (status_text, action) = match status {
        AccessRequestStatus::Approved => ("approved", LogAction::ApproveRequest),
        AccessRequestStatus::Declined => ("declined", LogAction::DeclineRequest),
        AccessRequestStatus::Pending => {
            return Err(AppError::Internal(anyhow::anyhow!("undecided decision")))
        }
    };
    if !access_requests::decide(
        conn,
        &row.id,
        status_text,
        &user.id,
        now_ms(),
        decline_reason,
        grant_id,
    )? {
        return Err(AppError::Conflict(
            "this request was already answered".into(),
        ));
    }
    Audit::new(&parent_actor(user), action)
        .family(&row.family_id)
        .request_id(request_id)
        .basis(LogBasis::Parent)
        .target(&row.id)
        .append(conn)?;
    let row = access_requests::find(conn, &row.family_id, &row.id)?.ok_or(AppError::NotFound)?;
    requests_to_wire(conn, &[row]).map(|mut r| r.remove(0))
}

pub fn requests_to_wire(
    conn: &mut DbConnection,
    rows: &[AccessRequestRow],
) -> AppResult<Vec<AccessRequest>> {
    let ids: Vec<String> = rows.iter().map(|r| r.professional_id.clone()).collect();
    let names: std::collections::HashMap<String, String> =
        users::names(conn, &ids)?.into_iter().collect();
    let organisations = organisation_names(conn, ids)?;
    rows.iter()
        .map(|row| {
            Ok(AccessRequest {
                id: stored_id(&row.id, "access request id")?,
                professional: Author {
                    user_id: stored_id(&row.professional_id, "access request professional")?,
                    name: names.get(&row.professional_id).cloned().unwrap_or_default(),
                },
                organisation: organisations
                    .get(&row.professional_id)
                    .cloned()
                    .unwrap_or_default(),
                sections: parse_sections(&row.sections)?
                    .iter()
                    .map(|s| s.kind)
                    .collect(),
                reason: row.reason.clone(),
                valid_from: to_utc(row.valid_from),
                valid_until: to_utc(row.valid_until),
                status: match row.status.as_str() {
                    "approved" => AccessRequestStatus::Approved,
                    "declined" => AccessRequestStatus::Declined,
                    "pending" => AccessRequestStatus::Pending,
                    _ => return Err(corrupt("access request status").into()),
                },
                created_at: to_utc(row.created_at),
                decline_reason: row.decline_reason.clone(),
                grant_id: row
                    .grant_id
                    .as_deref()
                    .map(|g| stored_id(g, "access request grant"))
                    .transpose()?,
            })
        })
        .collect()
}
