//! Small validation helpers shared by request types, so the app can check input before it
//! sends it and the server enforces exactly the same rules.

/// A rule broken by one field: its dotted path and what is wrong, in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub problem: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            problem: problem.into(),
        }
    }
}

pub type Checked = Result<(), FieldError>;

/// Longest free text in one field of a plan section, in characters.
pub const LONG_TEXT: usize = 4_000;
/// Longest name, phone number, relation and similar short field, in characters.
pub const SHORT_TEXT: usize = 200;
/// Most items in one list of a plan section.
pub const MAX_ITEMS: usize = 50;

/// Checks that `value` has at most `max` characters and no control characters but newlines
/// and tabs.
pub fn text(field: &str, value: &str, max: usize) -> Checked {
    if value.chars().count() > max {
        return Err(FieldError::new(
            field,
            format!("longer than {max} characters"),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(FieldError::new(field, "contains control characters"));
    }
    Ok(())
}

/// Like [`text`], and also refuses an empty or all-whitespace value.
pub fn required_text(field: &str, value: &str, max: usize) -> Checked {
    if value.trim().is_empty() {
        return Err(FieldError::new(field, "must not be empty"));
    }
    text(field, value, max)
}

/// A person's, family's or organisation's name: not empty, at most [`SHORT_TEXT`]
/// characters, on one line without any control characters (no line breaks or tabs).
pub fn name(field: &str, value: &str) -> Checked {
    required_text(field, value, SHORT_TEXT)?;
    if value.chars().any(char::is_control) {
        return Err(FieldError::new(field, "contains control characters"));
    }
    Ok(())
}

/// Checks a list's length, then each item with `check(path, item)`.
pub fn list<T>(field: &str, items: &[T], check: impl Fn(&str, &T) -> Checked) -> Checked {
    if items.len() > MAX_ITEMS {
        return Err(FieldError::new(
            field,
            format!("more than {MAX_ITEMS} items"),
        ));
    }
    items
        .iter()
        .enumerate()
        .try_for_each(|(i, item)| check(&format!("{field}.{i}"), item))
}

/// A list of short free-text lines, such as worries or warning signs.
pub fn lines(field: &str, items: &[String]) -> Checked {
    list(field, items, |path, line| text(path, line, LONG_TEXT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_over_the_limit_names_the_field() {
        let err = text("about.story", &"a".repeat(11), 10).unwrap_err();
        assert_eq!(err.field, "about.story");
    }

    #[test]
    fn text_counts_characters_not_bytes() {
        assert!(text("f", "ëëëëë", 5).is_ok());
    }

    #[test]
    fn control_characters_are_refused_but_newlines_pass() {
        assert!(text("f", "a\nb\tc", 10).is_ok());
        assert!(text("f", "a\u{0}b", 10).is_err());
    }

    #[test]
    fn names_refuse_line_breaks_and_tabs() {
        assert!(name("name", "Familie de Vries").is_ok());
        for bad in ["Jan\nBcc", "Jan\r", "Jan\tde Vries", "Jan\u{7}"] {
            assert!(name("name", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn list_reports_the_index_of_the_bad_item() {
        let items = vec!["ok".to_string(), "".to_string()];
        let err = list("xs", &items, |p, s| required_text(p, s, 10)).unwrap_err();
        assert_eq!(err.field, "xs.1");
    }
}
