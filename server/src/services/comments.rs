//! Comments on the shared plan's sections: parents on any, relatives on those they can see,
//! professionals where a grant allows commenting. Writing and reading comments are decided
//! and logged like reading the section itself; which comments a reader sees is the policy's
//! too (the family's own comments are never shown to professionals, and a professional sees
//! only their own thread with the family).

use std::collections::{HashMap, HashSet};

use onsplan_shared::access_log::LogAction;
use onsplan_shared::section::{Comment, CommentThread, CreateCommentRequest, SectionKind};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::CommentRow;
use crate::db::{comments, families, new_id, now_ms, stored_id, to_utc, users, Db, DbConnection};
use crate::errors::{AppError, AppResult};
use crate::policy::{self, Action, Resource};
use crate::services::access::{self, Asking};
use crate::services::section_access::{self, Place};
use crate::services::section_wire::{author, author_names, parse_visibility};

pub async fn add(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    kind: SectionKind,
    request: CreateCommentRequest,
) -> AppResult<Comment> {
    request.validate()?;
    let author_id = user.id.clone();
    let asking = Asking::new(user, family, request_id);
    let family_id = asking.family_id();
    access::write(
        db,
        asking,
        move |conn, caller| {
            section_access::ask(
                conn,
                &family_id,
                caller,
                Place::Shared,
                kind,
                Action::Comment,
                LogAction::Comment,
            )
        },
        move |conn, _, _| {
            let row = CommentRow {
                id: new_id(),
                family_id: family.to_string(),
                section_kind: kind.as_str().to_string(),
                author_id,
                body: request.text.trim().to_string(),
                created_at: now_ms(),
            };
            comments::insert(conn, &row)?;
            Ok(to_wire(conn, vec![row])?.remove(0))
        },
    )
    .await
}

pub async fn list(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    kind: SectionKind,
) -> AppResult<CommentThread> {
    let asking = Asking::new(user, family, request_id);
    let family_id = asking.family_id();
    access::read(
        db,
        asking,
        move |conn, caller| {
            section_access::ask(
                conn,
                &family_id,
                caller,
                Place::Shared,
                kind,
                Action::Read,
                LogAction::Read,
            )
        },
        move |conn, allowed, row| {
            let row = row.ok_or(AppError::NotFound)?;
            let visibility = parse_visibility(&row.visibility)?;
            let may_comment = policy::decide(
                &allowed.caller,
                Resource::SharedSection { kind, visibility },
                Action::Comment,
            )
            .is_allowed();
            let family_id = family.to_string();
            let members: HashSet<Uuid> = families::members(conn, &family_id)?
                .iter()
                .map(|(m, _)| stored_id(&m.user_id, "member id"))
                .collect::<Result<_, _>>()?;
            let mut shown = Vec::new();
            for row in comments::for_section(conn, &family_id, kind.as_str())? {
                let author = stored_id(&row.author_id, "comment author")?;
                if policy::sees_comment(&allowed.caller, author, members.contains(&author)) {
                    shown.push(row);
                }
            }
            Ok(CommentThread {
                comments: to_wire(conn, shown)?,
                may_comment,
            })
        },
    )
    .await
}

fn to_wire(conn: &mut DbConnection, rows: Vec<CommentRow>) -> AppResult<Vec<Comment>> {
    let names = author_names(conn, rows.iter().map(|r| r.author_id.clone()))?;
    let mut ids: Vec<String> = rows.iter().map(|r| r.author_id.clone()).collect();
    ids.sort();
    ids.dedup();
    let orgs: HashMap<String, String> = users::org_names(conn, &ids)?.into_iter().collect();
    rows.into_iter()
        .map(|row| {
            Ok(Comment {
                id: stored_id(&row.id, "comment id")?,
                author: author(&names, &row.author_id)?,
                organisation: orgs.get(&row.author_id).cloned(),
                text: row.body,
                created_at: to_utc(row.created_at),
            })
        })
        .collect()
}
