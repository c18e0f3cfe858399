//! What is due ("Wat staat er deze week?"): each member sees their own commitments and the
//! review date as far as the access policy lets them; parents also see everyone's overdue
//! commitments, grants that end soon, requests waiting and a version not everyone stands
//! behind; a relative never sees anything of a parents-only section or parents' business; a
//! long agenda is capped, sorted and counted.

use chrono::{Duration, NaiveDate, Utc};
use onsplan_shared::access_log::{AccessLogQuery, LogAction};
use onsplan_shared::agenda::{Agenda, AgendaEntry, Due, AGENDA_LIMIT};
use onsplan_shared::client::SectionScope::Shared;
use onsplan_shared::commitment::{AssignAgreementRequest, TakeAgreementRequest};
use onsplan_shared::consent::{
    CreateAccessRequest, CreateGrantRequest, GrantedSection, LinkProfessionalRequest,
};
use onsplan_shared::dutch_time::dutch_time;
use onsplan_shared::family::Role;
use onsplan_shared::section::{SaveSectionRequest, SectionKind, Visibility};
use onsplan_shared::section_content::{
    Agreement, Agreements, Assignee, Evaluation, SectionContent,
};
use onsplan_shared::version::FixVersionRequest;
use onsplan_tests::{spawn_app, Person, TestApp};
use uuid::Uuid;

/// Today in Amsterdam, as the server counts it.
pub fn today() -> NaiveDate {
    dutch_time(Utc::now()).date_naive()
}

pub fn days(n: i64) -> NaiveDate {
    today() + Duration::days(n)
}

pub fn agreement(id: &str, what: &str) -> Agreement {
    Agreement {
        id: id.into(),
        what: what.into(),
        ..Default::default()
    }
}

/// Saves the family's agreements and its evaluation (next review at `review`), both with
/// `visibility`.
pub async fn plan(
    parent: &Person,
    family: Uuid,
    visibility: Visibility,
    items: Vec<Agreement>,
    review: Option<NaiveDate>,
) {
    let contents = [
        SectionContent::Agreements(Agreements { items }),
        SectionContent::Evaluation(Evaluation {
            next_review: review,
            reviews: Vec::new(),
        }),
    ];
    for content in contents {
        let kind = content.kind();
        let request = SaveSectionRequest {
            visibility: Some(visibility),
            content,
        };
        parent
            .client
            .save_section(Shared, family, kind, Some(0), &request)
            .await
            .unwrap();
    }
}

pub async fn take(person: &Person, family: Uuid, id: &str, due: NaiveDate) {
    person
        .client
        .take_agreement(family, id, &TakeAgreementRequest { due: Some(due) })
        .await
        .unwrap();
}

/// A family with a parent and a relative.
pub async fn family(app: &TestApp) -> (Person, Person, Uuid) {
    let parent = app.register("Moeder").await;
    let relative = app.register("Oma").await;
    let family = app.family_of(&parent, "Familie De Boer").await.id;
    app.add_member(family, &relative, Role::Relative).await;
    (parent, relative, family)
}

/// The agenda's items as (kind, id-ish, due) for comparing.
fn summary(agenda: &Agenda) -> Vec<(String, String, Due)> {
    agenda
        .items
        .iter()
        .map(|item| {
            let (kind, id) = match &item.entry {
                AgendaEntry::MyCommitment { agreement_id, .. } => ("mine", agreement_id.clone()),
                AgendaEntry::AssignedToMe { agreement_id, .. } => ("named", agreement_id.clone()),
                AgendaEntry::Review => ("review", String::new()),
                AgendaEntry::OverdueCommitment { agreement_id, .. } => {
                    ("overdue", agreement_id.clone())
                }
                AgendaEntry::GrantEnding {
                    professional_name, ..
                } => ("grant", professional_name.clone()),
                AgendaEntry::AccessRequest {
                    professional_name, ..
                } => ("request", professional_name.clone()),
                AgendaEntry::VersionNotEndorsed { title, .. } => ("version", title.clone()),
            };
            (kind.to_string(), id, item.due)
        })
        .collect()
}

fn row(kind: &str, id: &str, due: Due) -> (String, String, Due) {
    (kind.to_string(), id.to_string(), due)
}

