//! Typesetting a plan as a PDF with typst (used as a library): [`render`] turns a
//! [`document::PlanDocument`] into a tagged PDF in the language of its texts, with headings,
//! lists and tables in the structure tree and the fonts embedded; PDF/UA-1 whenever typst's
//! checker passes it. CPU-bound and synchronous: call it off the async executor.

pub mod document;
pub mod texts;
mod world;

use chrono::{DateTime, Datelike, Timelike, Utc};
use serde_json::Value;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use self::document::PlanDocument;
use self::world::PlanWorld;

/// A rendered PDF.
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Whether it conforms to PDF/UA-1 (else it is still tagged, without claiming the standard).
    pub universal_access: bool,
}

/// How many renders an entry of typst's memo cache survives unused. typst memoizes layout in
/// one cache for the whole process; without eviction it grows with every plan ever rendered.
/// A PDF asked for again soon (the same plan, twice) is still quick.
const MEMO_RENDERS: usize = 10;

/// Typesets `document`, made at `made_at`.
pub fn render(document: &PlanDocument, made_at: DateTime<Utc>) -> anyhow::Result<Rendered> {
    let rendered = typeset(document, made_at);
    typst::comemo::evict(MEMO_RENDERS);
    rendered
}

fn typeset(document: &PlanDocument, made_at: DateTime<Utc>) -> anyhow::Result<Rendered> {
    let mut data = serde_json::to_value(document)?;
    drawable(&mut data);
    let world = PlanWorld::new(serde_json::to_vec(&data)?, made_at.date_naive());
    let paged: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| anyhow::anyhow!("typesetting failed: {}", messages(&errors)))?;
    let timestamp = Datetime::from_ymd_hms(
        made_at.year(),
        made_at.month() as u8,
        made_at.day() as u8,
        made_at.hour() as u8,
        made_at.minute() as u8,
        made_at.second() as u8,
    )
    .map(Timestamp::new_utc);
    let options = |standards: PdfStandards| PdfOptions {
        ident: Smart::Auto,
        creator: Smart::Custom(Some("Ons Plan".into())),
        timestamp,
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    };
    let universal = PdfStandards::new(&[PdfStandard::Ua_1])
        .map_err(|error| anyhow::anyhow!("PDF/UA-1: {}", error.message()))?;
    let pages = paged.pages().len();
    match typst_pdf::pdf(&paged, &options(universal)) {
        Ok(bytes) => Ok(Rendered {
            bytes,
            pages,
            universal_access: true,
        }),
        Err(errors) => {
            // Text typst cannot map for PDF/UA (some Arabic ligatures) still deserves a PDF:
            // tagged, in the same layout, without claiming the standard.
            tracing::warn!(problems = %messages(&errors), "PDF/UA-1 refused; writing a tagged PDF");
            let bytes = typst_pdf::pdf(&paged, &options(PdfStandards::default()))
                .map_err(|errors| anyhow::anyhow!("PDF export failed: {}", messages(&errors)))?;
            Ok(Rendered {
                bytes,
                pages,
                universal_access: false,
            })
        }
    }
}

fn messages(errors: &[typst::diag::SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|error| error.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Every string made drawable: a character none of the shipped fonts has becomes U+FFFD (a
/// visible "missing" mark instead of an invisible box), control characters other than line
/// breaks are dropped.
fn drawable(value: &mut Value) {
    match value {
        Value::String(text) if text.chars().any(|c| !keeps(c)) => {
            *text = text
                .chars()
                .filter(|c| *c == '\n' || !c.is_control())
                .map(|c| if keeps(c) { c } else { '\u{FFFD}' })
                .collect();
        }
        Value::Array(items) => items.iter_mut().for_each(drawable),
        Value::Object(fields) => fields.values_mut().for_each(drawable),
        _ => {}
    }
}

fn keeps(c: char) -> bool {
    c == '\n' || c == ' ' || (!c.is_control() && world::covered(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_no_font_has_become_a_visible_mark_and_controls_go() {
        let mut value = serde_json::json!({"a": ["Ağır şey, źdźbło, مرحبا\n\u{7}漢"]});
        drawable(&mut value);
        assert_eq!(value["a"][0], "Ağır şey, źdźbło, مرحبا\n\u{FFFD}");
    }
}
