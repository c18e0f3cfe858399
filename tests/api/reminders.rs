//! Half a year of one family with the clock moved in steps: two parents, three relatives,
//! agreements with dates, a review every six weeks. Every reminder comes exactly as planned,
//! at or after 08:00 Dutch time and never in quiet hours, never after an unsubscribe, never
//! about what the reader may not see; the weekly word only when there is something to say.
//! On PostgreSQL two instances share the work: one leaves mid-run and a new one joins, and a
//! third, in its own process, is killed with SIGKILL in the middle of a scan; the test's SMTP
//! server counts each email once.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, Timelike};
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use onsplan_shared::client::SectionScope::Shared;
use onsplan_shared::commitment::TakeAgreementRequest;
use onsplan_shared::family::Role;
use onsplan_shared::notification::{NotificationKind, NotificationSetting, NotificationSettings};
use onsplan_shared::section::{SaveSectionRequest, SectionKind, Visibility};
use onsplan_shared::section_content::{Agreement, Agreements, Evaluation, Review, SectionContent};
use onsplan_tests::instance::ProcessInstance;
use onsplan_tests::reminders::{
    local, options, queued, sent_rows, set_clock, step, unsubscribe_token,
};
use onsplan_tests::smtp::SmtpServer;
use onsplan_tests::{spawn_app_with, AppOptions, Backend, Person, TestApp};
use uuid::Uuid;

const DAYS: i64 = 182;

fn day(n: i64) -> NaiveDate {
    // A Monday in winter; summer time starts on day 83 (28 March 2027).
    NaiveDate::from_ymd_opt(2027, 1, 4).unwrap() + Duration::days(n)
}

/// One agreement's life: who takes it (on day 0), its date, the day it is done.
struct Plan {
    id: &'static str,
    taker: usize,
    taken_at: (i64, u32, u32),
    due: i64,
    done: Option<i64>,
}

/// Members by index: 0, 1 parents; 2, 3, 4 relatives.
const PLANS: [Plan; 5] = [
    Plan {
        id: "a1",
        taker: 2,
        taken_at: (0, 9, 0),
        due: 10,
        done: Some(12),
    },
    Plan {
        id: "a2",
        taker: 3,
        taken_at: (0, 9, 0),
        due: 20,
        done: Some(19),
    },
    Plan {
        id: "a3",
        taker: 4,
        taken_at: (0, 9, 0),
        due: 40,
        done: Some(45),
    },
    Plan {
        id: "a4",
        taker: 1,
        taken_at: (0, 9, 30),
        due: 60,
        done: Some(59),
    },
    Plan {
        id: "a5",
        taker: 4,
        taken_at: (0, 9, 30),
        due: 100,
        done: Some(102),
    },
];
/// Review dates: held on the day at 10:00, but the third is missed and moved a day later.
const REVIEWS: [i64; 4] = [21, 63, 105, 147];
const MISSED_REVIEW: i64 = 105;
/// Relative 4 switches commitment reminders off (with a token) on this day.
const R3_UNSUBSCRIBES: i64 = 90;
/// On PostgreSQL: the second instance leaves and a new one joins on this day.
const LEAVE_DAY: i64 = 91;
/// On PostgreSQL: an instance in its own process is killed mid-scan on this day, a Monday with
/// review reminders and a weekly word due.
const KILL_DAY: i64 = 98;

struct Family {
    people: Vec<Person>,
    id: Uuid,
}

async fn setup(app: &TestApp) -> Family {
    let mut people = Vec::new();
    for name in ["Moeder", "Vader", "Oma", "Oom", "Buurvrouw"] {
        people.push(app.register(name).await);
    }
    let id = app.family_of(&people[0], "Familie Halfjaar").await.id;
    app.add_member(id, &people[1], Role::Parent).await;
    for relative in &people[2..] {
        app.add_member(id, relative, Role::Relative).await;
    }
    let items = PLANS
        .iter()
        .map(|plan| Agreement {
            id: plan.id.into(),
            what: format!("Afspraak {}", plan.id),
            ..Default::default()
        })
        .collect();
    people[0]
        .client
        .save_section(
            Shared,
            id,
            SectionKind::Agreements,
            Some(0),
            &SaveSectionRequest {
                visibility: Some(Visibility::Network),
                content: SectionContent::Agreements(Agreements { items }),
            },
        )
        .await
        .unwrap();
    save_evaluation(&people[0], id, REVIEWS[0], &[], Some(0)).await;
    // Relative "Oma" reads the weekly word too.
    people[2]
        .client
        .update_notifications(&NotificationSettings {
            settings: vec![NotificationSetting {
                kind: NotificationKind::WeeklyWord,
                enabled: true,
            }],
        })
        .await
        .unwrap();
    Family { people, id }
}