#[tokio::test]
async fn a_relative_sees_their_overdue_and_this_weeks_commitments_and_the_review() {
    let app = spawn_app().await;
    let (parent, relative, family) = family(&app).await;
    plan(
        &parent,
        family,
        Visibility::Network,
        vec![
            agreement("late", "Tom naar voetbal brengen"),
            agreement("soon", "Koken op woensdag"),
            agreement("later", "Samen naar de dierentuin"),
            agreement("done", "Fiets repareren"),
            agreement("parents", "Gesprek met school"),
        ],
        Some(days(4)),
    )
    .await;
    take(&relative, family, "late", days(-3)).await;
    take(&relative, family, "soon", days(2)).await;
    take(&relative, family, "later", days(30)).await;
    take(&relative, family, "done", days(1)).await;
    relative
        .client
        .finish_agreement(family, "done")
        .await
        .unwrap();
    take(&parent, family, "parents", days(-1)).await;

    let agenda = relative.client.agenda().await.unwrap();
    assert_eq!(
        summary(&agenda),
        [
            row("mine", "late", Due::Overdue),
            row("mine", "soon", Due::ThisWeek),
            row("review", "", Due::ThisWeek),
        ]
    );
    assert_eq!((agenda.total, agenda.overdue), (3, 1));
    assert_eq!(agenda.today, today());
    assert_eq!(agenda.week_ends, days(6));
    let first = &agenda.items[0];
    assert_eq!(first.family_id, family);
    assert_eq!(first.family_name, "Familie De Boer");
    assert_eq!(first.date, days(-3));
    match &first.entry {
        AgendaEntry::MyCommitment {
            what,
            may_done,
            assigned,
            ..
        } => {
            assert_eq!(what, "Tom naar voetbal brengen");
            assert!(*may_done && !*assigned);
        }
        other => panic!("unexpected {other:?}"),
    }

    // The relative's read of the plan through the agenda is in the family's log.
    let log = parent
        .client
        .access_log(family, &AccessLogQuery::default())
        .await
        .unwrap();
    assert!(log.iter().any(|entry| entry.action == LogAction::Read
        && entry.actor_id == Some(relative.id())
        && entry.section == Some(SectionKind::Agreements)));
}

#[tokio::test]
async fn a_parent_also_sees_overdue_commitments_grants_ending_requests_and_a_version_to_endorse() {
    let app = spawn_app().await;
    let (parent, relative, family) = family(&app).await;
    plan(
        &parent,
        family,
        Visibility::Network,
        vec![
            agreement("late", "Tom naar voetbal brengen"),
            agreement("soon", "Koken op woensdag"),
            Agreement {
                who: Assignee::Member {
                    user_id: parent.id(),
                },
                by_when: Some(days(5)),
                ..agreement("named", "Afspraak met de huisarts maken")
            },
        ],
        Some(days(-2)),
    )
    .await;
    take(&relative, family, "late", days(-3)).await;
    take(&relative, family, "soon", days(2)).await;

    let (_, org_admin) = app.organisation("Wijkteam Zuid").await;
    let pro = app.professional(&org_admin, "Jan de Vries").await;
    parent
        .client
        .link_professional(
            family,
            &LinkProfessionalRequest {
                email: pro.me.email.clone(),
            },
        )
        .await
        .unwrap();
    let grant = |until_days: i64| CreateGrantRequest {
        professional_id: pro.id(),
        sections: vec![GrantedSection::shared(SectionKind::Goals)],
        can_comment: false,
        can_export: false,
        valid_from: None,
        valid_until: Some(Utc::now() + Duration::days(until_days)),
    };
    parent
        .client
        .create_grant(family, &grant(10))
        .await
        .unwrap();
    parent
        .client
        .create_grant(family, &grant(60))
        .await
        .unwrap();
    pro.client
        .request_access(
            family,
            &CreateAccessRequest {
                sections: vec![SectionKind::Concerns],
                reason: "Voor het gesprek van volgende week".into(),
                valid_from: None,
                valid_until: None,
            },
        )
        .await
        .unwrap();
    let version = parent
        .client
        .fix_version(
            family,
            &FixVersionRequest {
                title: "Plan van december".into(),
                agreed_on: today(),
            },
        )
        .await
        .unwrap();
    parent
        .client
        .endorse_version(family, version.summary.id)
        .await
        .unwrap();

    let agenda = parent.client.agenda().await.unwrap();
    let rows = summary(&agenda);
    assert_eq!(
        rows,
        [
            row("overdue", "late", Due::Overdue),
            row("review", "", Due::Overdue),
            row("request", "Jan de Vries", Due::ThisWeek),
            row("version", "Plan van december", Due::ThisWeek),
            row("named", "named", Due::ThisWeek),
            row("grant", "Jan de Vries", Due::ThisWeek),
        ],
        "{agenda:#?}"
    );
    let overdue = &agenda.items[0].entry;
    assert!(
        matches!(overdue, AgendaEntry::OverdueCommitment { taker_name, .. } if taker_name == "Oma")
    );
    let endorsement = agenda.items.iter().find_map(|item| match item.entry {
        AgendaEntry::VersionNotEndorsed {
            endorsed, members, ..
        } => Some((endorsed, members)),
        _ => None,
    });
    assert_eq!(endorsement, Some((1, 2)));

    // Once everyone stands behind the version, it leaves the agenda.
    relative
        .client
        .endorse_version(family, version.summary.id)
        .await
        .unwrap();
    let after = parent.client.agenda().await.unwrap();
    assert!(!after
        .items
        .iter()
        .any(|item| matches!(item.entry, AgendaEntry::VersionNotEndorsed { .. })));

    // The relative sees none of the parents' business.
    let theirs = relative.client.agenda().await.unwrap();
    assert_eq!(
        summary(&theirs),
        [
            row("mine", "late", Due::Overdue),
            row("review", "", Due::Overdue),
            row("mine", "soon", Due::ThisWeek),
        ]
    );
    // A professional is no member anywhere: an empty agenda.
    assert_eq!(pro.client.agenda().await.unwrap().total, 0);
}

