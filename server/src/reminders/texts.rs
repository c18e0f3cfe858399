//! The texts of reminders and the weekly word, in plain Dutch (B1, "je") and English, and
//! their rendering. A message names an agreement only by its own words and a section only by
//! its title; it carries a link into the app (nothing happens without logging in) and a
//! one-click unsubscribe link.

use chrono::NaiveDate;
use onsplan_shared::auth::Locale;
use onsplan_shared::section::SectionKind;

use super::due::{Deed, Item, Message, Weekly};
use crate::email::catalogue::{fill, render_in, Block, Rendered};

struct Texts {
    /// The language, for the dates written in it.
    locale: Locale,
    soon_subject: &'static str,
    soon_intro: &'static str,
    lapsed_subject: &'static str,
    lapsed_intro: &'static str,
    lapsed_ask: &'static str,
    more: &'static str,
    review_soon_subject: &'static str,
    review_soon_intro: &'static str,
    review_passed_subject: &'static str,
    review_passed_intro: &'static str,
    grant_subject: &'static str,
    grant_intro: &'static str,
    activity_subject: &'static str,
    activity_intro: &'static str,
    took: &'static str,
    finished: &'static str,
    weekly_subject: &'static str,
    weekly_intro: &'static str,
    weekly_changed: &'static str,
    weekly_done: &'static str,
    weekly_taken: &'static str,
    weekly_coming: &'static str,
    weekly_review: &'static str,
    weekly_overdue: &'static str,
    open_app: &'static str,
    unsubscribe: &'static str,
    signature: &'static str,
    sections: [&'static str; 11],
}

const NL: Texts = Texts {
    locale: Locale::Nl,
    soon_subject: "Over twee dagen: {what}",
    soon_intro: "Hallo {name}, je hebt gezegd dat je dit doet. Over twee dagen is de datum:",
    lapsed_subject: "Lukte het niet? {what}",
    lapsed_intro: "Hallo {name}, je wilde dit doen. De datum is voorbij:",
    lapsed_ask: "Lukte het niet? Kies een nieuwe datum of geef het terug.",
    more: "{what} (en nog {n})",
    review_soon_subject: "Over een week is de evaluatie van het plan van {family}",
    review_soon_intro: "Hallo {name}, op {date} kijken jullie samen hoe het plan van {family} gaat.",
    review_passed_subject: "De evaluatie van het plan van {family} is nog niet gedaan",
    review_passed_intro: "Hallo {name}, de evaluatie van het plan van {family} stond op {date}. Er is nog geen evaluatie of nieuwe datum. Kies samen een nieuwe datum.",
    grant_subject: "{professional} kan het plan van {family} straks niet meer lezen",
    grant_intro: "Hallo {name}, {professional} kan het plan van {family} lezen tot {date}. Wil je dat dit langer duurt? Geef dan opnieuw toestemming.",
    activity_subject: "Nieuws over de afspraken van {family}",
    activity_intro: "Hallo {name}, dit is er gebeurd bij de afspraken van {family}:",
    took: "{who} gaat dit doen: {what}",
    finished: "{who} heeft dit gedaan: {what}",
    weekly_subject: "Deze week bij het plan van {family}",
    weekly_intro: "Hallo {name}, zo staat het plan van {family} er deze week voor.",
    weekly_changed: "Aangepast:",
    weekly_done: "Gedaan:",
    weekly_taken: "Nieuw opgepakt:",
    weekly_coming: "Binnenkort:",
    weekly_review: "Evaluatie op {date}.",
    weekly_overdue: "Over de datum:",
    open_app: "Log in om te kijken:",
    unsubscribe: "Wil je deze berichten niet meer krijgen? Zet ze uit:",
    signature: "Groeten van Ons Plan",
    sections: [
        "Over ons gezin",
        "Waar maken we ons zorgen over",
        "Wat gaat goed",
        "Wat willen we bereiken",
        "Afspraken",
        "Ons netwerk",
        "Veiligheidsplan",
        "Werk, geld, wonen, zorg, steun",
        "Hulp die we vragen",
        "Wat vinden de kinderen",
        "Evaluatie",
    ],
};

const EN: Texts = Texts {
    locale: Locale::En,
    soon_subject: "In two days: {what}",
    soon_intro: "Hello {name}, you said you would do this. The date is in two days:",
    lapsed_subject: "Didn't it work out? {what}",
    lapsed_intro: "Hello {name}, you wanted to do this. The date has passed:",
    lapsed_ask: "Didn't it work out? Choose a new date or hand it back.",
    more: "{what} (and {n} more)",
    review_soon_subject: "The review of the plan of {family} is in a week",
    review_soon_intro: "Hello {name}, on {date} you look together at how the plan of {family} is going.",
    review_passed_subject: "The review of the plan of {family} has not happened yet",
    review_passed_intro: "Hello {name}, the review of the plan of {family} was set for {date}. There is no review or new date yet. Choose a new date together.",
    grant_subject: "{professional} will soon no longer be able to read the plan of {family}",
    grant_intro: "Hello {name}, {professional} can read the plan of {family} until {date}. Should it last longer? Then give consent again.",
    activity_subject: "News about the agreements of {family}",
    activity_intro: "Hello {name}, this happened with the agreements of {family}:",
    took: "{who} will do this: {what}",
    finished: "{who} did this: {what}",
    weekly_subject: "This week in the plan of {family}",
    weekly_intro: "Hello {name}, this is how the plan of {family} stands this week.",
    weekly_changed: "Changed:",
    weekly_done: "Done:",
    weekly_taken: "Newly taken on:",
    weekly_coming: "Coming up:",
    weekly_review: "Review on {date}.",
    weekly_overdue: "Past their date:",
    open_app: "Log in to have a look:",
    unsubscribe: "Don't want these messages any more? Switch them off:",
    signature: "Regards from Ons Plan",
    sections: [
        "About our family",
        "What we worry about",
        "What goes well",
        "What we want to reach",
        "Agreements",
        "Our network",
        "Safety plan",
        "Work, money, housing, care, support",
        "Help we ask for",
        "What the children think",
        "Review",
    ],
};

fn texts(locale: Locale) -> &'static Texts {
    match locale {
        Locale::Nl => &NL,
        Locale::En => &EN,
    }
}

