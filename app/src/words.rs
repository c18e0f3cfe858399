//! A section's content said in sentences and lists for reading (not field labels): "Oma Riet:
//! haalt Tim op — nog niet gedaan", days as "15 december", phone numbers that call and
//! addresses that open maps. Empty things are left out, never shown as "(leeg)".

use chrono::{Datelike, NaiveDate};
use onsplan_shared::auth::Locale;
use onsplan_shared::section_content::{
    Agreement, AgreementStatus, Assignee, Domain as LifeDomain, SectionContent,
};
use uuid::Uuid;

use crate::i18n::{fill, text, K};

/// A link a reader can follow from a line: the address and the words shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Href {
    pub href: String,
    pub shown: String,
}

/// One line of a list: words, then maybe a link (a phone number, an address).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub link: Option<Href>,
}

/// A part of a section as it reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A short heading inside a section ("Wat gaat goed").
    Heading(String),
    Para(String),
    List(Vec<Line>),
    /// A goal's "where are we now", 0 to 10.
    Scale(u8),
}

/// What sentences need besides the content: the language, today (to leave out this year),
/// and the names of the family's members.
pub struct Say<'a> {
    pub lang: Locale,
    pub today: NaiveDate,
    pub name_of: &'a dyn Fn(Uuid) -> Option<String>,
}

impl Say<'_> {
    fn t(&self, key: K) -> &'static str {
        text(self.lang, key)
    }

    /// "15 december" this year, "15 december 2027" another year.
    pub fn day(&self, day: NaiveDate) -> String {
        day_in_words(self.lang, day, self.today)
    }
}

/// "15 december" when `day` falls in the year of `today`, else "15 december 2027".
pub fn day_in_words(lang: Locale, day: NaiveDate, today: NaiveDate) -> String {
    if day.year() == today.year() {
        let full = crate::i18n::format_day(lang, day);
        full.rsplit_once(' ')
            .map_or(full.clone(), |(d, _)| d.to_string())
    } else {
        crate::i18n::format_day(lang, day)
    }
}

/// A `tel:` link when `contact` is a phone number ("06-12 34 56 78", "+31 6 …").
pub fn tel_link(contact: &str) -> Option<Href> {
    let shown = contact.trim();
    let digits: String = shown
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')' | '/'))
        .collect();
    let number = digits.strip_prefix('+').unwrap_or(&digits);
    let ok = (6..=15).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| Href {
        href: format!("tel:{digits}"),
        shown: shown.to_string(),
    })
}

/// A `mailto:` link when `contact` is one email address.
fn mail_link(contact: &str) -> Option<Href> {
    let shown = contact.trim();
    let ok = shown.contains('@') && !shown.contains(char::is_whitespace);
    ok.then(|| Href {
        href: format!("mailto:{shown}"),
        shown: shown.to_string(),
    })
}

/// A link that opens `address` in the phone's maps app (a web map elsewhere).
pub fn map_link(address: &str) -> Option<Href> {
    let shown = address.trim();
    if shown.is_empty() {
        return None;
    }
    let mut query = String::new();
    for b in shown.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                query.push(b as char)
            }
            b' ' | b'\n' => query.push('+'),
            _ => query.push_str(&format!("%{b:02X}")),
        }
    }
    Some(Href {
        href: format!("https://www.google.com/maps/search/?api=1&query={query}"),
        shown: shown.to_string(),
    })
}

fn filled(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.is_empty()).then_some(s)
}

fn plain(text: impl Into<String>) -> Line {
    Line {
        text: text.into(),
        link: None,
    }
}

/// Lines from texts, empty ones left out.
fn lines<'a>(texts: impl IntoIterator<Item = &'a String>) -> Vec<Line> {
    texts
        .into_iter()
        .filter_map(|s| filled(s))
        .map(plain)
        .collect()
}

/// Pushes a heading and its list, only when the list has something.
fn titled(blocks: &mut Vec<Block>, heading: &str, list: Vec<Line>) {
    if !list.is_empty() {
        blocks.push(Block::Heading(heading.to_string()));
        blocks.push(Block::List(list));
    }
}

