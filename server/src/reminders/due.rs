//! What is due, from one family's facts at one moment: the rules of every reminder and of the
//! weekly word, as a pure function (no database, no clock of its own). Each reminder names its
//! reader, its kind and the keys it is recorded under; every item is judged with the access
//! policy for that reader, so nobody is told about what they may not see.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use onsplan_shared::family::Role;
use onsplan_shared::notification::NotificationKind;
use onsplan_shared::section::{SectionKind, Visibility};
use onsplan_shared::section_content::{Agreement, AgreementStatus, Agreements, Evaluation};
use uuid::Uuid;

use crate::policy::{self, Action, Caller, Resource};

/// First and last local hour (exclusive) in which email may be queued: 08:00–21:00.
pub const DAY_STARTS: u32 = 8;
pub const DAY_ENDS: u32 = 21;
/// How long after it happened a relative's take or finish is still news.
const ACTIVITY_FRESH: Duration = Duration::hours(48);

/// A member as the rules need them.
#[derive(Debug, Clone)]
pub struct Member {
    pub id: Uuid,
    pub role: Role,
    pub name: String,
}

impl Member {
    fn caller(&self) -> Caller {
        Caller::member(self.id, self.role)
    }
}

/// A professional's access that ends.
#[derive(Debug, Clone)]
pub struct GrantFacts {
    pub id: String,
    pub professional: String,
    pub valid_until: DateTime<Utc>,
}

/// One family, as the scheduler read it.
#[derive(Debug, Clone, Default)]
pub struct Family {
    pub members: Vec<Member>,
    pub agreements: Option<(Visibility, Agreements)>,
    pub evaluation: Option<(Visibility, Evaluation)>,
    /// Grants in force (activated, not revoked).
    pub grants: Vec<GrantFacts>,
    /// Shared sections, with when they were last saved.
    pub sections: Vec<(SectionKind, Visibility, Option<DateTime<Utc>>)>,
}

/// A stored kind of reminder; several belong to one [`NotificationKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderKind {
    CommitmentSoon,
    CommitmentLapsed,
    ReviewSoon,
    ReviewPassed,
    GrantEnding,
    Activity,
    WeeklyWord,
}

impl ReminderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReminderKind::CommitmentSoon => "commitment_soon",
            ReminderKind::CommitmentLapsed => "commitment_lapsed",
            ReminderKind::ReviewSoon => "review_soon",
            ReminderKind::ReviewPassed => "review_passed",
            ReminderKind::GrantEnding => "grant_ending",
            ReminderKind::Activity => "activity",
            ReminderKind::WeeklyWord => "weekly_word",
        }
    }

    pub fn setting(self) -> NotificationKind {
        match self {
            ReminderKind::CommitmentSoon | ReminderKind::CommitmentLapsed => {
                NotificationKind::Commitments
            }
            ReminderKind::ReviewSoon | ReminderKind::ReviewPassed => NotificationKind::Reviews,
            ReminderKind::GrantEnding => NotificationKind::Grants,
            ReminderKind::Activity => NotificationKind::Activity,
            ReminderKind::WeeklyWord => NotificationKind::WeeklyWord,
        }
    }
}

/// What a relative did to an agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deed {
    Took,
    Finished,
}

/// An agreement as a message mentions it: its own words and its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub what: String,
    pub due: Option<NaiveDate>,
    /// Who has it (the weekly word).
    pub who: Option<String>,
}

/// The weekly word for one reader: empty lists mean nothing to say about that.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Weekly {
    pub changed: Vec<SectionKind>,
    pub done: Vec<Item>,
    pub taken: Vec<Item>,
    pub coming: Vec<Item>,
    pub review: Option<NaiveDate>,
    pub overdue: Vec<Item>,
}

impl Weekly {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty()
            && self.done.is_empty()
            && self.taken.is_empty()
            && self.coming.is_empty()
            && self.review.is_none()
            && self.overdue.is_empty()
    }
}

/// What a message says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// One or more of the reader's commitments, in one email.
    CommitmentSoon(Vec<Item>),
    CommitmentLapsed(Vec<Item>),
    ReviewSoon(NaiveDate),
    ReviewPassed(NaiveDate),
    GrantEnding {
        professional: String,
        until: NaiveDate,
    },
    Activity(Vec<(String, Deed, String)>),
    Weekly(Weekly),
}

impl Message {
    /// Keeps only the entries at `kept` (indices into [`Due::keys`]) of a bundle.
    pub fn keep(&mut self, kept: &[usize]) {
        fn pick<T: Clone>(list: &mut Vec<T>, kept: &[usize]) {
            *list = kept.iter().filter_map(|i| list.get(*i).cloned()).collect();
        }
        match self {
            Message::CommitmentSoon(items) | Message::CommitmentLapsed(items) => pick(items, kept),
            Message::Activity(events) => pick(events, kept),
            _ => {}
        }
    }
}

