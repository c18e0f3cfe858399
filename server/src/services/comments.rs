//! Comments on the shared plan's sections: parents on any, relatives on those they can see,
//! professionals where a grant allows commenting. Reading and writing comments are guarded
//! and logged exactly like reading the section itself.

use onsplan_shared::access_log::LogAction;
use onsplan_shared::section::{Comment, CreateCommentRequest, SectionKind};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::CommentRow;
use crate::db::{comments, new_id, now_ms, to_utc, Db, DbConnection};
use crate::errors::AppResult;
use crate::services::consent::Need;
use crate::services::sections::{author, author_names, guarded, guarded_read, Access, Guarded};

const COMMENT: Access = Access {
    action: LogAction::Comment,
    need: Need::Comment,
};

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
    let section = Guarded::new(request_id, family, kind, None).needing(COMMENT);
    guarded(db, user, section, move |conn, _| {
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
    })
    .await
}

pub async fn list(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    kind: SectionKind,
) -> AppResult<Vec<Comment>> {
    let section = Guarded::new(request_id, family, kind, None);
    guarded_read(db, user, section, move |conn, _| {
        let rows = comments::for_section(conn, &family.to_string(), kind.as_str())?;
        to_wire(conn, rows)
    })
    .await
}

fn to_wire(conn: &mut DbConnection, rows: Vec<CommentRow>) -> AppResult<Vec<Comment>> {
    let names = author_names(conn, rows.iter().map(|r| r.author_id.clone()))?;
    Ok(rows
        .into_iter()
        .map(|row| Comment {
            id: row.id.parse().unwrap_or_default(),
            author: author(&names, &row.author_id),
            text: row.body,
            created_at: to_utc(row.created_at),
        })
        .collect())
}