/// The evaluation, for parents only: the next review and the ones held.
async fn save_evaluation(
    parent: &Person,
    family: Uuid,
    next: i64,
    held: &[i64],
    based_on: Option<i64>,
) {
    let based_on = match based_on {
        Some(version) => version,
        None => {
            parent
                .client
                .section(Shared, family, SectionKind::Evaluation)
                .await
                .unwrap()
                .version
        }
    };
    parent
        .client
        .save_section(
            Shared,
            family,
            SectionKind::Evaluation,
            Some(based_on),
            &SaveSectionRequest {
                visibility: Some(Visibility::Parents),
                content: SectionContent::Evaluation(Evaluation {
                    next_review: Some(day(next)),
                    reviews: held
                        .iter()
                        .map(|d| Review {
                            held_on: Some(day(*d)),
                            outcome: "Goed gesprek".into(),
                        })
                        .collect(),
                }),
            },
        )
        .await
        .unwrap();
}

/// What the test expects: (person index, stored kind, local day) → count.
type Expected = BTreeMap<(usize, String, NaiveDate), usize>;

fn expected_reminders() -> Expected {
    let mut out = Expected::new();
    let mut add = |who: usize, kind: &str, on: i64| {
        *out.entry((who, kind.to_string(), day(on))).or_default() += 1;
    };
    for plan in &PLANS {
        let reminded = !(plan.taker == 4 && plan.due - 2 >= R3_UNSUBSCRIBES);
        if reminded && plan.done.is_none_or(|done| done > plan.due - 2) {
            add(plan.taker, "commitment_soon", plan.due - 2);
        }
        if reminded && plan.done.is_none_or(|done| done > plan.due + 1) {
            add(plan.taker, "commitment_lapsed", plan.due + 1);
        }
    }
    for parent in [0, 1] {
        for on in REVIEWS {
            add(parent, "review_soon", on - 7);
        }
        add(parent, "review_passed", MISSED_REVIEW + 1);
        // Relatives' deeds, found at the next step: the three takes at 09:00 in one email at
        // 09:30; the take at 09:30 waits for the hour to pass, then for quiet hours to end
        // (the next morning); every finish.
        add(parent, "activity", 0);
        add(parent, "activity", 1);
        for plan in PLANS.iter().filter(|p| p.taker >= 2) {
            add(parent, "activity", plan.done.unwrap());
        }
    }
    out
}

/// Whether `reader` has something to read in the weekly word of Monday `m` at 08:30.
fn weekly_has_news(reader: usize, m: i64) -> bool {
    let taken_before = |plan: &Plan| plan.taken_at.0 < m;
    let open = |plan: &Plan| taken_before(plan) && plan.done.is_none_or(|done| done >= m);
    let recent = |d: i64| d >= m - 7 && d < m;
    let agreements = PLANS.iter().any(|plan| {
        plan.done.is_some_and(recent)
            || (taken_before(plan) && recent(plan.taken_at.0))
            || (open(plan) && plan.due < m + 7)
    });
    let review = reader < 2 && REVIEWS.iter().any(|on| *on >= m && *on < m + 7);
    agreements || review
}

async fn act(family: &Family, apps: &[&TestApp], d: i64, hour: u32, minute: u32) {
    let at = local(day(d), hour, minute);
    step(apps, at).await;
    for plan in PLANS.iter().filter(|p| p.taken_at == (d, hour, minute)) {
        family.people[plan.taker]
            .client
            .take_agreement(
                family.id,
                plan.id,
                &TakeAgreementRequest {
                    due: Some(day(plan.due)),
                },
            )
            .await
            .unwrap();
    }
    if (hour, minute) == (9, 0) {
        for plan in PLANS.iter().filter(|p| p.done == Some(d)) {
            family.people[plan.taker]
                .client
                .finish_agreement(family.id, plan.id)
                .await
                .unwrap();
        }
    }
    if (hour, minute) == (10, 0) {
        let parent = &family.people[0];
        if let Some(index) = REVIEWS.iter().position(|on| *on == d && d != MISSED_REVIEW) {
            let held: Vec<i64> = REVIEWS[..=index]
                .iter()
                .map(|on| if *on == MISSED_REVIEW { on + 2 } else { *on })
                .collect();
            let next = REVIEWS.get(index + 1).copied().unwrap_or(d + 42);
            save_evaluation(parent, family.id, next, &held, None).await;
        }
        if d == MISSED_REVIEW + 2 {
            let index = REVIEWS.iter().position(|on| *on == MISSED_REVIEW).unwrap();
            let held: Vec<i64> = REVIEWS[..index].iter().copied().chain([d]).collect();
            save_evaluation(parent, family.id, REVIEWS[index + 1], &held, None).await;
        }
    }
}

