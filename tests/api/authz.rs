//! The authorization matrix in `tests/authz/matrix.toml`, executed against a real server:
//! every cell checks the status, that lists leak nothing, and the access-log row it wrote.
//! All mismatches are collected and reported together; any one fails the test.

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use diesel::prelude::*;
use onsplan_server::db::schema::access_log as log;
use onsplan_server::errors::AppError;
use onsplan_shared::access_log::AccessLogQuery;
use onsplan_shared::client::SectionScope::{Mine, Shared};
use onsplan_shared::commitment::TakeAgreementRequest;
use onsplan_shared::consent::{
    CreateAccessRequest, CreateGrantRequest, GrantedSection, LinkProfessionalRequest,
    UpdatePolicyRequest,
};
use onsplan_shared::export::PdfQuery;
use onsplan_shared::family::Role;
use onsplan_shared::invite::CreateInviteRequest;
use onsplan_shared::routes::{
    fill, FAMILY_POLICY_APPROVE, GRANTS, GRANT_REVOKE, INVITES, PRIVATE_SECTION,
};
use onsplan_shared::section::{CreateCommentRequest, SaveSectionRequest, SectionKind};
use onsplan_shared::section_content::{
    Agreement, Concerns, Goal, Goals, SafetyPlan, SectionContent, Strengths,
};
use onsplan_shared::version::FixVersionRequest;
use onsplan_shared::ApiClient;
use onsplan_tests::{spawn_app, Person, TestApp};
use reqwest::Method;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize)]
struct Matrix {
    actor: BTreeMap<String, ActorCells>,
}

#[derive(Deserialize)]
struct ActorCells {
    #[serde(default)]
    sees: Option<Vec<SectionKind>>,
    #[serde(flatten)]
    cells: BTreeMap<String, String>,
}

/// What a cell expects: a status and the attempt it logs (`reads`: one or more allowed reads).
#[derive(Debug, PartialEq, Eq)]
struct Expect {
    status: u16,
    log: Option<&'static str>,
}

fn parse_cell(cell: &str) -> Expect {
    let (status, log) = match cell.split_once('+') {
        Some((status, "allowed")) => (status, Some("allowed")),
        Some((status, "denied")) => (status, Some("denied")),
        Some((status, "reads")) => (status, Some("reads")),
        Some(_) => panic!("bad cell {cell}"),
        None => (cell, None),
    };
    Expect {
        status: status.parse().expect("a status code"),
        log,
    }
}

struct Fixture {
    app: TestApp,
    family: Uuid,
    parent_a: Person,
    spare: Person,
    /// A professional that unlink cells link afresh and unlink.
    to_unlink: Person,
    actors: BTreeMap<&'static str, ApiClient>,
    ids: BTreeMap<&'static str, Uuid>,
    /// Two versions fixed by parent A, the goals changed between them.
    versions: [Uuid; 2],
}

fn goals_grant(professional: Uuid, kind: SectionKind) -> CreateGrantRequest {
    CreateGrantRequest {
        professional_id: professional,
        sections: vec![GrantedSection::shared(kind)],
        can_comment: false,
        can_export: false,
        valid_from: None,
        valid_until: None,
    }
}