/// "text (extra)" or "text" when `extra` is empty.
fn with_note(text: &str, extra: &str) -> String {
    match filled(extra) {
        Some(extra) => format!("{text} ({extra})"),
        None => text.to_string(),
    }
}

/// The blocks `content` reads as; empty when nothing is written.
pub fn blocks(say: &Say, content: &SectionContent) -> Vec<Block> {
    let mut out = Vec::new();
    match content {
        SectionContent::About(c) => {
            if let Some(who) = filled(&c.who_we_are) {
                out.push(Block::Para(who.to_string()));
            }
            let children = c
                .children
                .iter()
                .filter_map(|child| {
                    let name = filled(&child.name)?;
                    let mut line = match child.age {
                        Some(age) => fill(
                            say.t(K::RdChildAge),
                            &[("name", name), ("age", &age.to_string())],
                        ),
                        None => name.to_string(),
                    };
                    if let Some(about) = filled(&child.about) {
                        line = format!("{line}: {about}");
                    }
                    Some(plain(line))
                })
                .collect();
            titled(&mut out, say.t(K::FChildren), children);
            if let Some(matters) = filled(&c.what_matters) {
                out.push(Block::Heading(say.t(K::RdWhatMatters).into()));
                out.push(Block::Para(matters.to_string()));
            }
        }
        SectionContent::Concerns(c) => titled(&mut out, "", lines(&c.worries)),
        SectionContent::Strengths(c) => {
            titled(&mut out, say.t(K::FGoingWell), lines(&c.going_well));
            titled(&mut out, say.t(K::FWorkedBefore), lines(&c.worked_before));
        }
        SectionContent::Goals(c) => {
            for goal in &c.goals {
                let Some(title) = filled(&goal.title) else {
                    continue;
                };
                out.push(Block::Heading(title.to_string()));
                out.push(Block::Scale(goal.scale_now));
                if let Some(step) = filled(&goal.next_step) {
                    out.push(Block::Para(fill(say.t(K::RdNextStep), &[("step", step)])));
                }
            }
        }
        SectionContent::Agreements(c) => {
            let list = c
                .items
                .iter()
                .filter_map(|item| agreement(say, item, None))
                .map(plain)
                .collect();
            titled(&mut out, "", list);
        }
        SectionContent::Network(c) => {
            let list = c
                .people
                .iter()
                .filter_map(|p| {
                    let mut text = with_note(filled(&p.name)?, &p.relation);
                    if let Some(offer) = filled(&p.can_offer) {
                        text = fill(say.t(K::RdCanOffer), &[("who", &text), ("what", offer)]);
                    }
                    Some(contact_line(text, &p.contact))
                })
                .collect();
            titled(&mut out, "", list);
        }
        SectionContent::Safety(c) => {
            titled(&mut out, say.t(K::RdWarningSigns), lines(&c.warning_signs));
            titled(&mut out, say.t(K::RdWhatWeDo), lines(&c.what_we_do));
            let call = c
                .whom_we_call
                .iter()
                .filter_map(|p| {
                    Some(contact_line(
                        with_note(filled(&p.name)?, &p.relation),
                        &p.phone,
                    ))
                })
                .collect();
            titled(&mut out, say.t(K::RdWhomWeCall), call);
            let places = c
                .safe_places
                .iter()
                .filter_map(|p| {
                    let name = filled(&p.name).or(filled(&p.address))?;
                    let text = with_note(name, &p.note);
                    let link = map_link(&p.address).filter(|_| name != p.address.trim());
                    Some(Line { text, link })
                })
                .collect();
            titled(&mut out, say.t(K::RdSafePlaces), places);
        }
        SectionContent::LifeDomains(c) => {
            for (domain, key) in [
                (&c.work, K::FWork),
                (&c.money, K::FMoney),
                (&c.housing, K::FHousing),
                (&c.care, K::FCare),
                (&c.support, K::FSupport),
            ] {
                domain_blocks(say, &mut out, domain, key);
            }
        }
        SectionContent::ProfessionalHelp(c) => {
            let list = c
                .requests
                .iter()
                .filter_map(|r| {
                    let what = filled(&r.what)?;
                    Some(plain(match filled(&r.from_whom) {
                        Some(whom) => fill(say.t(K::RdFromWhom), &[("what", what), ("whom", whom)]),
                        None => what.to_string(),
                    }))
                })
                .collect();
            titled(&mut out, "", list);
        }
        SectionContent::Children(c) => {
            let list = c
                .voices
                .iter()
                .filter_map(|v| {
                    let words = filled(&v.words)?;
                    Some(plain(match filled(&v.child_name) {
                        Some(name) => {
                            fill(say.t(K::RdChildSays), &[("name", name), ("words", words)])
                        }
                        None => format!("“{words}”"),
                    }))
                })
                .collect();
            titled(&mut out, "", list);
        }
        SectionContent::Evaluation(c) => {
            if let Some(day) = c.next_review {
                out.push(Block::Para(fill(
                    say.t(K::RdNextReview),
                    &[("date", &say.day(day))],
                )));
            }
            let list = c
                .reviews
                .iter()
                .filter_map(|r| {
                    let outcome = filled(&r.outcome);
                    Some(plain(match (r.held_on, outcome) {
                        (Some(day), Some(o)) => format!("{}: {o}", say.day(day)),
                        (None, Some(o)) => o.to_string(),
                        (Some(day), None) => say.day(day),
                        (None, None) => return None,
                    }))
                })
                .collect();
            titled(&mut out, say.t(K::RdReviews), list);
        }
    }
    // A list without its own heading follows the section's title directly.
    out.retain(|b| !matches!(b, Block::Heading(h) if h.is_empty()));
    out
}