/// One message due to one reader, recorded under `keys` (subject, date): one key, or for a
/// bundle (commitments, activity) one per entry, in the message's order.
#[derive(Debug, Clone)]
pub struct Due {
    pub to: Uuid,
    pub kind: ReminderKind,
    pub keys: Vec<(String, NaiveDate)>,
    pub message: Message,
}

/// Whether `hour` (local) is inside quiet hours, when nothing is queued.
pub fn quiet(hour: u32) -> bool {
    !(DAY_STARTS..DAY_ENDS).contains(&hour)
}

fn may_read_agreement(reader: &Member, visibility: Visibility, item: &Agreement) -> bool {
    let resource = Resource::Agreement {
        visibility,
        taker: item.commitment.as_ref().map(|c| c.taker),
    };
    policy::decide(&reader.caller(), resource, Action::Read).is_allowed()
}

fn may_read_section(reader: &Member, kind: SectionKind, visibility: Visibility) -> bool {
    policy::decide(
        &reader.caller(),
        Resource::SharedSection { kind, visibility },
        Action::Read,
    )
    .is_allowed()
}

fn is_open(item: &Agreement) -> bool {
    item.status != AgreementStatus::Done
        && item
            .commitment
            .as_ref()
            .is_some_and(|c| c.done_at.is_none())
}

/// Every message due in `family` on local day `today` at `now` (outside quiet hours).
pub fn due(family: &Family, today: NaiveDate, now: DateTime<Utc>) -> Vec<Due> {
    let mut out = Vec::new();
    commitments(family, today, &mut out);
    reviews(family, today, &mut out);
    grants(family, now, &mut out);
    activity(family, now, &mut out);
    if today.weekday() == Weekday::Mon {
        // Also when there is nothing to say: the scheduler records the week as decided (no
        // email), so news later that Monday waits for next week's word.
        for reader in &family.members {
            out.push(Due {
                to: reader.id,
                kind: ReminderKind::WeeklyWord,
                keys: vec![("week".to_string(), today)],
                message: Message::Weekly(weekly(family, reader, today, now)),
            });
        }
    }
    out
}

/// Two days before a commitment's date (until the day before), and the morning after it
/// lapsed (for two days): to the member who has it, all of theirs in one email per kind.
fn commitments(family: &Family, today: NaiveDate, out: &mut Vec<Due>) {
    let Some((visibility, agreements)) = &family.agreements else {
        return;
    };
    for taker in &family.members {
        let mut soon = (Vec::new(), Vec::new());
        let mut lapsed = (Vec::new(), Vec::new());
        for item in agreements.items.iter().filter(|item| is_open(item)) {
            let Some(commitment) = item.commitment.as_ref().filter(|c| c.taker == taker.id) else {
                continue;
            };
            let Some(due) = commitment.due else { continue };
            if !may_read_agreement(taker, *visibility, item) {
                continue;
            }
            let mention = Item {
                what: item.what.clone(),
                due: Some(due),
                who: None,
            };
            let bucket = if today >= due - Duration::days(2) && today < due {
                &mut soon
            } else if today > due && today <= due + Duration::days(2) {
                &mut lapsed
            } else {
                continue;
            };
            bucket.0.push((item.id.clone(), due));
            bucket.1.push(mention);
        }
        for (kind, (keys, items)) in [
            (ReminderKind::CommitmentSoon, soon),
            (ReminderKind::CommitmentLapsed, lapsed),
        ] {
            if items.is_empty() {
                continue;
            }
            let message = match kind {
                ReminderKind::CommitmentSoon => Message::CommitmentSoon(items),
                _ => Message::CommitmentLapsed(items),
            };
            out.push(Due {
                to: taker.id,
                kind,
                keys,
                message,
            });
        }
    }
}

/// A week before the review date, and the days after it passed with no review held and no
/// new date set: to every parent who may read the evaluation.
fn reviews(family: &Family, today: NaiveDate, out: &mut Vec<Due>) {
    let Some((visibility, evaluation)) = &family.evaluation else {
        return;
    };
    let Some(on) = evaluation.next_review else {
        return;
    };
    let held = evaluation
        .reviews
        .iter()
        .filter_map(|review| review.held_on)
        .any(|held| held >= on - Duration::days(7) && held <= today);
    let (kind, message) = if today >= on - Duration::days(7) && today < on {
        (ReminderKind::ReviewSoon, Message::ReviewSoon(on))
    } else if today > on && today <= on + Duration::days(3) && !held {
        (ReminderKind::ReviewPassed, Message::ReviewPassed(on))
    } else {
        return;
    };
    for parent in parents(family) {
        if may_read_section(parent, SectionKind::Evaluation, *visibility) {
            out.push(Due {
                to: parent.id,
                kind,
                keys: vec![("review".to_string(), on)],
                message: message.clone(),
            });
        }
    }
}