async fn fixture() -> Fixture {
    let app = spawn_app().await;
    let parent_a = app.register("Ouder A").await;
    let parent_b = app.register("Ouder B").await;
    let relative = app.register("Naaste").await;
    let pending = app.register("Genodigde").await;
    let family = app.family_of(&parent_a, "Familie A").await.id;
    app.add_member(family, &parent_b, Role::Parent).await;
    app.add_member(family, &relative, Role::Relative).await;
    parent_a
        .client
        .invite(
            family,
            &CreateInviteRequest {
                email: pending.me.email.clone(),
                role: Role::Relative,
                message: "Doe je mee?".into(),
                locale: Default::default(),
            },
        )
        .await
        .unwrap();
    let concerns = SectionContent::Concerns(Concerns {
        worries: vec!["Alleen voor ouders".into()],
    });
    parent_a.write_first(Shared, family, concerns).await;
    let private = SectionContent::Safety(SafetyPlan {
        warning_signs: vec!["Alleen voor A".into()],
        ..Default::default()
    });
    parent_a.write_first(Mine, family, private).await;
    let versions = fix_two_versions(&parent_a, family).await;

    let (_, org_admin) = app.organisation("Wijkteam").await;
    let mut pros = BTreeMap::new();
    for name in [
        "pro_active",
        "pro_expired",
        "pro_revoked",
        "pro_not_yet_valid",
        "pro_other_section",
        "pro_deactivated",
        "spare",
    ] {
        let pro = app.professional(&org_admin, name).await;
        parent_a
            .client
            .link_professional(
                family,
                &LinkProfessionalRequest {
                    email: pro.me.email.clone(),
                },
            )
            .await
            .unwrap();
        pros.insert(name, pro);
    }
    let grant = |name: &str, kind| goals_grant(pros[name].id(), kind);
    let c = &parent_a.client;
    c.create_grant(family, &grant("pro_active", SectionKind::Goals))
        .await
        .unwrap();
    c.create_grant(family, &grant("pro_other_section", SectionKind::Strengths))
        .await
        .unwrap();
    c.create_grant(family, &grant("pro_deactivated", SectionKind::Goals))
        .await
        .unwrap();
    let expired = c
        .create_grant(family, &grant("pro_expired", SectionKind::Goals))
        .await
        .unwrap();
    let past = (Utc::now() - Duration::days(1)).timestamp_millis();
    app.execute_sql(&format!(
        "UPDATE grants SET valid_from = {}, valid_until = {past} WHERE id = '{}'",
        past - 86_400_000,
        expired.id
    ))
    .await;
    let revoked = c
        .create_grant(family, &grant("pro_revoked", SectionKind::Goals))
        .await
        .unwrap();
    c.revoke_grant(family, revoked.id).await.unwrap();
    let mut later = grant("pro_not_yet_valid", SectionKind::Goals);
    later.valid_from = Some(Utc::now() + Duration::days(2));
    c.create_grant(family, &later).await.unwrap();
    org_admin
        .client
        .deactivate_professional(pros["pro_deactivated"].id())
        .await
        .unwrap();
    // A's private section, granted to the spare professional and read once: a log row only
    // parent A may see.
    c.create_grant(
        family,
        &CreateGrantRequest {
            sections: vec![GrantedSection::private(SectionKind::Safety)],
            ..goals_grant(pros["spare"].id(), SectionKind::Safety)
        },
    )
    .await
    .unwrap();
    pros["spare"]
        .client
        .private_section(family, parent_a.id(), SectionKind::Safety)
        .await
        .unwrap();

    let other_parent = app.register("Ouder X").await;
    let family_x = app.family_of(&other_parent, "Familie X").await.id;
    let pro_x = app.professional(&org_admin, "pro_other_family").await;
    let to_unlink = app.professional(&org_admin, "Te ontkoppelen").await;
    other_parent
        .client
        .link_professional(
            family_x,
            &LinkProfessionalRequest {
                email: pro_x.me.email.clone(),
            },
        )
        .await
        .unwrap();
    other_parent
        .client
        .create_grant(family_x, &goals_grant(pro_x.id(), SectionKind::Goals))
        .await
        .unwrap();

    let mut actors: BTreeMap<&'static str, ApiClient> = BTreeMap::new();
    let mut ids: BTreeMap<&'static str, Uuid> = BTreeMap::new();
    for (name, person) in [
        ("parent_a", &parent_a),
        ("parent_b", &parent_b),
        ("relative", &relative),
        ("pending_invitee", &pending),
        ("org_admin", &org_admin),
        ("pro_other_family", &pro_x),
    ] {
        actors.insert(name, person.client.clone());
        ids.insert(name, person.id());
    }
    for (name, pro) in &pros {
        actors.insert(name, pro.client.clone());
        ids.insert(name, pro.id());
    }
    actors.insert("anonymous", app.client());
    let spare = pros.remove("spare").unwrap();
    Fixture {
        app,
        family,
        parent_a,
        spare,
        to_unlink,
        actors,
        ids,
        versions,
    }
}