fn domain_blocks(say: &Say, out: &mut Vec<Block>, domain: &LifeDomain, key: K) {
    let goes = filled(&domain.how_it_goes);
    let needed = filled(&domain.what_is_needed);
    if goes.is_none() && needed.is_none() {
        return;
    }
    out.push(Block::Heading(say.t(key).into()));
    if let Some(goes) = goes {
        out.push(Block::Para(goes.to_string()));
    }
    if let Some(needed) = needed {
        out.push(Block::Para(fill(say.t(K::RdNeeded), &[("what", needed)])));
    }
}

/// "Riet (oma)" followed by a phone or mail link, or the contact as words.
fn contact_line(text: String, contact: &str) -> Line {
    match tel_link(contact).or_else(|| mail_link(contact)) {
        Some(link) => Line {
            text,
            link: Some(link),
        },
        None => match filled(contact) {
            Some(contact) => plain(format!("{text}, {contact}")),
            None => plain(text),
        },
    }
}

/// Who does an agreement, in words: the named person, the member, or who took it on.
fn doer(say: &Say, item: &Agreement) -> Option<String> {
    let named = match &item.who {
        Assignee::Person { name } => filled(name).map(str::to_string),
        Assignee::Member { user_id } => (say.name_of)(*user_id),
    };
    named.or_else(|| {
        item.commitment
            .as_ref()
            .and_then(|c| (say.name_of)(c.taker))
    })
}

/// "Oma Riet: haalt Tim op, uiterlijk 15 december — nog niet gedaan"; with `goal`, the goal
/// it serves follows. `None` for an agreement without words.
pub fn agreement(say: &Say, item: &Agreement, goal: Option<&str>) -> Option<String> {
    let what = filled(&item.what)?;
    let mut line = match doer(say, item) {
        Some(who) => format!("{who}: {what}"),
        None => what.to_string(),
    };
    let due = item
        .commitment
        .as_ref()
        .and_then(|c| c.due)
        .or(item.by_when);
    if let Some(day) = due {
        line = format!(
            "{line}, {}",
            fill(say.t(K::RdByWhen), &[("date", &say.day(day))])
        );
    }
    let status = match item.status {
        AgreementStatus::Done => K::RdDone,
        AgreementStatus::Open => K::RdOpen,
    };
    line = format!("{line} — {}", say.t(status));
    if let Some(goal) = goal.and_then(filled) {
        line = format!("{line}. {}", fill(say.t(K::RdForGoal), &[("goal", goal)]));
    }
    Some(line)
}