fn parents(family: &Family) -> impl Iterator<Item = &Member> {
    family.members.iter().filter(|m| m.role == Role::Parent)
}

/// A grant that ends within seven days: to every parent who may see the grants.
fn grants(family: &Family, now: DateTime<Utc>, out: &mut Vec<Due>) {
    for grant in &family.grants {
        if grant.valid_until <= now || grant.valid_until > now + Duration::days(7) {
            continue;
        }
        let until = crate::reminders::local_date(grant.valid_until);
        for parent in parents(family) {
            if policy::decide(&parent.caller(), Resource::Grants, Action::List).is_allowed() {
                out.push(Due {
                    to: parent.id,
                    kind: ReminderKind::GrantEnding,
                    keys: vec![(grant.id.clone(), until)],
                    message: Message::GrantEnding {
                        professional: grant.professional.clone(),
                        until,
                    },
                });
            }
        }
    }
}

/// A relative took (themselves) or finished an agreement in the last two days: one bundle per
/// parent who may read it. The scheduler drops events sent before and holds the bundle while
/// the parent had one in the last hour.
fn activity(family: &Family, now: DateTime<Utc>, out: &mut Vec<Due>) {
    let Some((visibility, agreements)) = &family.agreements else {
        return;
    };
    let fresh = |at: DateTime<Utc>| at <= now && at > now - ACTIVITY_FRESH;
    let mut events = Vec::new();
    for item in &agreements.items {
        let Some(commitment) = &item.commitment else {
            continue;
        };
        let Some(taker) = family
            .members
            .iter()
            .find(|m| m.id == commitment.taker && m.role == Role::Relative)
        else {
            continue;
        };
        if commitment.assigned_by.is_none() && fresh(commitment.taken_at) {
            events.push((item, taker, Deed::Took, commitment.taken_at));
        }
        if let Some(done_at) = commitment.done_at.filter(|at| fresh(*at)) {
            events.push((item, taker, Deed::Finished, done_at));
        }
    }
    for parent in parents(family) {
        let mine: Vec<_> = events
            .iter()
            .filter(|(item, ..)| may_read_agreement(parent, *visibility, item))
            .collect();
        if mine.is_empty() {
            continue;
        }
        out.push(Due {
            to: parent.id,
            kind: ReminderKind::Activity,
            keys: mine
                .iter()
                .map(|(item, _, deed, at)| {
                    let deed = match deed {
                        Deed::Took => "took",
                        Deed::Finished => "finished",
                    };
                    (
                        format!("{}:{deed}:{}", item.id, at.timestamp_millis()),
                        crate::reminders::local_date(*at),
                    )
                })
                .collect(),
            message: Message::Activity(
                mine.iter()
                    .map(|(item, taker, deed, _)| (taker.name.clone(), *deed, item.what.clone()))
                    .collect(),
            ),
        });
    }
}