fn date(t: &Texts, on: NaiveDate) -> String {
    onsplan_shared::dutch_time::day_in_words(t.locale, on)
}

fn section(t: &Texts, kind: SectionKind) -> &'static str {
    let index = SectionKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or_default();
    t.sections[index]
}

fn item_line(t: &Texts, item: &Item) -> String {
    let mut line = format!("- {}", item.what);
    if let Some(who) = &item.who {
        line.push_str(&format!(" ({who})"));
    }
    if let Some(due) = item.due {
        line.push_str(&format!(", {}", date(t, due)));
    }
    line
}

/// Who the message is for and where it points.
pub struct Addressing<'a> {
    pub name: &'a str,
    pub family: &'a str,
    pub app_link: &'a str,
    pub unsubscribe_link: &'a str,
}

pub fn render_message(locale: Locale, message: &Message, to: &Addressing) -> Rendered {
    let t = texts(locale);
    let with = |extra: &[(&'static str, &str)]| -> Vec<(&'static str, String)> {
        [("name", to.name), ("family", to.family)]
            .iter()
            .chain(extra.iter())
            .map(|(k, v)| (*k, v.to_string()))
            .collect()
    };
    let mut blocks = Vec::new();
    let subject = match message {
        Message::CommitmentSoon(items) | Message::CommitmentLapsed(items) => {
            let soon = matches!(message, Message::CommitmentSoon(_));
            let (subject, intro) = if soon {
                (t.soon_subject, t.soon_intro)
            } else {
                (t.lapsed_subject, t.lapsed_intro)
            };
            let first = items.first().map(|item| item.what.as_str()).unwrap_or("");
            let what = if items.len() > 1 {
                fill(
                    t.more,
                    &[("what", first), ("n", &(items.len() - 1).to_string())],
                )
            } else {
                first.to_string()
            };
            blocks.push(Block::Text(filled(intro, &with(&[]))));
            blocks.push(Block::Text(
                items
                    .iter()
                    .map(|item| item_line(t, item))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ));
            if !soon {
                blocks.push(Block::Text(t.lapsed_ask.to_string()));
            }
            filled(subject, &with(&[("what", &what)]))
        }
        Message::ReviewSoon(on) | Message::ReviewPassed(on) => {
            let values = with(&[("date", &date(t, *on))]);
            let (subject, intro) = match message {
                Message::ReviewSoon(_) => (t.review_soon_subject, t.review_soon_intro),
                _ => (t.review_passed_subject, t.review_passed_intro),
            };
            blocks.push(Block::Text(filled(intro, &values)));
            filled(subject, &values)
        }
        Message::GrantEnding {
            professional,
            until,
        } => {
            let values = with(&[("professional", professional), ("date", &date(t, *until))]);
            blocks.push(Block::Text(filled(t.grant_intro, &values)));
            filled(t.grant_subject, &values)
        }
        Message::Activity(events) => {
            let values = with(&[]);
            blocks.push(Block::Text(filled(t.activity_intro, &values)));
            for (who, deed, what) in events {
                let template = match deed {
                    Deed::Took => t.took,
                    Deed::Finished => t.finished,
                };
                blocks.push(Block::Text(fill(template, &[("who", who), ("what", what)])));
            }
            filled(t.activity_subject, &values)
        }
        Message::Weekly(word) => {
            let values = with(&[]);
            blocks.push(Block::Text(filled(t.weekly_intro, &values)));
            weekly_blocks(t, word, &mut blocks);
            filled(t.weekly_subject, &values)
        }
    };
    blocks.extend([
        Block::Text(t.open_app.to_string()),
        Block::Link(to.app_link.to_string()),
        Block::Text(t.unsubscribe.to_string()),
        Block::Link(to.unsubscribe_link.to_string()),
        Block::Text(t.signature.to_string()),
    ]);
    render_in(locale, subject, &blocks)
}

/// `template` with the `{key}` values of `values`.
fn filled(template: &str, values: &[(&'static str, String)]) -> String {
    let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fill(template, &pairs)
}

fn weekly_blocks(t: &Texts, word: &Weekly, blocks: &mut Vec<Block>) {
    let list = |title: &str, lines: Vec<String>, blocks: &mut Vec<Block>| {
        if !lines.is_empty() {
            blocks.push(Block::Text(format!("{title}\n{}", lines.join("\n"))));
        }
    };
    list(
        t.weekly_changed,
        word.changed
            .iter()
            .map(|kind| format!("- {}", section(t, *kind)))
            .collect(),
        blocks,
    );
    let items = |items: &[Item]| items.iter().map(|item| item_line(t, item)).collect();
    list(t.weekly_done, items(&word.done), blocks);
    list(t.weekly_taken, items(&word.taken), blocks);
    list(t.weekly_coming, items(&word.coming), blocks);
    if let Some(on) = word.review {
        blocks.push(Block::Text(fill(
            t.weekly_review,
            &[("date", &date(t, on))],
        )));
    }
    list(t.weekly_overdue, items(&word.overdue), blocks);
}