/// Parent A writes the goals and strengths, fixes the plan, changes the goals and fixes it
/// again: two versions to read and compare.
async fn fix_two_versions(parent_a: &Person, family: Uuid) -> [Uuid; 2] {
    let goal_id = Uuid::new_v4().to_string();
    let goals = |next_step: &str| {
        SectionContent::Goals(Goals {
            goals: vec![Goal {
                id: goal_id.clone(),
                title: "Rust in huis".into(),
                scale_now: 3,
                next_step: next_step.into(),
            }],
        })
    };
    let first_goals = parent_a
        .write_first(Shared, family, goals("Samen eten"))
        .await;
    let strengths = SectionContent::Strengths(Strengths {
        going_well: vec!["Opa helpt".into()],
        ..Default::default()
    });
    parent_a.write_first(Shared, family, strengths).await;
    let client = &parent_a.client;
    let fix = |title: &str| FixVersionRequest {
        title: title.into(),
        agreed_on: Utc::now().date_naive(),
    };
    let first = client
        .fix_version(family, &fix("Eerste plan"))
        .await
        .unwrap();
    let body = SaveSectionRequest {
        visibility: None,
        content: goals("Samen sporten"),
    };
    client
        .save_section(
            Shared,
            family,
            SectionKind::Goals,
            Some(first_goals.version),
            &body,
        )
        .await
        .unwrap();
    let second = client
        .fix_version(family, &fix("Tweede plan"))
        .await
        .unwrap();
    [first.summary.id, second.summary.id]
}

impl Fixture {
    /// Attempts in family A's log by `actor`, as (allowed, denied): refused attempts that
    /// repeat within the hour count on one row.
    async fn log_attempts(&self, actor: Option<Uuid>) -> (i64, i64) {
        let family = self.family.to_string();
        let actor = actor.map(|a| a.to_string());
        self.app
            .db
            .read(move |conn| -> Result<_, AppError> {
                let Some(actor) = actor else {
                    return Ok((0, 0));
                };
                let rows: Vec<(String, i64)> = log::table
                    .filter(log::family_id.eq(&family))
                    .filter(log::actor_id.eq(&actor))
                    .select((log::outcome, log::attempts))
                    .load(conn)?;
                let sum = |outcome: &str| {
                    rows.iter()
                        .filter(|(o, _)| o == outcome)
                        .map(|(_, n)| n)
                        .sum()
                };
                Ok((sum("allowed"), sum("denied")))
            })
            .await
            .unwrap()
    }

    async fn switch_off_waits(&self) {
        let parent_b = &self.actors["parent_b"];
        let detail = parent_b.family(self.family).await.unwrap();
        if detail.pending_policy_change.is_some() {
            return;
        }
        for on in [true, false] {
            if on && detail.policy.both_parents_must_agree {
                continue;
            }
            parent_b
                .update_policy(
                    self.family,
                    &UpdatePolicyRequest {
                        both_parents_must_agree: on,
                    },
                )
                .await
                .unwrap();
        }
    }

    /// Performs one cell's request; returns the status.
    /// A fresh grant (or invitation) for a revoke cell to revoke, or a fresh relative for a
    /// removal cell, made before the cell's log is counted.
    /// For a policy cell: a switch-off of "every parent must agree", asked by parent B, waits.
    async fn prepare(&self, cell: &str) -> Option<Uuid> {
        if cell == "policy.approve" {
            self.switch_off_waits().await;
            return None;
        }
        if cell == "policy.decline" {
            self.switch_off_waits().await;
            return None;
        }
        if cell == "invites.revoke" {
            // A fresh invitation by parent A for the cell to withdraw.
            let invite = self
                .parent_a
                .client
                .invite(
                    self.family,
                    &CreateInviteRequest {
                        email: onsplan_tests::unique_email("intrekken"),
                        role: Role::Relative,
                        message: String::new(),
                        locale: Default::default(),
                    },
                )
                .await
                .unwrap();
            return Some(invite.id);
        }
        if cell == "members.remove" {
            // A fresh relative for the cell to remove.
            let relative = self.app.register("Te verwijderen").await;
            self.app
                .add_member(self.family, &relative, Role::Relative)
                .await;
            return Some(relative.id());
        }
        if cell == "professionals.remove" {
            // The professional to unlink, linked afresh by parent A for the cell.
            let pro = &self.to_unlink;
            let link = LinkProfessionalRequest {
                email: pro.me.email.clone(),
            };
            self.parent_a
                .client
                .link_professional(self.family, &link)
                .await
                .unwrap();
            return Some(pro.id());
        }
        if cell == "agreements.take" {
            return Some(self.fresh_agreement().await);
        }
        if cell != "grants.revoke" {
            return None;
        }
        let grant = goals_grant(self.spare.id(), SectionKind::Children);
        Some(
            self.parent_a
                .client
                .create_grant(self.family, &grant)
                .await
                .unwrap()
                .id,
        )
    }