#[tokio::test]
async fn a_relative_never_sees_what_a_parents_only_section_holds() {
    let app = spawn_app().await;
    let (parent, relative, family) = family(&app).await;
    let named = Agreement {
        who: Assignee::Member {
            user_id: relative.id(),
        },
        by_when: Some(days(1)),
        ..agreement("named", "Geheim adres regelen")
    };
    plan(
        &parent,
        family,
        Visibility::Parents,
        vec![named, agreement("taken", "Met de schuldhulp bellen")],
        Some(days(1)),
    )
    .await;
    take(&parent, family, "taken", days(-5)).await;

    let agenda = relative.client.agenda().await.unwrap();
    assert!(agenda.items.is_empty(), "{agenda:#?}");
    assert_eq!(agenda.total, 0);

    // A commitment a parent gives them is theirs to see, as in "Mijn afspraken" — but nothing
    // else of the section.
    parent
        .client
        .assign_agreement(
            family,
            "named",
            &AssignAgreementRequest {
                member: relative.id(),
                due: Some(days(1)),
            },
        )
        .await
        .unwrap();
    let agenda = relative.client.agenda().await.unwrap();
    assert_eq!(summary(&agenda), [row("mine", "named", Due::ThisWeek)]);
    assert!(matches!(
        agenda.items[0].entry,
        AgendaEntry::MyCommitment { assigned: true, .. }
    ));
    let text = serde_json::to_string(&agenda).unwrap();
    assert!(!text.contains("schuldhulp"));
}

#[tokio::test]
async fn five_hundred_commitments_give_a_capped_sorted_answer_with_the_full_count() {
    let app = spawn_app().await;
    let (parent, relative, family) = family(&app).await;
    plan(
        &parent,
        family,
        Visibility::Network,
        vec![agreement("a", "x")],
        None,
    )
    .await;
    // More agreements than the editor allows in one list: written straight into storage.
    let items: Vec<Agreement> = (0..500)
        .map(|i| {
            let due = days(-(i % 20) + 3);
            Agreement {
                commitment: Some(onsplan_shared::commitment::Commitment {
                    taker: relative.id(),
                    due: Some(due),
                    taken_at: Utc::now(),
                    assigned_by: None,
                    done_at: None,
                }),
                ..agreement(&format!("a{i:03}"), &format!("Afspraak {i}"))
            }
        })
        .collect();
    let content = serde_json::to_string(&SectionContent::Agreements(Agreements { items })).unwrap();
    app.execute_sql(&format!(
        "UPDATE sections SET content = '{}' WHERE family_id = '{family}' AND kind = 'agreements'",
        content.replace('\'', "''")
    ))
    .await;

    let agenda = relative.client.agenda().await.unwrap();
    assert_eq!(agenda.items.len(), AGENDA_LIMIT);
    // Dues run from 3 days ahead to 16 days back, 25 agreements each: all 500 are on the
    // agenda, the 400 with a past date overdue.
    assert_eq!((agenda.total, agenda.overdue), (500, 400));
    let dates: Vec<NaiveDate> = agenda.items.iter().map(|item| item.date).collect();
    assert!(dates.windows(2).all(|pair| pair[0] <= pair[1]), "{dates:?}");
    assert_eq!(dates[0], days(-16));
    assert!(agenda.items.iter().all(|item| item.due == Due::Overdue));

    // The parent sees the overdue ones as someone else's, capped the same way.
    let theirs = parent.client.agenda().await.unwrap();
    assert_eq!((theirs.items.len(), theirs.total), (AGENDA_LIMIT, 400));
}

#[tokio::test]
async fn the_agenda_needs_a_login() {
    let app = spawn_app().await;
    let anonymous = app.client().agenda().await.unwrap_err();
    assert_eq!(anonymous.status(), Some(401));
}