/// Each goal's earlier steps on the scale, from the goals section's saves (`saves`: the day
/// and content of each, any order), as (goal title, "Eerder: 3 op 2 november, …"). Only
/// changes count; the step the goal is on now is left out, and goals without history too.
pub fn scale_history(
    say: &Say,
    saves: &[(i64, NaiveDate, &SectionContent)],
    now: &SectionContent,
) -> Vec<(String, String)> {
    let SectionContent::Goals(now) = now else {
        return Vec::new();
    };
    let mut saves: Vec<_> = saves.iter().collect();
    saves.sort_by_key(|(version, _, _)| *version);
    now.goals
        .iter()
        .filter_map(|goal| {
            let mut steps: Vec<(u8, NaiveDate)> = Vec::new();
            for (_, day, content) in &saves {
                let SectionContent::Goals(then) = content else {
                    continue;
                };
                let Some(was) = then.goals.iter().find(|g| g.id == goal.id) else {
                    continue;
                };
                if steps.last().map(|(n, _)| *n) != Some(was.scale_now) {
                    steps.push((was.scale_now, *day));
                }
            }
            if steps.last().map(|(n, _)| *n) == Some(goal.scale_now) {
                steps.pop();
            }
            if steps.is_empty() {
                return None;
            }
            let start = steps.len().saturating_sub(5);
            let said: Vec<String> = steps[start..]
                .iter()
                .map(|(n, day)| {
                    fill(
                        say.t(K::ScaleOn),
                        &[("n", &n.to_string()), ("date", &say.day(*day))],
                    )
                })
                .collect();
            Some((
                goal.title.trim().to_string(),
                fill(say.t(K::ScaleHistory), &[("steps", &said.join(", "))]),
            ))
        })
        .collect()
}