    /// A fresh open agreement of family A (network-visible) for a take cell, by parent A.
    async fn fresh_agreement(&self) -> Uuid {
        let id = Uuid::new_v4();
        let client = &self.parent_a.client;
        let current = client
            .section(Shared, self.family, SectionKind::Agreements)
            .await
            .unwrap();
        let SectionContent::Agreements(mut agreements) = current.content else {
            panic!("agreements content");
        };
        agreements.items.push(Agreement {
            id: id.to_string(),
            what: "Boodschappen doen".into(),
            ..Default::default()
        });
        let body = SaveSectionRequest {
            visibility: None,
            content: SectionContent::Agreements(agreements),
        };
        client
            .save_section(
                Shared,
                self.family,
                SectionKind::Agreements,
                Some(current.version),
                &body,
            )
            .await
            .unwrap();
        id
    }

    async fn perform(
        &self,
        actor: &str,
        client: &ApiClient,
        cell: &str,
        revoke_target: Option<Uuid>,
        sees: &Option<Vec<SectionKind>>,
        problems: &mut Vec<String>,
    ) -> u16 {
        let family = self.family;
        let owner = self.parent_a.id();
        let status_of = |r: Result<u16, onsplan_shared::ClientError>| {
            r.unwrap_or_else(|e| e.status().unwrap_or(0))
        };
        match cell {
            "network.list" => match client.sections(Shared, family).await {
                Ok(list) => {
                    let kinds: Vec<SectionKind> = list.iter().map(|s| s.kind).collect();
                    if Some(&kinds) != sees.as_ref() {
                        problems.push(format!(
                            "{actor} network.list shows {kinds:?}, expected {sees:?}"
                        ));
                    }
                    200
                }
                Err(e) => e.status().unwrap_or(0),
            },
            "network.read" => status_of(
                client
                    .section(Shared, family, SectionKind::Goals)
                    .await
                    .map(|_| 200),
            ),
            "parents.read" => status_of(
                client
                    .section(Shared, family, SectionKind::Concerns)
                    .await
                    .map(|_| 200),
            ),
            "network.write" | "parents.write" => {
                let kind = if cell == "network.write" {
                    SectionKind::Goals
                } else {
                    SectionKind::Concerns
                };
                let current = self
                    .parent_a
                    .client
                    .section(Shared, family, kind)
                    .await
                    .unwrap();
                let body = SaveSectionRequest {
                    visibility: None,
                    content: current.content,
                };
                status_of(
                    client
                        .save_section(Shared, family, kind, Some(current.version), &body)
                        .await
                        .map(|_| 200),
                )
            }
            "private.read" if actor == "parent_a" => status_of(
                client
                    .section(Mine, family, SectionKind::Safety)
                    .await
                    .map(|_| 200),
            ),
            "private.read" => status_of(
                client
                    .private_section(family, owner, SectionKind::Safety)
                    .await
                    .map(|_| 200),
            ),
            "private.write" if actor == "parent_a" => {
                let current = client
                    .section(Mine, family, SectionKind::Safety)
                    .await
                    .unwrap();
                let body = SaveSectionRequest {
                    visibility: None,
                    content: current.content,
                };
                status_of(
                    client
                        .save_section(
                            Mine,
                            family,
                            SectionKind::Safety,
                            Some(current.version),
                            &body,
                        )
                        .await
                        .map(|_| 200),
                )
            }
            "private.write" => {
                let path = fill(
                    PRIVATE_SECTION,
                    &[&family.to_string(), &owner.to_string(), "safety"],
                );
                let response = client
                    .request(Method::PUT, &path)
                    .json(&serde_json::json!({}))
                    .send()
                    .await
                    .unwrap();
                response.status().as_u16()
            }
            "grants.list" => match client.grants(family).await {
                Ok(grants) => {
                    let own = self.ids.get(actor).copied();
                    for grant in &grants {
                        let foreign_private =
                            grant.sections.iter().any(|s| s.private) && actor != "parent_a";
                        let someone_elses =
                            actor.starts_with("pro_") && Some(grant.professional.user_id) != own;
                        if foreign_private || someone_elses {
                            problems.push(format!("{actor} grants.list leaks grant {}", grant.id));
                        }
                    }
                    200
                }
                Err(e) => e.status().unwrap_or(0),
            },
            "grants.grant" => {
                let path = fill(GRANTS, &[&family.to_string()]);
                let body = goals_grant(self.spare.id(), SectionKind::Network);
                client
                    .request(Method::POST, &path)
                    .json(&body)
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }
            "grants.revoke" => {
                let target = revoke_target.expect("prepared");
                let path = fill(GRANT_REVOKE, &[&family.to_string(), &target.to_string()]);
                client
                    .request(Method::POST, &path)
                    .json(&serde_json::json!({}))
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }
            "policy.approve" => {
                let path = fill(FAMILY_POLICY_APPROVE, &[&family.to_string()]);
                client
                    .request(Method::POST, &path)
                    .json(&serde_json::json!({}))
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }
            "invites.list" => status_of(client.invites(family).await.map(|_| 200)),
            "invites.invite" => {
                let path = fill(INVITES, &[&family.to_string()]);
                let body = CreateInviteRequest {
                    email: onsplan_tests::unique_email("nieuw"),
                    role: Role::Relative,
                    message: "Doe je mee?".into(),
                    locale: Default::default(),
                };
                client
                    .request(Method::POST, &path)
                    .json(&body)
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }
            "log.read" => match client.access_log(family, &AccessLogQuery::default()).await {
                Ok(rows) => {
                    let about_a_private = rows.iter().any(|r| {
                        r.actor_id == Some(self.spare.id())
                            && r.section == Some(SectionKind::Safety)
                    });
                    if about_a_private != (actor == "parent_a") {
                        problems.push(format!("{actor} log.read: rows about A's private section shown: {about_a_private}"));
                    }
                    200
                }
                Err(e) => e.status().unwrap_or(0),
            },
            "agreements.take" => {
                let agreement = revoke_target.expect("prepared").to_string();
                let take = TakeAgreementRequest::default();
                status_of(
                    client
                        .take_agreement(family, &agreement, &take)
                        .await
                        .map(|_| 200),
                )
            }
            "commitments.list" => status_of(client.commitments(family).await.map(|_| 200)),
            "members.remove" => status_of(
                client
                    .remove_member(family, revoke_target.expect("prepared"))
                    .await
                    .map(|()| 204),
            ),
            "professionals.remove" => status_of(
                client
                    .unlink_professional(family, revoke_target.expect("prepared"))
                    .await
                    .map(|()| 204),
            ),
            "invites.revoke" => status_of(
                client
                    .revoke_invite(family, revoke_target.expect("prepared"))
                    .await
                    .map(|()| 204),
            ),
            "policy.decline" => status_of(client.decline_policy_change(family).await.map(|_| 200)),
            "requests.create" => status_of(
                client
                    .request_access(
                        family,
                        &CreateAccessRequest {
                            sections: vec![SectionKind::Children],
                            reason: "Voor het overleg".into(),
                            valid_from: None,
                            valid_until: None,
                        },
                    )
                    .await
                    .map(|_| 201),
            ),
            "family.read" => status_of(client.family(family).await.map(|_| 200)),
            "plan.read" => status_of(client.plan(family).await.map(|_| 200)),
            "network.history" => status_of(
                client
                    .revisions(Shared, family, SectionKind::Goals)
                    .await
                    .map(|_| 200),
            ),
            "parents.history" => status_of(
                client
                    .revisions(Shared, family, SectionKind::Concerns)
                    .await
                    .map(|_| 200),
            ),
            "mine.list" => status_of(client.sections(Mine, family).await.map(|_| 200)),
            "network.comments" => status_of(
                client
                    .comments(family, SectionKind::Goals)
                    .await
                    .map(|_| 200),
            ),
            "network.comment" => status_of(
                client
                    .comment(
                        family,
                        SectionKind::Goals,
                        &CreateCommentRequest {
                            text: format!("Van {actor}"),
                        },
                    )
                    .await
                    .map(|_| 201),
            ),
            "professionals.list" => status_of(client.professionals(family).await.map(|_| 200)),
            "requests.list" => status_of(client.access_requests(family).await.map(|_| 200)),
            "versions.list" => status_of(client.versions(family).await.map(|_| 200)),
            "versions.read" => match client.version(family, self.versions[0]).await {
                Ok(version) => {
                    let kinds = version.sections.iter().map(|s| s.kind);
                    check_seen(actor, cell, kinds, sees, problems);
                    200
                }
                Err(e) => e.status().unwrap_or(0),
            },
            "versions.fix" => {
                let body = FixVersionRequest {
                    title: format!("Vastgelegd door {actor}"),
                    agreed_on: Utc::now().date_naive(),
                };
                status_of(client.fix_version(family, &body).await.map(|_| 201))
            }
            "versions.endorse" => status_of(
                client
                    .endorse_version(family, self.versions[0])
                    .await
                    .map(|_| 200),
            ),
            "versions.withdraw" => status_of(
                client
                    .withdraw_endorsement(family, self.versions[0])
                    .await
                    .map(|_| 200),
            ),
            "versions.compare" => {
                let [from, to] = self.versions;
                match client.compare_versions(family, from, to).await {
                    Ok(comparison) => {
                        let kinds = comparison.sections.iter().map(|s| s.kind);
                        check_seen(actor, cell, kinds, sees, problems);
                        200
                    }
                    Err(e) => e.status().unwrap_or(0),
                }
            }
            "network.export" | "parents.export" | "versions.export" => {
                let (version, kind) = match cell {
                    "network.export" => (None, SectionKind::Goals),
                    "parents.export" => (None, SectionKind::Concerns),
                    _ => (Some(self.versions[0]), SectionKind::Goals),
                };
                let query = PdfQuery {
                    version,
                    sections: Some(vec![kind]),
                };
                status_of(client.export_pdf(family, &query).await.map(|_| 200))
            }
            other => panic!("unknown cell {other}"),
        }
    }
}