fn is_event_day(d: i64) -> bool {
    d == 0
        || PLANS.iter().any(|p| p.done == Some(d))
        || REVIEWS.contains(&d)
        || d == MISSED_REVIEW + 2
}

/// A third instance, in its own process, claims the family at 08:30 and is killed with SIGKILL
/// while its scan waits for a table the test holds locked. Its claim stays behind, so the
/// other instances leave the family alone until the claim's lease ends (08:40); nothing the
/// killed instance had begun is committed.
async fn kill_mid_scan(first: &TestApp, apps: &[&TestApp], d: i64, smtp_url: String) {
    let at = local(day(d), 8, 30);
    let instance = ProcessInstance::start(
        env!("CARGO_BIN_EXE_onsplan-instance"),
        &first.database,
        options(Some(smtp_url)),
        local(day(d), 7, 30),
    );
    let mut lock = PgConnection::establish(&first.database.url).expect("a connection of its own");
    lock.batch_execute("BEGIN; LOCK TABLE sections IN ACCESS EXCLUSIVE MODE")
        .expect("the sections are locked");
    instance.set_clock(at);
    let lease_until = at + 10 * 60 * 1000;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let claimed = first.sql_count(&format!(
            "SELECT COUNT(*) AS n FROM reminder_scans WHERE claimed_until = {lease_until}"
        ));
        let waiting = first.sql_count(
            "SELECT COUNT(*) AS n FROM pg_stat_activity \
             WHERE wait_event_type = 'Lock' AND query LIKE '%sections%'",
        );
        if claimed == 1 && waiting >= 1 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the instance in its own process did not start its scan ({claimed} claimed, {waiting} waiting)"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    instance.kill_hard();
    drop(lock);
    set_clock(apps, at);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        first.sql_count(&format!(
            "SELECT COUNT(*) AS n FROM reminder_scans WHERE scanned_at >= {at}"
        )),
        0,
        "the killed instance's claim holds until its lease ends"
    );
    assert_eq!(
        first.sql_count(&format!(
            "SELECT COUNT(*) AS n FROM reminders_sent WHERE sent_at >= {at}"
        )),
        0,
        "nothing the killed instance began was kept"
    );
}

