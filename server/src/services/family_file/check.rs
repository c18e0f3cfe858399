//! Reading a family file before anything is written: what kind of file it is, its format
//! version, its digest, its shape, every reference to a person, and every section's content.
//! A file that fails is refused whole, with a code naming what is wrong and `field` where.

use std::collections::HashSet;

use onsplan_shared::family::{CreateFamilyRequest, Role};
use onsplan_shared::family_file::{FamilyFile, FORMAT, FORMAT_VERSION};
use onsplan_shared::section::SectionKind;
use onsplan_shared::section_content::SectionContent;
use onsplan_shared::ErrorCode;
use uuid::Uuid;

use crate::errors::{AppError, AppResult};

use super::digest_of;

/// A refusal of the file: `code` says what is wrong, `field` where.
fn refuse(code: ErrorCode, field: Option<&str>, message: impl Into<String>) -> AppError {
    AppError::FamilyFile {
        code,
        message: message.into(),
        field: field.map(str::to_string),
    }
}

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    refuse(ErrorCode::FamilyFileInvalid, Some(field), message)
}

/// The file, once it is known to be a whole, untouched family file of this format version.
pub fn read(body: &[u8]) -> AppResult<FamilyFile> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|err| {
        let why = if err.is_eof() {
            "the file is cut short"
        } else {
            "the file is not JSON"
        };
        refuse(
            ErrorCode::FamilyFileInvalid,
            None,
            format!("{why}: not an Ons Plan family file ({err})"),
        )
    })?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(invalid(
            "format",
            format!("not an Ons Plan family file: `format` must be \"{FORMAT}\""),
        ));
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(version) if version == u64::from(FORMAT_VERSION) => {}
        Some(version) => {
            return Err(refuse(
                ErrorCode::FamilyFileVersionUnsupported,
                Some("version"),
                format!(
                "the file has format version {version}; this server reads version {FORMAT_VERSION}"
            ),
            ))
        }
        None => return Err(invalid("version", "the file has no format version")),
    }
    let family = value
        .get("family")
        .ok_or_else(|| invalid("family", "the file holds no family"))?;
    if value.get("digest").and_then(|d| d.as_str()) != Some(digest_of(family).as_str()) {
        return Err(refuse(
            ErrorCode::FamilyFileDamaged,
            Some("digest"),
            "the file's content does not match its digest: it was damaged or edited",
        ));
    }
    serde_json::from_value(value).map_err(|err| {
        refuse(
            ErrorCode::FamilyFileInvalid,
            None,
            format!("the file is not a whole family file: {err}"),
        )
    })
}

/// Every reference points at someone in the file, every section reads as its kind, and the
/// family's name and the plan's layout are as a server makes them.
pub fn check(file: &FamilyFile) -> AppResult<()> {
    let f = &file.family;
    CreateFamilyRequest {
        name: f.name.clone(),
    }
    .validate()
    .map_err(|err| invalid("family.name", format!("the family's name: {}", err.problem)))?;
    let mut people = HashSet::new();
    for (i, person) in f.people.iter().enumerate() {
        if !people.insert(person.id) {
            return Err(invalid(
                &format!("family.people[{i}].id"),
                "a person is listed twice",
            ));
        }
    }
    let exporter = f.people.iter().find(|p| p.id == file.exported_by);
    if exporter.and_then(|p| p.role) != Some(Role::Parent) {
        return Err(invalid(
            "exported_by",
            "the file was not made by a parent of the family in it",
        ));
    }
    let known = |id: Uuid, field: String| -> AppResult<()> {
        if people.contains(&id) {
            Ok(())
        } else {
            Err(invalid(&field, "names a person who is not in the file"))
        }
    };
    let mut seen = HashSet::new();
    for (i, s) in f.sections.iter().enumerate() {
        let at = format!("family.sections[{i}]");
        if let Some(owner) = s.owner {
            if owner != file.exported_by {
                return Err(invalid(
                    &format!("{at}.owner"),
                    "a private section of someone other than the parent who made the file",
                ));
            }
        }
        if !seen.insert((s.kind, s.owner)) {
            return Err(invalid(
                &at,
                format!("the section {} is in the file twice", s.kind.as_str()),
            ));
        }
        if s.version < 0 {
            return Err(invalid(&format!("{at}.version"), "a version below 0"));
        }
        section_content(s.kind, &s.content, &format!("{at}.content"))?;
        if let Some(by) = s.updated_by {
            known(by, format!("{at}.updated_by"))?;
        }
        let mut numbers = HashSet::new();
        for (j, r) in s.revisions.iter().enumerate() {
            let at = format!("{at}.revisions[{j}]");
            if !numbers.insert(r.version) {
                return Err(invalid(
                    &format!("{at}.version"),
                    "two revisions with one version",
                ));
            }
            section_content(s.kind, &r.content, &format!("{at}.content"))?;
            known(r.saved_by, format!("{at}.saved_by"))?;
        }
    }
    for (i, c) in f.comments.iter().enumerate() {
        known(c.author, format!("family.comments[{i}].author"))?;
    }
    for (i, v) in f.versions.iter().enumerate() {
        let at = format!("family.versions[{i}]");
        known(v.fixed_by, format!("{at}.fixed_by"))?;
        let mut kinds = HashSet::new();
        for (j, s) in v.sections.iter().enumerate() {
            let at = format!("{at}.sections[{j}]");
            if !kinds.insert(s.kind) {
                return Err(invalid(&at, "a section is in this version twice"));
            }
            section_content(s.kind, &s.content, &format!("{at}.content"))?;
        }
        for (j, e) in v.endorsements.iter().enumerate() {
            known(e.person, format!("{at}.endorsements[{j}].person"))?;
        }
    }
    Ok(())
}

/// The content of a section of `kind`, or the refusal naming where it does not read.
fn section_content(
    kind: SectionKind,
    content: &serde_json::Value,
    field: &str,
) -> AppResult<SectionContent> {
    let bad = |why: String| {
        refuse(
            ErrorCode::FamilyFileSectionInvalid,
            Some(field),
            format!(
                "the section {} does not read as its kind: {why}",
                kind.as_str()
            ),
        )
    };
    let parsed: SectionContent =
        serde_json::from_value(content.clone()).map_err(|err| bad(err.to_string()))?;
    if parsed.kind() != kind {
        return Err(bad(format!(
            "it holds a {} section",
            parsed.kind().as_str()
        )));
    }
    parsed
        .validate()
        .map_err(|err| bad(format!("{} {}", err.field, err.problem)))?;
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(err: AppError) -> ErrorCode {
        err.code()
    }

    #[test]
    fn what_is_not_a_family_file_is_named_for_what_it_is() {
        assert_eq!(
            code_of(read(b"{\"format\": ").unwrap_err()),
            ErrorCode::FamilyFileInvalid
        );
        assert_eq!(
            code_of(read(b"%PDF-1.7").unwrap_err()),
            ErrorCode::FamilyFileInvalid
        );
        assert_eq!(
            code_of(read(br#"{"format": "other", "version": 1}"#).unwrap_err()),
            ErrorCode::FamilyFileInvalid
        );
        assert_eq!(
            code_of(
                read(br#"{"format": "onsplan-family", "version": 2, "family": {}}"#).unwrap_err()
            ),
            ErrorCode::FamilyFileVersionUnsupported
        );
        assert_eq!(
            code_of(
                read(br#"{"format": "onsplan-family", "version": 1, "digest": "sha256:00", "family": {}}"#)
                    .unwrap_err()
            ),
            ErrorCode::FamilyFileDamaged
        );
    }
}