/// A version's sections (or a comparison's) shown to `actor`: each one the actor's section
/// list shows, anything more is a leak.
fn check_seen(
    actor: &str,
    cell: &str,
    kinds: impl Iterator<Item = SectionKind>,
    sees: &Option<Vec<SectionKind>>,
    problems: &mut Vec<String>,
) {
    let sees = sees.as_deref().unwrap_or_default();
    for kind in kinds {
        if !sees.contains(&kind) {
            problems.push(format!("{actor} {cell} leaks the {kind:?} section"));
        }
    }
}

#[tokio::test]
async fn the_authorization_matrix_holds_cell_by_cell() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/authz/matrix.toml")).unwrap();
    let matrix: Matrix = toml::from_str(&text).expect("matrix.toml parses");
    let f = fixture().await;
    let mut problems = Vec::new();
    let mut cells = 0;
    let mut unexpected_allows = 0;
    for (actor, spec) in &matrix.actor {
        let client = f
            .actors
            .get(actor.as_str())
            .unwrap_or_else(|| panic!("no actor {actor} in the fixture"));
        let actor_id = f.ids.get(actor.as_str()).copied();
        for (cell, expected) in &spec.cells {
            cells += 1;
            let expected = parse_cell(expected);
            let revoke_target = f.prepare(cell).await;
            let before = f.log_attempts(actor_id).await;
            let status = f
                .perform(
                    actor,
                    client,
                    cell,
                    revoke_target,
                    &spec.sees,
                    &mut problems,
                )
                .await;
            let after = f.log_attempts(actor_id).await;
            let wrote = match (after.0 - before.0, after.1 - before.1) {
                (0, 0) => None,
                (1, 0) if expected.log != Some("reads") => Some("allowed"),
                (n, 0) if n > 0 => Some("reads"),
                (0, 1) => Some("denied"),
                (allowed, denied) => {
                    problems.push(format!(
                        "{actor} {cell}: logged {allowed} allowed and {denied} denied attempts"
                    ));
                    None
                }
            };
            let got = Expect { status, log: wrote };
            if got != expected {
                if (200..300).contains(&status) && !(200..300).contains(&expected.status) {
                    unexpected_allows += 1;
                }
                problems.push(format!(
                    "{actor} {cell}: expected {expected:?}, got {got:?}"
                ));
            }
        }
    }
    println!(
        "{cells} cells checked, {} problems, {unexpected_allows} unexpected allows",
        problems.len()
    );
    assert!(cells >= 13 * 35, "the matrix lost cells: {cells}");
    assert!(
        problems.is_empty(),
        "authorization matrix mismatches:\n{}",
        problems.join("\n")
    );
}
