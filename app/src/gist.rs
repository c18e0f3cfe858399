//! The one-line gist of a section for its card on the overview: the first thing written in it,
//! how many more there are, and for agreements how many are done. Plain words, never more
//! than [`MAX_CHARS`] characters of the parent's own text.

use onsplan_shared::auth::Locale;
use onsplan_shared::section_content::{AgreementStatus, SectionContent};

use crate::i18n::{fill, format_day, text, K};

/// How much of the first text a card shows before it is cut off with "…".
pub const MAX_CHARS: usize = 60;

/// The gist of `content` in `lang`, or `None` when nothing is written yet.
pub fn gist(lang: Locale, content: &SectionContent) -> Option<String> {
    let t = |key| text(lang, key);
    match content {
        SectionContent::About(c) => first_of(
            t,
            [c.who_we_are.as_str(), c.what_matters.as_str()]
                .into_iter()
                .chain(c.children.iter().map(|child| child.name.as_str())),
        ),
        SectionContent::Concerns(c) => first_of(t, c.worries.iter().map(String::as_str)),
        SectionContent::Strengths(c) => first_of(
            t,
            c.going_well
                .iter()
                .chain(&c.worked_before)
                .map(String::as_str),
        ),
        SectionContent::Goals(c) => first_of(t, c.goals.iter().map(|g| g.title.as_str())),
        SectionContent::Agreements(c) if !c.items.is_empty() => {
            let done = c
                .items
                .iter()
                .filter(|a| a.status == AgreementStatus::Done)
                .count();
            Some(fill(
                t(K::GistAgreements),
                &[
                    ("done", &done.to_string()),
                    ("total", &c.items.len().to_string()),
                ],
            ))
        }
        SectionContent::Agreements(_) => None,
        SectionContent::Network(c) => first_of(t, c.people.iter().map(|p| p.name.as_str())),
        SectionContent::Safety(c) => first_of(
            t,
            c.warning_signs
                .iter()
                .chain(&c.what_we_do)
                .map(String::as_str)
                .chain(c.whom_we_call.iter().map(|p| p.name.as_str()))
                .chain(c.safe_places.iter().map(|p| p.name.as_str())),
        ),
        SectionContent::LifeDomains(c) => first_of(
            t,
            [&c.work, &c.money, &c.housing, &c.care, &c.support]
                .into_iter()
                .flat_map(|d| [d.how_it_goes.as_str(), d.what_is_needed.as_str()]),
        ),
        SectionContent::ProfessionalHelp(c) => {
            first_of(t, c.requests.iter().map(|r| r.what.as_str()))
        }
        SectionContent::Children(c) => first_of(t, c.voices.iter().map(|v| v.words.as_str())),
        SectionContent::Evaluation(c) => match c.next_review {
            Some(day) => Some(fill(
                t(K::GistNextReview),
                &[("date", &format_day(lang, day))],
            )),
            None => first_of(t, c.reviews.iter().map(|r| r.outcome.as_str())),
        },
    }
}

/// The first non-empty text, shortened, followed by "and N more" when there are more.
fn first_of<'a>(
    t: impl Fn(K) -> &'static str,
    texts: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let mut filled = texts.into_iter().map(str::trim).filter(|s| !s.is_empty());
    let first = shorten(filled.next()?);
    match filled.count() {
        0 => Some(first),
        more => Some(fill(
            t(K::GistAndMore),
            &[("first", &first), ("more", &more.to_string())],
        )),
    }
}

/// The first line of `text`, cut at [`MAX_CHARS`] characters (never inside a character).
fn shorten(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    let cut = line.char_indices().nth(MAX_CHARS).map(|(at, _)| at);
    match cut {
        Some(at) if at < line.len() => format!("{}…", line[..at].trim_end()),
        _ if line.len() < text.trim().len() => format!("{line}…"),
        _ => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use onsplan_shared::section::SectionKind;
    use onsplan_shared::section_content::{
        Agreement, Agreements, Assignee, Concerns, Evaluation, Goal, Goals,
    };

    fn agreement(what: &str, status: AgreementStatus) -> Agreement {
        Agreement {
            id: what.to_lowercase(),
            what: what.into(),
            who: Assignee::Person { name: "Oma".into() },
            by_when: None,
            status,
            goal_id: None,
            ..Default::default()
        }
    }

    #[test]
    fn an_empty_section_has_no_gist() {
        for kind in SectionKind::ALL {
            assert_eq!(
                gist(Locale::Nl, &SectionContent::empty(kind)),
                None,
                "{kind}"
            );
        }
    }

    #[test]
    fn the_first_worry_is_shown_with_how_many_more_there_are() {
        let content = SectionContent::Concerns(Concerns {
            worries: vec![
                "  ".into(),
                "Tom slaapt slecht".into(),
                "Geld".into(),
                "Huis".into(),
            ],
        });
        assert_eq!(
            gist(Locale::Nl, &content).unwrap(),
            "Tom slaapt slecht (en nog 2)"
        );
        assert_eq!(
            gist(Locale::En, &content).unwrap(),
            "Tom slaapt slecht (and 2 more)"
        );
    }

    #[test]
    fn agreements_say_how_many_are_done() {
        let content = SectionContent::Agreements(Agreements {
            items: vec![
                agreement("Wekker zetten", AgreementStatus::Open),
                agreement("Koken", AgreementStatus::Done),
            ],
        });
        assert_eq!(
            gist(Locale::Nl, &content).unwrap(),
            "Gedaan: 1 van de 2 afspraken"
        );
    }

    #[test]
    fn long_text_is_cut_at_a_character_and_marked() {
        let title = "é".repeat(MAX_CHARS + 10);
        let goal = Goal {
            title,
            ..Goal::default()
        };
        let content = SectionContent::Goals(Goals { goals: vec![goal] });
        let shown = gist(Locale::Nl, &content).unwrap();
        assert_eq!(shown.chars().count(), MAX_CHARS + 1);
        assert!(shown.ends_with('…'));
    }

    #[test]
    fn only_the_first_line_of_a_long_text_is_shown() {
        let content = SectionContent::Concerns(Concerns {
            worries: vec!["Eerste regel\nTweede regel".into()],
        });
        assert_eq!(gist(Locale::Nl, &content).unwrap(), "Eerste regel…");
    }

    #[test]
    fn the_evaluation_names_the_next_review_date() {
        let content = SectionContent::Evaluation(Evaluation {
            next_review: chrono::NaiveDate::from_ymd_opt(2027, 3, 3),
            reviews: vec![],
        });
        assert_eq!(
            gist(Locale::Nl, &content).unwrap(),
            "Volgende bespreking: 3 maart 2027"
        );
    }
}