async fn simulate(two_instances: bool) {
    let smtp = SmtpServer::start().await;
    let first = spawn_app_with(options(Some(smtp.url()))).await;
    let joining = || AppOptions {
        database: Some(first.database.clone()),
        ..options(Some(smtp.url()))
    };
    let mut second = match two_instances {
        true => Some(spawn_app_with(joining()).await),
        false => None,
    };
    step(&[&first], local(day(0), 8, 0)).await;
    if let Some(second) = &second {
        set_clock(&[second], local(day(0), 8, 0));
    }
    let family = setup(&first).await;
    let ids: Vec<String> = family.people.iter().map(|p| p.id().to_string()).collect();
    let emails: Vec<String> = family.people.iter().map(|p| p.me.email.clone()).collect();
    let mut weekly_off_for_vader = None::<i64>;

    for d in 0..DAYS {
        if two_instances && d == LEAVE_DAY {
            // The second instance leaves and a new one joins.
            drop(second.take());
            second = Some(spawn_app_with(joining()).await);
        }
        let apps: Vec<&TestApp> = std::iter::once(&first).chain(second.iter()).collect();
        let count = "SELECT COUNT(*) AS n FROM reminders_sent WHERE email_id IS NOT NULL";
        let before = first.sql_count(count);
        step(&apps, local(day(d), 7, 30)).await;
        assert_eq!(
            first.sql_count(count),
            before,
            "nothing is queued in quiet hours (day {d})"
        );
        if two_instances && d == KILL_DAY {
            kill_mid_scan(&first, &apps, d, smtp.url()).await;
            step(&apps, local(day(d), 8, 45)).await;
        } else {
            step(&apps, local(day(d), 8, 30)).await;
        }
        if is_event_day(d) {
            act(&family, &apps, d, 9, 0).await;
            act(&family, &apps, d, 9, 30).await;
            act(&family, &apps, d, 10, 0).await;
            step(&apps, local(day(d), 10, 5)).await;
        }
        step(&apps, local(day(d), 21, 30)).await;
        // Unsubscribes, with the token of an email the person got.
        let all = queued(&first).await;
        if d == R3_UNSUBSCRIBES {
            let (_, mail) = all
                .iter()
                .find(|(kind, e)| {
                    kind == "reminder" && e.to == emails[4] && e.text.contains("Afspraak a3")
                })
                .expect("Buurvrouw had a reminder about a3");
            let done = first
                .client()
                .unsubscribe(&unsubscribe_token(mail))
                .await
                .unwrap();
            assert_eq!(done.kind, NotificationKind::Commitments);
        }
        if weekly_off_for_vader.is_none() {
            let weekly = all
                .iter()
                .find(|(kind, e)| kind == "weekly_word" && e.to == emails[1]);
            if let Some((_, mail)) = weekly {
                let done = first
                    .client()
                    .unsubscribe(&unsubscribe_token(mail))
                    .await
                    .unwrap();
                assert_eq!(done.kind, NotificationKind::WeeklyWord);
                weekly_off_for_vader = Some(d);
            }
        }
    }

    // Every reminder exactly as planned: emails (a bundle is one email with a row per entry,
    // so emails are counted by their moment), all between 08:00 and 21:00 Dutch time.
    let mut moments: BTreeMap<(usize, String, NaiveDate), Vec<i64>> = BTreeMap::new();
    for (user, kind, at) in sent_rows(&first).await {
        let who = ids.iter().position(|id| *id == user).expect("a member");
        let local_at = onsplan_shared::dutch_time::dutch_time(onsplan_server::db::to_utc(at));
        assert!(
            (8..21).contains(&local_at.hour()),
            "{kind} to {who} at {local_at}: inside quiet hours"
        );
        let list = moments
            .entry((who, kind, local_at.date_naive()))
            .or_default();
        if !list.contains(&at) {
            list.push(at);
        }
    }
    let mut got = Expected::new();
    let mut weekly = BTreeMap::new();
    for ((who, kind, on), list) in moments {
        if kind == "weekly_word" {
            weekly.insert((who, on), list.len());
        } else {
            got.insert((who, kind, on), list.len());
        }
    }
    assert_eq!(got, expected_reminders());

    // The weekly word: on Mondays, to those who read it, only with news; none for "Vader"
    // after the unsubscribe.
    let off = weekly_off_for_vader.expect("Vader got a weekly word");
    let mut want_weekly = BTreeMap::new();
    for m in (0..DAYS).step_by(7) {
        for reader in [0, 1, 2] {
            if (reader != 1 || m <= off) && weekly_has_news(reader, m) {
                want_weekly.insert((reader, day(m)), 1);
            }
        }
    }
    assert_eq!(weekly, want_weekly);

    // Nothing about the parents-only evaluation reaches a relative.
    let all = queued(&first).await;
    for (kind, mail) in &all {
        if mail.to != emails[0] && mail.to != emails[1] {
            assert!(
                !mail.text.to_lowercase().contains("evaluatie"),
                "a relative read about the parents-only review: {kind} {}",
                mail.text
            );
        }
    }

    // Each email went over SMTP once.
    let total = all.len();
    let mails = smtp
        .wait_for(total, std::time::Duration::from_secs(30))
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(smtp.received().len(), total, "each email once");
    let per_person: Vec<usize> = emails
        .iter()
        .map(|e| mails.iter().filter(|m| m.to.contains(e)).count())
        .collect();
    let mut per_kind = BTreeMap::<String, usize>::new();
    for (kind, _) in &all {
        *per_kind.entry(kind.clone()).or_default() += 1;
    }
    eprintln!(
        "simulation: {total} emails; per person (Moeder, Vader, Oma, Oom, Buurvrouw) \
         {per_person:?}; per kind {per_kind:?}"
    );
}

#[tokio::test]
async fn half_a_year_of_one_family_brings_exactly_the_planned_reminders() {
    simulate(onsplan_tests::backend() == Backend::Postgres).await;
}