/// The plain text of `blocks`, for reading aloud.
pub fn spoken(title: &str, blocks: &[Block]) -> String {
    let mut out = vec![title.to_string()];
    for block in blocks {
        match block {
            Block::Heading(t) | Block::Para(t) => out.push(t.clone()),
            Block::List(items) => out.extend(items.iter().map(|l| match &l.link {
                Some(link) => format!("{} {}", l.text, link.shown),
                None => l.text.clone(),
            })),
            Block::Scale(n) => out.push(format!("{n} / 10")),
        }
    }
    out.join(".\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use onsplan_shared::section_content::{
        Agreements, Contact, Evaluation, Network, NetworkPerson, SafePlace, SafetyPlan,
    };

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    fn read(content: &SectionContent) -> Vec<Block> {
        let riet = Uuid::from_u128(7);
        let name_of = move |id: Uuid| (id == riet).then(|| "Oma Riet".to_string());
        let say = Say {
            lang: Locale::Nl,
            today: today(),
            name_of: &name_of,
        };
        blocks(&say, content)
    }

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .flat_map(|b| match b {
                Block::List(items) => items.iter().map(|l| l.text.clone()).collect(),
                Block::Heading(t) | Block::Para(t) => vec![t.clone()],
                Block::Scale(n) => vec![n.to_string()],
            })
            .collect()
    }

    #[test]
    fn an_agreement_reads_who_what_when_and_whether_it_is_done() {
        let content = SectionContent::Agreements(Agreements {
            items: vec![
                Agreement {
                    id: "a".into(),
                    what: "haalt Tim op, elke woensdag".into(),
                    who: Assignee::Member {
                        user_id: Uuid::from_u128(7),
                    },
                    ..Default::default()
                },
                Agreement {
                    id: "b".into(),
                    what: "Wekker zetten".into(),
                    by_when: NaiveDate::from_ymd_opt(2026, 12, 15),
                    status: AgreementStatus::Done,
                    ..Default::default()
                },
                Agreement {
                    id: "c".into(),
                    what: "  ".into(),
                    ..Default::default()
                },
            ],
        });
        assert_eq!(
            texts(&read(&content)),
            [
                "Oma Riet: haalt Tim op, elke woensdag — nog niet gedaan",
                "Wekker zetten, uiterlijk 15 december — gedaan",
            ]
        );
    }

    #[test]
    fn days_leave_out_this_year_and_name_another() {
        let this_year = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
        let next_year = NaiveDate::from_ymd_opt(2027, 3, 3).unwrap();
        assert_eq!(day_in_words(Locale::Nl, this_year, today()), "15 december");
        assert_eq!(day_in_words(Locale::Nl, next_year, today()), "3 maart 2027");
        assert_eq!(day_in_words(Locale::En, this_year, today()), "15 December");
    }

    #[test]
    fn phone_numbers_call_and_addresses_open_maps() {
        let content = SectionContent::Safety(SafetyPlan {
            whom_we_call: vec![Contact {
                name: "Riet".into(),
                relation: "oma".into(),
                phone: "06-12 34 56 78".into(),
            }],
            safe_places: vec![SafePlace {
                name: "Bij opa en oma".into(),
                address: "Dorpsstraat 1, Ede".into(),
                note: String::new(),
            }],
            ..Default::default()
        });
        let blocks = read(&content);
        let links: Vec<&Href> = blocks
            .iter()
            .flat_map(|b| match b {
                Block::List(items) => items.iter().filter_map(|l| l.link.as_ref()).collect(),
                _ => Vec::new(),
            })
            .collect();
        assert_eq!(links[0].href, "tel:0612345678");
        assert_eq!(links[0].shown, "06-12 34 56 78");
        assert_eq!(
            links[1].href,
            "https://www.google.com/maps/search/?api=1&query=Dorpsstraat+1%2C+Ede"
        );
        assert!(texts(&blocks).contains(&"Riet (oma)".to_string()));
    }

    #[test]
    fn words_that_are_no_phone_number_stay_words() {
        assert_eq!(tel_link("bel na 18 uur"), None);
        assert_eq!(tel_link("112"), None);
        assert_eq!(
            tel_link("+31 6 1234 5678").unwrap().href,
            "tel:+31612345678"
        );
        let content = SectionContent::Network(Network {
            people: vec![NetworkPerson {
                name: "Buurvrouw Ans".into(),
                contact: "riet@example.nl".into(),
                can_offer: "koken".into(),
                ..Default::default()
            }],
        });
        let blocks = read(&content);
        let Block::List(items) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(items[0].text, "Buurvrouw Ans kan helpen met: koken");
        assert_eq!(
            items[0].link.as_ref().unwrap().href,
            "mailto:riet@example.nl"
        );
    }

    #[test]
    fn nothing_written_reads_as_nothing_not_as_empty_lines() {
        for kind in onsplan_shared::section::SectionKind::ALL {
            assert_eq!(read(&SectionContent::empty(kind)), [], "{kind}");
        }
    }

    #[test]
    fn the_scale_history_names_each_change_and_leaves_out_now() {
        use onsplan_shared::section_content::{Goal, Goals};
        let goals = |n: u8| {
            SectionContent::Goals(Goals {
                goals: vec![Goal {
                    id: "school".into(),
                    title: "Tom gaat naar school".into(),
                    scale_now: n,
                    next_step: String::new(),
                }],
            })
        };
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let (a, b, c, d) = (goals(2), goals(2), goals(5), goals(7));
        let saves = [
            (3, day(20), &c),
            (1, day(2), &a),
            (2, day(9), &b),
            (4, day(28), &d),
        ];
        let name_of = |_: Uuid| None::<String>;
        let say = Say {
            lang: Locale::Nl,
            today: today(),
            name_of: &name_of,
        };
        assert_eq!(
            scale_history(&say, &saves, &d),
            [(
                "Tom gaat naar school".to_string(),
                "Eerder: 2 op 2 november, 5 op 20 november".to_string()
            )]
        );
        assert_eq!(scale_history(&say, &saves[1..2], &a), []);
    }

    #[test]
    fn the_next_review_is_a_sentence_with_its_day() {
        let content = SectionContent::Evaluation(Evaluation {
            next_review: NaiveDate::from_ymd_opt(2026, 12, 15),
            reviews: vec![],
        });
        assert_eq!(
            texts(&read(&content)),
            ["We kijken weer samen terug op 15 december."]
        );
    }
}
