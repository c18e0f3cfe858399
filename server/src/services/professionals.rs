//! Professionals and families: a parent links a professional by email (which grants nothing)
//! or unlinks them (which ends their grants and declines their open requests), the family sees
//! who is linked, and a professional sees the families they are linked to with
//! the state of their own grants and requests — nothing more.

use onsplan_shared::access_log::{LogAction, LogBasis};
use onsplan_shared::auth::{normalize_email, AccountKind};
use onsplan_shared::consent::{LinkProfessionalRequest, LinkedProfessional, ProfessionalFamily};
use onsplan_shared::validate::FieldError;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::{LinkRow, UserRow};
use crate::db::{
    access_requests, grants, links, now_ms, stored_id, to_utc, users, Db, DbConnection,
};
use crate::errors::{AppError, AppResult};
use crate::policy::{Action, Resource};
use crate::services::access::{self, Ask, Asking};
use crate::services::access_requests::requests_to_wire;
use crate::services::audit::Audit;
use crate::services::grants::{organisation_names, parent_actor, to_wire};

pub async fn link(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    request: LinkProfessionalRequest,
) -> AppResult<LinkedProfessional> {
    let asking = Asking::new(user, family, request_id.clone());
    let user = user.clone();
    access::write(
        db,
        asking,
        |_, _| {
            access::plain(
                Ask::new(
                    Resource::Professionals,
                    Action::Create,
                    LogAction::LinkProfessional,
                )
                .about("professionals"),
            )
        },
        move |conn, _, ()| {
            let family_id = family.to_string();
            let professional = users::find_by_email(conn, &normalize_email(&request.email))?
                .filter(|u| u.kind == AccountKind::Professional.as_str() && u.disabled_at.is_none())
                .ok_or_else(|| {
                    FieldError::new("email", "no professional account has this address")
                })?;
            if !links::is_linked(conn, &family_id, &professional.id)? {
                let row = LinkRow {
                    family_id: family_id.clone(),
                    professional_id: professional.id.clone(),
                    linked_by: user.id.clone(),
                    linked_at: now_ms(),
                };
                links::insert(conn, &row)?;
                Audit::new(&parent_actor(&user), LogAction::LinkProfessional)
                    .family(&family_id)
                    .request_id(request_id.as_deref())
                    .basis(LogBasis::Parent)
                    .target(&professional.id)
                    .append(conn)?;
            }
            linked(conn, &family_id)?
                .into_iter()
                .find(|p| p.id.to_string() == professional.id)
                .ok_or(AppError::NotFound)
        },
    )
    .await
}

/// Unlinks a professional: in one transaction their grants to the family end, their open
/// requests are declined and the link goes; the log names who did it. Unknown: 404.
pub async fn unlink(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    professional: Uuid,
) -> AppResult<()> {
    let asking = Asking::new(user, family, request_id.clone());
    let user = user.clone();
    access::write(
        db,
        asking,
        |_, _| {
            access::plain(
                Ask::new(
                    Resource::Professionals,
                    Action::Remove,
                    LogAction::UnlinkProfessional,
                )
                .about("professionals"),
            )
        },
        move |conn, _, ()| {
            let family_id = family.to_string();
            let professional_id = professional.to_string();
            links::lock(conn, &family_id, &professional_id)?;
            if !links::is_linked(conn, &family_id, &professional_id)? {
                return Err(AppError::NotFound);
            }
            let now = now_ms();
            for grant in grants::for_family(conn, &family_id, Some(&professional_id))? {
                if grant.revoked_at.is_none() {
                    grants::revoke(conn, &grant.id, &user.id, now)?;
                }
            }
            for request in access_requests::for_family(conn, &family_id, Some(&professional_id))? {
                if request.status == "pending" {
                    access_requests::decide(
                        conn,
                        &request.id,
                        "declined",
                        &user.id,
                        now,
                        None,
                        None,
                    )?;
                }
            }
            links::delete(conn, &family_id, &professional_id)?;
            Audit::new(&parent_actor(&user), LogAction::UnlinkProfessional)
                .family(&family_id)
                .request_id(request_id.as_deref())
                .basis(LogBasis::Parent)
                .target(&professional_id)
                .append(conn)?;
            Ok(())
        },
    )
    .await
}

pub async fn list(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
) -> AppResult<Vec<LinkedProfessional>> {
    access::read(
        db,
        Asking::new(user, family, request_id),
        |_, _| {
            access::plain(
                Ask::new(Resource::Professionals, Action::List, LogAction::Read)
                    .about("professionals"),
            )
        },
        move |conn, _, ()| linked(conn, &family.to_string()),
    )
    .await
}

fn linked(conn: &mut DbConnection, family_id: &str) -> AppResult<Vec<LinkedProfessional>> {
    let rows: Vec<(LinkRow, UserRow)> = links::for_family(conn, family_id)?;
    let organisations =
        organisation_names(conn, rows.iter().map(|(l, _)| l.professional_id.clone()))?;
    rows.into_iter()
        .map(|(link, professional)| {
            Ok(LinkedProfessional {
                id: stored_id(&professional.id, "professional id")?,
                name: professional.name,
                organisation: organisations
                    .get(&link.professional_id)
                    .cloned()
                    .unwrap_or_default(),
                verified: professional.created_by.is_some(),
                active: professional.disabled_at.is_none(),
                linked_at: to_utc(link.linked_at),
            })
        })
        .collect()
}

/// The families a professional is linked to, with their own grants and requests.
pub async fn my_families(db: &Db, user: &AuthUser) -> AppResult<Vec<ProfessionalFamily>> {
    if !user.is_professional() {
        return Err(AppError::Forbidden);
    }
    let user_id = user.id.clone();
    db.read(move |conn| {
        let now = now_ms();
        links::families_of(conn, &user_id)?
            .into_iter()
            .map(|family| {
                let grant_rows = grants::for_family(conn, &family.id, Some(&user_id))?;
                let request_rows = access_requests::for_family(conn, &family.id, Some(&user_id))?;
                Ok(ProfessionalFamily {
                    family_id: stored_id(&family.id, "family id")?,
                    family_name: family.name,
                    grants: to_wire(conn, &grant_rows, now)?,
                    requests: requests_to_wire(conn, &request_rows)?,
                })
            })
            .collect()
    })
    .await
}
