//! Data written by an earlier release survives: `tests/fixtures/release-data.*` holds a
//! database written by the release before the access policy (SQLite file, and a SQL dump for
//! PostgreSQL) with a family, its sections and revisions, grants, a comment and access-log rows
//! (grant-based reads and refusals among them), plus what its parent saw through the API then
//! (`release-data.*.expected.json`). The test starts today's server on a copy and reads every
//! one of them back, intact. A stored value that does not read back is an error, never a
//! guess.

use std::path::PathBuf;
use std::sync::Arc;

use onsplan_shared::access_log::{AccessLogQuery, DenialReason, LogBasis};
use onsplan_shared::client::SectionScope::{Mine, Shared};
use onsplan_shared::section::SectionKind;
use onsplan_tests::{spawn_app_with, AppOptions, Backend, TestDatabase};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

fn fixtures() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"))
}

/// What the family's first parent read through the API when the fixture was written.
#[derive(Debug, Serialize, Deserialize)]
struct Expected {
    parent_email: String,
    family: Uuid,
    plan: Value,
    my_sections: Value,
    /// Per section kind, shared then private.
    revisions: Value,
    private_revisions: Value,
    grants: Value,
    comments: Value,
    access_log: Value,
}

async fn read_all(client: &onsplan_shared::ApiClient, family: Uuid) -> Expected {
    let mut revisions = serde_json::Map::new();
    let mut private_revisions = serde_json::Map::new();
    let mut my_sections = Vec::new();
    for kind in SectionKind::ALL {
        let shared = client.revisions(Shared, family, kind).await.unwrap();
        revisions.insert(kind.to_string(), serde_json::to_value(shared).unwrap());
        let private = client.revisions(Mine, family, kind).await.unwrap();
        private_revisions.insert(kind.to_string(), serde_json::to_value(private).unwrap());
        my_sections.push(client.section(Mine, family, kind).await.unwrap());
    }
    let mut comments = serde_json::Map::new();
    for kind in SectionKind::ALL {
        // Professionals' comments carry their organisation since a later release; the
        // earlier release's comments are compared without it.
        let mut list = client.comments(family, kind).await.unwrap().comments;
        for comment in &mut list {
            comment.organisation = None;
        }
        comments.insert(kind.to_string(), serde_json::to_value(list).unwrap());
    }
    Expected {
        parent_email: String::new(),
        family,
        plan: serde_json::to_value(client.plan(family).await.unwrap()).unwrap(),
        my_sections: serde_json::to_value(my_sections).unwrap(),
        revisions: Value::Object(revisions),
        private_revisions: Value::Object(private_revisions),
        grants: serde_json::to_value(client.grants(family).await.unwrap()).unwrap(),
        comments: Value::Object(comments),
        access_log: serde_json::to_value(
            client
                .access_log(
                    family,
                    &AccessLogQuery {
                        limit: Some(500),
                        ..Default::default()
                    },
                )
                .await
                .unwrap(),
        )
        .unwrap(),
    }
}

/// Access-log rows as the earlier release sent them: basis and denial reason in their stored
/// text form.
fn as_stored(rows: &Value) -> Value {
    let mut rows = rows.clone();
    for row in rows.as_array_mut().unwrap() {
        let row = row.as_object_mut().unwrap();
        if let Some(basis) = row.get("basis") {
            let basis: LogBasis = serde_json::from_value(basis.clone()).unwrap();
            row.insert("basis".into(), Value::String(basis.text()));
        }
        if let Some(reason) = row.get("denial_reason") {
            let reason: DenialReason = serde_json::from_value(reason.clone()).unwrap();
            row.insert(
                "denial_reason".into(),
                Value::String(reason.as_str().into()),
            );
        }
    }
    rows
}

/// What the parent saw on this backend's fixture (each backend's fixture has its own ids).
fn expected_file() -> PathBuf {
    fixtures().join(match onsplan_tests::backend() {
        Backend::Sqlite => "release-data.sqlite.expected.json",
        Backend::Postgres => "release-data.pg.expected.json",
    })
}