/// The weekly word for `reader`: only what they may read, only shared sections (never anyone's
/// private ones).
pub fn weekly(family: &Family, reader: &Member, today: NaiveDate, now: DateTime<Utc>) -> Weekly {
    let mut word = Weekly::default();
    let week_ago = now - Duration::days(7);
    let name_of = |id: Uuid| {
        family
            .members
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.name.clone())
    };
    for (kind, visibility, saved) in &family.sections {
        if saved.is_some_and(|at| at > week_ago && at <= now)
            && may_read_section(reader, *kind, *visibility)
        {
            word.changed.push(*kind);
        }
    }
    if let Some((visibility, agreements)) = &family.agreements {
        for item in agreements
            .items
            .iter()
            .filter(|item| may_read_agreement(reader, *visibility, item))
        {
            let Some(commitment) = &item.commitment else {
                continue;
            };
            let mention = Item {
                what: item.what.clone(),
                due: commitment.due,
                who: name_of(commitment.taker),
            };
            if commitment
                .done_at
                .is_some_and(|at| at > week_ago && at <= now)
            {
                word.done.push(mention.clone());
            } else if commitment.taken_at > week_ago && commitment.taken_at <= now {
                word.taken.push(mention.clone());
            }
            if is_open(item) {
                match commitment.due {
                    Some(due) if due < today => word.overdue.push(mention),
                    Some(due) if due < today + Duration::days(7) => word.coming.push(mention),
                    _ => {}
                }
            }
        }
    }
    if let Some((visibility, evaluation)) = &family.evaluation {
        if may_read_section(reader, SectionKind::Evaluation, *visibility) {
            word.review = evaluation
                .next_review
                .filter(|on| *on >= today && *on < today + Duration::days(7));
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;
    use onsplan_shared::commitment::Commitment;

    fn date(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, day).unwrap()
    }

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        date(day).and_hms_opt(hour, 0, 0).unwrap().and_utc()
    }

    fn member(n: u128, role: Role) -> Member {
        Member {
            id: Uuid::from_u128(n),
            role,
            name: format!("m{n}"),
        }
    }

    /// Parent 1, relative 2 who has agreement `a` due on the 10th (March 2027).
    fn family(done: bool) -> Family {
        let commitment = Commitment {
            taker: Uuid::from_u128(2),
            due: Some(date(10)),
            taken_at: at(1, 9),
            assigned_by: None,
            done_at: done.then(|| at(9, 9)),
        };
        Family {
            members: vec![member(1, Role::Parent), member(2, Role::Relative)],
            agreements: Some((
                Visibility::Network,
                Agreements {
                    items: vec![Agreement {
                        id: "a".into(),
                        what: "Boodschappen".into(),
                        commitment: Some(commitment),
                        ..Default::default()
                    }],
                },
            )),
            evaluation: Some((
                Visibility::Parents,
                Evaluation {
                    next_review: Some(date(17)),
                    reviews: Vec::new(),
                },
            )),
            ..Default::default()
        }
    }

    fn kinds(found: &[Due], to: u128) -> Vec<ReminderKind> {
        found
            .iter()
            .filter(|due| due.to == Uuid::from_u128(to))
            .filter(|due| !matches!(&due.message, Message::Weekly(word) if word.is_empty()))
            .map(|due| due.kind)
            .collect()
    }

    #[test]
    fn a_commitment_is_reminded_from_two_days_before_and_the_morning_after_it_lapsed() {
        let open = family(false);
        assert!(kinds(&due(&open, date(7), at(7, 8)), 2).is_empty());
        assert_eq!(
            kinds(&due(&open, date(9), at(9, 8)), 2),
            [ReminderKind::CommitmentSoon]
        );
        assert!(kinds(&due(&open, date(10), at(10, 8)), 2).is_empty());
        assert_eq!(
            kinds(&due(&open, date(11), at(11, 8)), 2),
            [ReminderKind::CommitmentLapsed]
        );
        assert!(kinds(&due(&open, date(13), at(13, 8)), 2).is_empty());
        // Done before the date: nothing lapses.
        assert!(kinds(&due(&family(true), date(11), at(11, 8)), 2).is_empty());
    }

    #[test]
    fn the_review_is_for_parents_a_week_before_and_after_it_passed_without_one() {
        let family = family(false);
        assert_eq!(
            kinds(&due(&family, date(10), at(10, 8)), 1),
            [ReminderKind::ReviewSoon]
        );
        assert_eq!(
            kinds(&due(&family, date(18), at(18, 8)), 1),
            [ReminderKind::ReviewPassed]
        );
        let mut held = family.clone();
        if let Some((_, evaluation)) = held.evaluation.as_mut() {
            evaluation
                .reviews
                .push(onsplan_shared::section_content::Review {
                    held_on: Some(date(17)),
                    outcome: String::new(),
                });
        }
        assert!(kinds(&due(&held, date(18), at(18, 8)), 1).is_empty());
        assert!(!kinds(&due(&family, date(10), at(10, 8)), 2).contains(&ReminderKind::ReviewSoon));
    }

    #[test]
    fn a_relatives_weekly_word_leaves_out_the_parents_only_review() {
        let family = family(false);
        // Monday 15 March 2027: the review on the 17th is coming, the agreement is overdue.
        let monday = date(15);
        let parent = weekly(&family, &family.members[0], monday, at(15, 8));
        let relative = weekly(&family, &family.members[1], monday, at(15, 8));
        assert_eq!(parent.review, Some(date(17)));
        assert_eq!(relative.review, None);
        assert_eq!(relative.overdue.len(), 1);
    }

    #[test]
    fn nothing_to_say_is_no_weekly_word() {
        let mut quiet = family(true);
        quiet.evaluation = None;
        // Long after everything happened.
        let found = due(&quiet, date(29), at(29, 8));
        assert!(found.iter().all(|d| match &d.message {
            Message::Weekly(word) => word.is_empty(),
            _ => false,
        }));
    }

    #[test]
    fn quiet_hours_run_from_nine_in_the_evening_to_eight_in_the_morning() {
        assert!(quiet(7) && quiet(21) && quiet(0));
        assert!(!quiet(8) && !quiet(20));
    }
}
