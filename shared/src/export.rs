//! Asking for a PDF of the plan: the query of `GET /api/v1/families/{family}/export.pdf`
//! (`version`: a fixed version, else the living plan; `sections`: kinds separated by commas,
//! else every section the caller may take out).

use uuid::Uuid;

use crate::section::SectionKind;
use crate::validate::FieldError;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfQuery {
    pub version: Option<Uuid>,
    /// `None`: every section the caller may export.
    pub sections: Option<Vec<SectionKind>>,
}

impl PdfQuery {
    /// The query string, without the `?`; empty for the whole living plan.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(version) = self.version {
            parts.push(format!("version={version}"));
        }
        if let Some(sections) = &self.sections {
            let kinds: Vec<&str> = sections.iter().map(|kind| kind.as_str()).collect();
            parts.push(format!("sections={}", kinds.join(",")));
        }
        parts.join("&")
    }

    /// The path and query for `family`.
    pub fn path(&self, family: Uuid) -> String {
        let path = crate::routes::EXPORT_PDF.replace("{family}", &family.to_string());
        match self.to_query() {
            query if query.is_empty() => path,
            query => format!("{path}?{query}"),
        }
    }

    /// Reads the `sections` parameter: known kinds, at least one, each once.
    pub fn parse_sections(text: &str) -> Result<Vec<SectionKind>, FieldError> {
        let mut kinds = Vec::new();
        for name in text.split(',').map(str::trim) {
            let kind = SectionKind::parse(name).ok_or_else(|| {
                FieldError::new("sections", format!("names an unknown section: {name:?}"))
            })?;
            if kinds.contains(&kind) {
                return Err(FieldError::new("sections", "names a section twice"));
            }
            kinds.push(kind);
        }
        Ok(kinds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_round_trip_through_the_query() {
        let query = PdfQuery {
            version: None,
            sections: Some(vec![SectionKind::Goals, SectionKind::Safety]),
        };
        assert_eq!(query.to_query(), "sections=goals,safety");
        assert_eq!(
            PdfQuery::parse_sections("goals,safety").unwrap(),
            vec![SectionKind::Goals, SectionKind::Safety]
        );
    }

    #[test]
    fn unknown_empty_or_repeated_sections_are_refused() {
        assert!(PdfQuery::parse_sections("goals,everything").is_err());
        assert!(PdfQuery::parse_sections("").is_err());
        assert!(PdfQuery::parse_sections("goals,goals").is_err());
    }
}