/// A fresh database for this backend holding the fixture.
fn database_from_fixture() -> Arc<TestDatabase> {
    let database = TestDatabase::create();
    match onsplan_tests::backend() {
        Backend::Sqlite => {
            let target = database.data_dir.join("onsplan.sqlite3");
            std::fs::copy(fixtures().join("release-data.sqlite3"), &target).unwrap();
        }
        Backend::Postgres => {
            let status = std::process::Command::new("psql")
                .args([
                    "--quiet",
                    "-v",
                    "ON_ERROR_STOP=1",
                    "-d",
                    &database.url,
                    "-f",
                ])
                .arg(fixtures().join("release-data.pg.sql"))
                .stdout(std::process::Stdio::null())
                .status()
                .expect("psql runs");
            assert!(status.success(), "the dump loads");
        }
    }
    Arc::new(database)
}

#[tokio::test]
async fn a_database_written_by_the_earlier_release_reads_back_intact() {
    let text = std::fs::read_to_string(expected_file()).unwrap();
    let expected: Expected = serde_json::from_str(&text).unwrap();
    let app = spawn_app_with(AppOptions {
        database: Some(database_from_fixture()),
        ..AppOptions::default()
    })
    .await;
    let parent = app.login(&expected.parent_email).await;
    let got = read_all(&parent.client, expected.family).await;
    assert_eq!(got.plan, expected.plan, "plan");
    assert_eq!(got.my_sections, expected.my_sections, "private sections");
    assert_eq!(got.revisions, expected.revisions, "revisions");
    assert_eq!(
        got.private_revisions, expected.private_revisions,
        "private revisions"
    );
    assert_eq!(got.grants, expected.grants, "grants");
    assert_eq!(got.comments, expected.comments, "comments");
    // The parent's login above is no row of the family's log: the rows are exactly the old
    // ones. The earlier release sent basis and reason in their stored text; today's server
    // sends codes, which must be the same values.
    assert_eq!(
        as_stored(&got.access_log),
        expected.access_log,
        "access log"
    );
    assert!(
        expected
            .access_log
            .as_array()
            .unwrap()
            .iter()
            .any(|row| row["basis"]
                .as_str()
                .is_some_and(|b| b.starts_with("grant:"))),
        "the fixture has grant-based reads"
    );
}

