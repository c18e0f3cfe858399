//! Consent records as the policy sees them: a professional's grants in a family loaded fresh
//! from the database on every request ([`grant_facts`]), and the stored form of a grant's
//! sections. The decision itself is `policy::professional::decide`. When loading fails,
//! callers answer with an error and no data.

use onsplan_shared::consent::GrantedSection;
use onsplan_shared::section::SectionKind;

use crate::db::models::GrantRow;
use crate::db::{corrupt, grants, stored_id, DbConnection};
use crate::errors::AppResult;
use crate::policy::GrantFacts;

pub fn grant_facts(
    conn: &mut DbConnection,
    family_id: &str,
    professional_id: &str,
) -> AppResult<Vec<GrantFacts>> {
    grants::for_family(conn, family_id, Some(professional_id))?
        .iter()
        .map(facts_of)
        .collect()
}

pub fn facts_of(row: &GrantRow) -> AppResult<GrantFacts> {
    Ok(GrantFacts {
        id: stored_id(&row.id, "grant id")?,
        granted_by: stored_id(&row.granted_by, "grant author")?,
        sections: parse_sections(&row.sections)?,
        can_comment: row.can_comment,
        can_export: row.can_export,
        valid_from: row.valid_from,
        valid_until: row.valid_until,
        approved: row.activated_at.is_some(),
        revoked: row.revoked_at.is_some(),
    })
}

/// Stored form of a grant's sections: `goals,safety` or `private:safety`.
pub fn format_sections(sections: &[GrantedSection]) -> String {
    sections
        .iter()
        .map(|s| {
            if s.private {
                format!("private:{}", s.kind)
            } else {
                s.kind.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

pub fn parse_sections(stored: &str) -> AppResult<Vec<GrantedSection>> {
    stored
        .split(',')
        .map(|entry| {
            let (private, kind) = match entry.strip_prefix("private:") {
                Some(kind) => (true, kind),
                None => (false, entry),
            };
            SectionKind::parse(kind)
                .map(|kind| GrantedSection { kind, private })
                .ok_or_else(|| corrupt("grant section").into())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_round_trip_through_storage() {
        let sections = vec![
            GrantedSection::shared(SectionKind::Goals),
            GrantedSection::private(SectionKind::Safety),
        ];
        assert_eq!(
            parse_sections(&format_sections(&sections)).unwrap(),
            sections
        );
    }

    #[test]
    fn a_corrupt_stored_grant_fails_instead_of_allowing() {
        assert!(parse_sections("goals,everything").is_err());
    }
}
