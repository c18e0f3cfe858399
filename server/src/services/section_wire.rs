//! Sections as the wire shows them: stored rows turned into responses and summaries, with the
//! names of who saved them. A stored value that does not read back is an error, never a
//! default.

use std::collections::HashMap;

use onsplan_shared::section::{Author, SectionKind, SectionResponse, SectionSummary, Visibility};
use onsplan_shared::section_content::SectionContent;

use crate::db::models::SectionRow;
use crate::db::{corrupt, stored_id, to_utc, users, DbConnection};
use crate::errors::AppResult;

/// One section; `None` is a private section not written yet.
pub fn read_row(
    conn: &mut DbConnection,
    row: Option<SectionRow>,
    kind: SectionKind,
) -> AppResult<SectionResponse> {
    match row {
        Some(row) => {
            let authors = author_names(conn, row.updated_by.clone())?;
            to_response(&row, &authors)
        }
        None => Ok(unwritten_private(kind)),
    }
}

/// Sections with content, in plan order.
pub fn responses(conn: &mut DbConnection, rows: &[SectionRow]) -> AppResult<Vec<SectionResponse>> {
    let authors = author_names(conn, rows.iter().filter_map(|r| r.updated_by.clone()))?;
    let mut plan = rows
        .iter()
        .map(|row| to_response(row, &authors))
        .collect::<AppResult<Vec<_>>>()?;
    plan.sort_by_key(|s| s.kind);
    Ok(plan)
}

/// Sections without content, in plan order.
pub fn summaries(conn: &mut DbConnection, rows: &[SectionRow]) -> AppResult<Vec<SectionSummary>> {
    Ok(responses(conn, rows)?
        .into_iter()
        .map(|section| SectionSummary {
            kind: section.kind,
            visibility: section.visibility,
            version: section.version,
            updated_at: section.updated_at,
            updated_by: section.updated_by,
        })
        .collect())
}

fn unwritten_private(kind: SectionKind) -> SectionResponse {
    SectionResponse {
        kind,
        visibility: Visibility::OnlyMe,
        version: 0,
        content: SectionContent::empty(kind),
        updated_at: None,
        updated_by: None,
    }
}

/// Display names of the given accounts, for [`author`].
pub fn author_names(
    conn: &mut DbConnection,
    ids: impl IntoIterator<Item = String>,
) -> AppResult<HashMap<String, String>> {
    let mut ids: Vec<String> = ids.into_iter().collect();
    ids.sort();
    ids.dedup();
    Ok(users::names(conn, &ids)?.into_iter().collect())
}

/// An author by stored id (a removed account keeps its id, with an empty name).
pub fn author(names: &HashMap<String, String>, id: &str) -> AppResult<Author> {
    Ok(Author {
        user_id: stored_id(id, "author id")?,
        name: names.get(id).cloned().unwrap_or_default(),
    })
}

fn to_response(row: &SectionRow, authors: &HashMap<String, String>) -> AppResult<SectionResponse> {
    Ok(SectionResponse {
        kind: parse_kind(&row.kind)?,
        visibility: parse_visibility(&row.visibility)?,
        version: row.version,
        content: parse_content(&row.content)?,
        updated_at: row.updated_at.map(to_utc),
        updated_by: row
            .updated_by
            .as_deref()
            .map(|id| author(authors, id))
            .transpose()?,
    })
}

pub fn parse_kind(value: &str) -> AppResult<SectionKind> {
    Ok(SectionKind::parse(value).ok_or_else(|| corrupt("section kind"))?)
}

pub fn parse_visibility(value: &str) -> AppResult<Visibility> {
    Ok(Visibility::parse(value).ok_or_else(|| corrupt("visibility"))?)
}

pub fn parse_content(json: &str) -> AppResult<SectionContent> {
    Ok(serde_json::from_str(json).map_err(|_| corrupt("section content"))?)
}