/// Writes the fixture with this build's server (run once, on the release being replaced):
/// `cargo test -p onsplan-tests --test api -- --ignored write_the_release_fixture` on SQLite,
/// then again with `ONSPLAN_TEST_BACKEND=postgres`.
#[tokio::test]
#[ignore = "writes tests/fixtures/release-data.*; run by hand on the release being replaced"]
async fn write_the_release_fixture() {
    use onsplan_shared::consent::{CreateGrantRequest, GrantedSection, LinkProfessionalRequest};
    use onsplan_shared::family::Role;
    use onsplan_shared::section::{CreateCommentRequest, SaveSectionRequest};
    use onsplan_shared::section_content::{Concerns, Goal, Goals, SafetyPlan, SectionContent};

    let app = onsplan_tests::spawn_app().await;
    let parent = app.register("Ouder Fixture").await;
    let other_parent = app.register("Tweede Ouder").await;
    let relative = app.register("Naaste Fixture").await;
    let family = app.family_of(&parent, "Familie Fixture").await.id;
    app.add_member(family, &other_parent, Role::Parent).await;
    app.add_member(family, &relative, Role::Relative).await;
    let c = &parent.client;
    // Shared sections with history: goals (network) twice, concerns (parents) once.
    let goal = |title: &str| {
        SectionContent::Goals(Goals {
            goals: vec![Goal {
                id: "g1".into(),
                title: title.into(),
                scale_now: 3,
                next_step: "Elke week samen eten".into(),
            }],
        })
    };
    parent
        .write_first(Shared, family, goal("Rust in huis"))
        .await;
    c.save_section(
        Shared,
        family,
        SectionKind::Goals,
        Some(1),
        &SaveSectionRequest {
            visibility: None,
            content: goal("Rust in huis, ook in het weekend"),
        },
    )
    .await
    .unwrap();
    parent
        .write_first(
            Shared,
            family,
            SectionContent::Concerns(Concerns {
                worries: vec!["Alleen voor ouders".into()],
            }),
        )
        .await;
    parent
        .write_first(
            Mine,
            family,
            SectionContent::Safety(SafetyPlan {
                warning_signs: vec!["Alleen voor mij".into()],
                ..Default::default()
            }),
        )
        .await;

    let (_, org_admin) = app.organisation("Wijkteam Fixture").await;
    let pro = app.professional(&org_admin, "Hulpverlener Fixture").await;
    let gone = app.professional(&org_admin, "Oud-hulpverlener").await;
    for p in [&pro, &gone] {
        c.link_professional(
            family,
            &LinkProfessionalRequest {
                email: p.me.email.clone(),
            },
        )
        .await
        .unwrap();
    }
    let grant = |who: Uuid, sections: Vec<GrantedSection>, can_comment| CreateGrantRequest {
        professional_id: who,
        sections,
        can_comment,
        can_export: false,
        valid_from: None,
        valid_until: None,
    };
    c.create_grant(
        family,
        &grant(
            pro.id(),
            vec![GrantedSection::shared(SectionKind::Goals)],
            true,
        ),
    )
    .await
    .unwrap();
    c.create_grant(
        family,
        &grant(
            pro.id(),
            vec![GrantedSection::private(SectionKind::Safety)],
            false,
        ),
    )
    .await
    .unwrap();
    let revoked = c
        .create_grant(
            family,
            &grant(
                gone.id(),
                vec![GrantedSection::shared(SectionKind::Goals)],
                false,
            ),
        )
        .await
        .unwrap();
    c.revoke_grant(family, revoked.id).await.unwrap();

    // Reads and refusals, in the log with their basis and reason.
    let p = &pro.client;
    p.section(Shared, family, SectionKind::Goals).await.unwrap();
    p.plan(family).await.unwrap();
    p.private_section(family, parent.id(), SectionKind::Safety)
        .await
        .unwrap();
    p.comment(
        family,
        SectionKind::Goals,
        &CreateCommentRequest {
            text: "Mooi doel".into(),
        },
    )
    .await
    .unwrap();
    assert!(p
        .section(Shared, family, SectionKind::Concerns)
        .await
        .is_err());
    assert!(gone
        .client
        .section(Shared, family, SectionKind::Goals)
        .await
        .is_err());
    let r = &relative.client;
    r.section(Shared, family, SectionKind::Goals).await.unwrap();
    r.revisions(Shared, family, SectionKind::Goals)
        .await
        .unwrap();
    assert!(r
        .section(Shared, family, SectionKind::Concerns)
        .await
        .is_err());
    assert!(r
        .save_section(
            Shared,
            family,
            SectionKind::Goals,
            Some(2),
            &SaveSectionRequest {
                visibility: None,
                content: goal("Van de naaste"),
            },
        )
        .await
        .is_err());

    let mut expected = read_all(c, family).await;
    expected.parent_email = parent.me.email.clone();
    let log_rows = expected.access_log.as_array().unwrap().len();
    assert!(log_rows >= 10, "{log_rows} log rows");
    std::fs::create_dir_all(fixtures()).unwrap();
    match onsplan_tests::backend() {
        Backend::Sqlite => {
            let from = onsplan_server::db::backup::sqlite_path(
                &onsplan_server::db::DatabaseUrl::parse(&app.database.url),
            )
            .unwrap();
            let to = fixtures().join("release-data.sqlite3");
            let _ = std::fs::remove_file(&to);
            onsplan_server::db::backup::backup(&from, &to).unwrap();
        }
        Backend::Postgres => {
            let to = fixtures().join("release-data.pg.sql");
            let status = std::process::Command::new("pg_dump")
                .args([
                    "--no-owner",
                    "--no-privileges",
                    "-d",
                    &app.database.url,
                    "-f",
                ])
                .arg(&to)
                .status()
                .expect("pg_dump runs");
            assert!(status.success(), "pg_dump");
        }
    }
    std::fs::write(
        expected_file(),
        serde_json::to_string_pretty(&expected).unwrap() + "\n",
    )
    .unwrap();
}

#[tokio::test]
async fn a_stored_basis_that_does_not_read_back_is_an_error_never_a_guess() {
    let app = onsplan_tests::spawn_app().await;
    let parent = app.register("Ouder").await;
    let family = app.family_of(&parent, "Familie Kapot").await.id;
    let insert = |basis: &str| {
        format!(
            "INSERT INTO access_log (id, occurred_at, actor_role, family_id, action, outcome, \
             basis, attempts) VALUES ('{}', 1, 'relative', '{family}', 'read', 'allowed', \
             '{basis}', 1)",
            Uuid::new_v4()
        )
    };
    app.execute_sql(&insert("role:relative")).await;
    let read = parent
        .client
        .access_log(family, &AccessLogQuery::default())
        .await
        .unwrap();
    assert_eq!(read[0].basis, Some(LogBasis::Relative));
    app.execute_sql(&insert("grant:nope")).await;
    let err = parent
        .client
        .access_log(family, &AccessLogQuery::default())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
}
