//! Consent end to end: professionals see exactly what the family shares, for as long as it
//! shares it, and the family's access log shows every look and every refusal.

use chrono::{Duration, Utc};
use onsplan_shared::access_log::{
    AccessLogQuery, ActorRole, DenialReason, LogAction, LogBasis, LogOutcome,
};
use onsplan_shared::client::SectionScope::{Mine, Shared};
use onsplan_shared::consent::{
    AccessRequestStatus, ApproveAccessRequest, CreateAccessRequest, CreateGrantRequest,
    DeclineAccessRequest, GrantStatus, GrantedSection, LinkProfessionalRequest,
    UpdatePolicyRequest,
};
use onsplan_shared::family::Role;
use onsplan_shared::section::{SaveSectionRequest, SectionKind};
use onsplan_shared::section_content::{
    Concerns, Goal, Goals, SafePlace, SafetyPlan, SectionContent,
};
use onsplan_shared::ErrorCode;
use onsplan_tests::{spawn_app, Person, TestApp};
use uuid::Uuid;

/// A family with two parents, a relative, a filled-in plan, and a linked professional.
struct World {
    app: TestApp,
    family: Uuid,
    mother: Person,
    father: Person,
    relative: Person,
    org_admin: Person,
    pro: Person,
}

async fn world() -> World {
    let app = spawn_app().await;
    let mother = app.register("Mama").await;
    let father = app.register("Papa").await;
    let relative = app.register("Oma").await;
    let family = app.family_of(&mother, "Familie Bakker").await.id;
    app.add_member(family, &father, Role::Parent).await;
    app.add_member(family, &relative, Role::Relative).await;
    let goals = SectionContent::Goals(Goals {
        goals: vec![Goal {
            id: "g1".into(),
            title: "Rust in huis".into(),
            scale_now: 4,
            next_step: String::new(),
        }],
    });
    let concerns = SectionContent::Concerns(Concerns {
        worries: vec!["Schulden".into()],
    });
    for content in [goals, concerns] {
        mother.write_first(Shared, family, content).await;
    }
    let (_, org_admin) = app.organisation("Jeugdbescherming Noord").await;
    let pro = app.professional(&org_admin, "Jan de Vries").await;
    mother
        .client
        .link_professional(
            family,
            &LinkProfessionalRequest {
                email: pro.me.email.clone(),
            },
        )
        .await
        .unwrap();
    World {
        app,
        family,
        mother,
        father,
        relative,
        org_admin,
        pro,
    }
}

fn grant_of(pro: &Person, kinds: &[SectionKind]) -> CreateGrantRequest {
    CreateGrantRequest {
        professional_id: pro.id(),
        sections: kinds.iter().copied().map(GrantedSection::shared).collect(),
        can_comment: false,
        can_export: false,
        valid_from: None,
        valid_until: None,
    }
}

async fn status_of_read(pro: &Person, family: Uuid, kind: SectionKind) -> u16 {
    pro.client
        .section(Shared, family, kind)
        .await
        .map_or_else(|e| e.status().unwrap(), |_| 200)
}

#[tokio::test]
async fn linking_a_professional_shows_them_to_the_family_and_grants_nothing() {
    let w = world().await;
    let linked = w.mother.client.professionals(w.family).await.unwrap();
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0].name, "Jan de Vries");
    assert_eq!(linked[0].organisation, "Jeugdbescherming Noord");
    assert!(linked[0].verified && linked[0].active);

    for kind in SectionKind::ALL {
        assert_eq!(status_of_read(&w.pro, w.family, kind).await, 404, "{kind}");
    }
    assert!(w
        .pro
        .client
        .sections(Shared, w.family)
        .await
        .unwrap()
        .is_empty());
    let families = w.pro.client.professional_families().await.unwrap();
    assert_eq!(families.len(), 1);
    assert_eq!(families[0].family_name, "Familie Bakker");
    assert!(families[0].grants.is_empty());
    // The family's detail (members) is not theirs to see.
    assert_eq!(
        w.pro.client.family(w.family).await.unwrap_err().status(),
        Some(404)
    );
}

#[tokio::test]
async fn a_professional_sees_exactly_the_granted_sections_until_a_parent_revokes() {
    let w = world().await;
    let grant = w
        .mother
        .client
        .create_grant(
            w.family,
            &grant_of(&w.pro, &[SectionKind::Goals, SectionKind::Safety]),
        )
        .await
        .unwrap();
    assert_eq!(grant.status, GrantStatus::Active);
    let months = (grant.valid_until - grant.valid_from).num_days();
    assert!(
        (89..=92).contains(&months),
        "default is three months, got {months} days"
    );

    let listed: Vec<SectionKind> = w
        .pro
        .client
        .sections(Shared, w.family)
        .await
        .unwrap()
        .iter()
        .map(|s| s.kind)
        .collect();
    assert_eq!(listed, vec![SectionKind::Goals, SectionKind::Safety]);
    let goals = w
        .pro
        .client
        .section(Shared, w.family, SectionKind::Goals)
        .await
        .unwrap();
    assert_eq!(goals.version, 1);
    assert_eq!(
        status_of_read(&w.pro, w.family, SectionKind::Concerns).await,
        404
    );
    // Professionals never write, and see no history.
    let write = w
        .pro
        .client
        .save_section(
            Shared,
            w.family,
            SectionKind::Goals,
            Some(1),
            &SaveSectionRequest {
                visibility: None,
                content: goals.content.clone(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(write.status(), Some(404));
    assert_eq!(
        w.pro
            .client
            .revisions(Shared, w.family, SectionKind::Goals)
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );

    // The other parent revokes alone; the very next request is refused.
    let revoked = w
        .father
        .client
        .revoke_grant(w.family, grant.id)
        .await
        .unwrap();
    assert_eq!(revoked.status, GrantStatus::Revoked);
    assert_eq!(
        status_of_read(&w.pro, w.family, SectionKind::Goals).await,
        404
    );
    assert!(w
        .pro
        .client
        .sections(Shared, w.family)
        .await
        .unwrap()
        .is_empty());

    let log = w
        .mother
        .client
        .access_log(w.family, &AccessLogQuery::default())
        .await
        .unwrap();
    let pro_rows: Vec<_> = log
        .iter()
        .filter(|r| r.actor_id == Some(w.pro.id()))
        .collect();
    let read_ok = pro_rows
        .iter()
        .find(|r| r.action == LogAction::Read && r.outcome == LogOutcome::Allowed)
        .expect("the allowed read is logged");
    assert_eq!(read_ok.section, Some(SectionKind::Goals));
    assert_eq!(read_ok.section_version, Some(1));
    assert_eq!(read_ok.basis, Some(LogBasis::Grant { grant_id: grant.id }));
    assert_eq!(
        read_ok.organisation.as_deref(),
        Some("Jeugdbescherming Noord")
    );
    assert_eq!(read_ok.actor_role, ActorRole::Professional);
    let after_revoke = pro_rows
        .iter()
        .find(|r| {
            r.outcome == LogOutcome::Denied && r.denial_reason == Some(DenialReason::GrantRevoked)
        })
        .expect("the denied read after the revoke is logged");
    assert_eq!(after_revoke.section, Some(SectionKind::Goals));
    assert!(pro_rows
        .iter()
        .any(|r| r.action == LogAction::Write && r.outcome == LogOutcome::Denied));
    assert!(log
        .iter()
        .any(|r| r.action == LogAction::RevokeGrant && r.actor_id == Some(w.father.id())));
    assert!(log
        .iter()
        .any(|r| r.action == LogAction::Grant && r.actor_id == Some(w.mother.id())));
    assert!(log.iter().any(|r| r.action == LogAction::LinkProfessional));
    // Newest first.
    assert!(log
        .windows(2)
        .all(|pair| pair[0].occurred_at >= pair[1].occurred_at));
}

#[tokio::test]
async fn an_expired_grant_denies_at_the_moment_of_access() {
    let w = world().await;
    let grant = w
        .mother
        .client
        .create_grant(w.family, &grant_of(&w.pro, &[SectionKind::Goals]))
        .await
        .unwrap();
    assert_eq!(
        status_of_read(&w.pro, w.family, SectionKind::Goals).await,
        200
    );
    let past = (Utc::now() - Duration::seconds(1)).timestamp_millis();
    w.app
        .execute_sql(&format!(
            "UPDATE grants SET valid_from = {}, valid_until = {past} WHERE id = '{}'",
            past - 60_000,
            grant.id
        ))
        .await;
    assert_eq!(
        status_of_read(&w.pro, w.family, SectionKind::Goals).await,
        404
    );
    let grants = w.pro.client.grants(w.family).await.unwrap();
    assert_eq!(grants[0].status, GrantStatus::Expired);
    let denied = w
        .mother
        .client
        .access_log(
            w.family,
            &AccessLogQuery {
                actor: Some(w.pro.id()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(denied[0].denial_reason, Some(DenialReason::GrantExpired));
}

#[tokio::test]
async fn a_grant_that_starts_later_is_scheduled_and_denies_until_then() {
    let w = world().await;
    let mut request = grant_of(&w.pro, &[SectionKind::Goals]);
    request.valid_from = Some(Utc::now() + Duration::days(2));
    let grant = w
        .mother
        .client
        .create_grant(w.family, &request)
        .await
        .unwrap();
    assert_eq!(grant.status, GrantStatus::Scheduled);
    assert_eq!(
        status_of_read(&w.pro, w.family, SectionKind::Goals).await,
        404
    );
}

#[tokio::test]
async fn grants_longer_than_twelve_months_or_to_unlinked_professionals_are_refused() {
    let w = world().await;
    let mut too_long = grant_of(&w.pro, &[SectionKind::Goals]);
    too_long.valid_until = Some(Utc::now() + Duration::days(400));
    let err = w
        .mother
        .client
        .create_grant(w.family, &too_long)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(422));
    let stranger = w.app.professional(&w.org_admin, "Niet Gekoppeld").await;
    let err = w
        .mother
        .client
        .create_grant(w.family, &grant_of(&stranger, &[SectionKind::Goals]))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(422));
    assert_eq!(
        status_of_read(&stranger, w.family, SectionKind::Goals).await,
        404
    );
}

#[tokio::test]
async fn with_both_parents_must_agree_a_grant_waits_for_the_other_parent() {
    let w = world().await;
    w.mother
        .client
        .update_policy(
            w.family,
            &UpdatePolicyRequest {
                both_parents_must_agree: true,
            },
        )
        .await
        .unwrap();
    let grant = w
        .mother
        .client
        .create_grant(w.family, &grant_of(&w.pro, &[SectionKind::Goals]))
        .await
        .unwrap();
    assert_eq!(grant.status, GrantStatus::Pending);
    assert_eq!(
        status_of_read(&w.pro, w.family, SectionKind::Goals).await,
        404
    );

    let approved = w
        .father
        .client
        .approve_grant(w.family, grant.id)
        .await
        .unwrap();
    assert_eq!(approved.status, GrantStatus::Active);
    assert_eq!(approved.approved_by.len(), 2);
    assert_eq!(
        status_of_read(&w.pro, w.family, SectionKind::Goals).await,
        200
    );
}

#[tokio::test]
async fn the_last_two_parents_approving_at_the_same_moment_always_activate_the_grant() {
    let w = world().await;
    let third = w.app.register("Stiefmoeder").await;
    w.app.add_member(w.family, &third, Role::Parent).await;
    w.mother
        .client
        .update_policy(
            w.family,
            &UpdatePolicyRequest {
                both_parents_must_agree: true,
            },
        )
        .await
        .unwrap();
    for round in 0..50 {
        let grant = w
            .mother
            .client
            .create_grant(w.family, &grant_of(&w.pro, &[SectionKind::Goals]))
            .await
            .unwrap();
        assert_eq!(grant.status, GrantStatus::Pending);
        let (by_father, by_third) = tokio::join!(
            w.father.client.approve_grant(w.family, grant.id),
            third.client.approve_grant(w.family, grant.id),
        );
        by_father.unwrap();
        by_third.unwrap();
        let now = w
            .mother
            .client
            .grants(w.family)
            .await
            .unwrap()
            .into_iter()
            .find(|g| g.id == grant.id)
            .unwrap();
        assert_eq!(now.approved_by.len(), 3, "round {round}");
        assert_eq!(now.status, GrantStatus::Active, "round {round}");
    }
}

#[tokio::test]
async fn only_its_author_can_grant_a_private_section_and_the_other_parent_never_learns_of_it() {
    let w = world().await;
    let flee = SectionContent::Safety(SafetyPlan {
        safe_places: vec![SafePlace {
            name: "Opvang".into(),
            address: "Geheim 1".into(),
            note: String::new(),
        }],
        ..Default::default()
    });
    w.mother.write_first(Mine, w.family, flee.clone()).await;
    let private = CreateGrantRequest {
        sections: vec![GrantedSection::private(SectionKind::Safety)],
        ..grant_of(&w.pro, &[])
    };
    let grant = w
        .mother
        .client
        .create_grant(w.family, &private)
        .await
        .unwrap();
    assert_eq!(grant.status, GrantStatus::Active);

    let read = w
        .pro
        .client
        .private_section(w.family, w.mother.id(), SectionKind::Safety)
        .await
        .unwrap();
    assert_eq!(read.content, flee);
    // Not through the shared plan, and not the father's own.
    assert_eq!(
        status_of_read(&w.pro, w.family, SectionKind::Safety).await,
        404
    );
    let fathers = w
        .pro
        .client
        .private_section(w.family, w.father.id(), SectionKind::Safety)
        .await
        .unwrap_err();
    assert_eq!(fathers.status(), Some(404));

    // The father: no such grant, cannot revoke it, cannot read through the professional path,
    // and his log holds no row about it.
    assert!(w.father.client.grants(w.family).await.unwrap().is_empty());
    assert_eq!(
        w.father
            .client
            .revoke_grant(w.family, grant.id)
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
    let peek = w
        .father
        .client
        .private_section(w.family, w.mother.id(), SectionKind::Safety)
        .await
        .unwrap_err();
    assert_eq!(peek.status(), Some(404));
    let about_private = |r: &onsplan_shared::access_log::AccessLogEntry| {
        (r.action == LogAction::Grant && r.actor_id == Some(w.mother.id()))
            || (r.action == LogAction::Read
                && r.outcome == LogOutcome::Allowed
                && r.section == Some(SectionKind::Safety))
    };
    let father_log = w
        .father
        .client
        .access_log(w.family, &AccessLogQuery::default())
        .await
        .unwrap();
    assert!(!father_log.iter().any(about_private), "{father_log:?}");
    let mother_log = w
        .mother
        .client
        .access_log(w.family, &AccessLogQuery::default())
        .await
        .unwrap();
    assert_eq!(mother_log.iter().filter(|r| about_private(r)).count(), 2);

    // The father cannot grant the mother's private section: his own is empty and his.
    let his = w
        .father
        .client
        .create_grant(w.family, &private)
        .await
        .unwrap();
    let via_his = w
        .pro
        .client
        .private_section(w.family, w.father.id(), SectionKind::Safety)
        .await
        .unwrap();
    assert_eq!(via_his.version, 0);
    assert_ne!(his.id, grant.id);

    // Mixing private and shared sections in one grant is refused.
    let mixed = CreateGrantRequest {
        sections: vec![
            GrantedSection::private(SectionKind::Safety),
            GrantedSection::shared(SectionKind::Goals),
        ],
        ..grant_of(&w.pro, &[])
    };
    assert_eq!(
        w.mother
            .client
            .create_grant(w.family, &mixed)
            .await
            .unwrap_err()
            .status(),
        Some(422)
    );
}

/// Fires `n` access requests by `pro` at once; returns how many were accepted, and fails on
/// any refusal other than "too many open requests".
async fn ask_many(pro: &Person, family: Uuid, n: usize) -> usize {
    let asks = (0..n).map(|i| {
        let client = pro.client.clone();
        async move {
            client
                .request_access(
                    family,
                    &CreateAccessRequest {
                        sections: vec![SectionKind::Goals],
                        reason: format!("Vraag {i}"),
                        valid_from: None,
                        valid_until: None,
                    },
                )
                .await
        }
    });
    let mut accepted = 0;
    for outcome in futures_util::future::join_all(asks).await {
        match outcome {
            Ok(_) => accepted += 1,
            Err(err) => {
                assert_eq!(err.status(), Some(409));
                assert_eq!(err.code(), Some(ErrorCode::TooManyOpenRequests));
            }
        }
    }
    accepted
}

#[tokio::test]
async fn a_flood_of_access_requests_is_bounded_in_requests_and_in_emails() {
    let w = world().await;
    let request_mails = "SELECT COUNT(*) AS n FROM email_outbox WHERE kind = 'access_request'";
    assert_eq!(ask_many(&w.pro, w.family, 25).await, 3);
    // Three open requests, each emailed to both parents.
    assert_eq!(w.app.sql_count(request_mails), 6);

    let second = w.app.professional(&w.org_admin, "Karin Smit").await;
    w.mother
        .client
        .link_professional(
            w.family,
            &LinkProfessionalRequest {
                email: second.me.email.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(ask_many(&second, w.family, 25).await, 3);
    // Six requests in the app, but each parent got at most four emails this hour.
    assert_eq!(
        w.mother
            .client
            .access_requests(w.family)
            .await
            .unwrap()
            .len(),
        6
    );
    assert_eq!(w.app.sql_count(request_mails), 8);

    // An answered request makes room for a new one.
    let open = w.pro.client.access_requests(w.family).await.unwrap();
    w.mother
        .client
        .decline_access_request(
            w.family,
            open[0].id,
            &DeclineAccessRequest {
                reason: "Nu niet".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(ask_many(&w.pro, w.family, 2).await, 1);
    assert_eq!(w.app.sql_count(request_mails), 8);
}

#[tokio::test]
async fn a_parent_approves_a_narrower_access_request_and_the_professional_sees_only_that() {
    let w = world().await;
    let asked = w
        .pro
        .client
        .request_access(
            w.family,
            &CreateAccessRequest {
                sections: vec![
                    SectionKind::Goals,
                    SectionKind::Concerns,
                    SectionKind::Safety,
                ],
                reason: "Voor het gesprek op school".into(),
                valid_from: None,
                valid_until: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(asked.status, AccessRequestStatus::Pending);
    let seen = w.mother.client.access_requests(w.family).await.unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].reason, "Voor het gesprek op school");
    assert_eq!(seen[0].organisation, "Jeugdbescherming Noord");

    let widen = w
        .mother
        .client
        .approve_access_request(
            w.family,
            asked.id,
            &ApproveAccessRequest {
                sections: Some(vec![SectionKind::Network]),
                valid_until: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(widen.status(), Some(422));
    let approved = w
        .mother
        .client
        .approve_access_request(
            w.family,
            asked.id,
            &ApproveAccessRequest {
                sections: Some(vec![SectionKind::Goals]),
                valid_until: Some(Utc::now() + Duration::days(30)),
            },
        )
        .await
        .unwrap();
    assert_eq!(approved.status, AccessRequestStatus::Approved);
    assert!(approved.grant_id.is_some());
    let listed: Vec<SectionKind> = w
        .pro
        .client
        .sections(Shared, w.family)
        .await
        .unwrap()
        .iter()
        .map(|s| s.kind)
        .collect();
    assert_eq!(listed, vec![SectionKind::Goals]);
    assert_eq!(
        status_of_read(&w.pro, w.family, SectionKind::Concerns).await,
        404
    );

    let again = w
        .father
        .client
        .decline_access_request(
            w.family,
            asked.id,
            &DeclineAccessRequest {
                reason: "nee".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(again.code(), Some(ErrorCode::Conflict));
    let mine = w.pro.client.professional_families().await.unwrap();
    assert_eq!(mine[0].requests[0].status, AccessRequestStatus::Approved);
    assert_eq!(mine[0].grants[0].status, GrantStatus::Active);
}

#[tokio::test]
async fn a_declined_request_gives_nothing_and_says_why() {
    let w = world().await;
    let asked = w
        .pro
        .client
        .request_access(
            w.family,
            &CreateAccessRequest {
                sections: vec![SectionKind::Concerns],
                reason: "Zorgen bespreken".into(),
                valid_from: None,
                valid_until: None,
            },
        )
        .await
        .unwrap();
    let declined = w
        .father
        .client
        .decline_access_request(
            w.family,
            asked.id,
            &DeclineAccessRequest {
                reason: "Liever eerst praten".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(declined.status, AccessRequestStatus::Declined);
    assert_eq!(
        declined.decline_reason.as_deref(),
        Some("Liever eerst praten")
    );
    assert_eq!(
        status_of_read(&w.pro, w.family, SectionKind::Concerns).await,
        404
    );
}

#[tokio::test]
async fn a_deactivated_professional_loses_all_access_at_once() {
    let w = world().await;
    w.mother
        .client
        .create_grant(w.family, &grant_of(&w.pro, &[SectionKind::Goals]))
        .await
        .unwrap();
    assert_eq!(
        status_of_read(&w.pro, w.family, SectionKind::Goals).await,
        200
    );
    w.org_admin
        .client
        .deactivate_professional(w.pro.id())
        .await
        .unwrap();
    assert_eq!(
        status_of_read(&w.pro, w.family, SectionKind::Goals).await,
        401
    );
    let refresh = w
        .app
        .client()
        .refresh(&onsplan_shared::auth::RefreshRequest {
            refresh_token: w.pro.session.refresh_token.clone(),
            token_delivery: onsplan_shared::auth::TokenDelivery::Body,
        })
        .await
        .unwrap_err();
    assert_eq!(refresh.status(), Some(401));
    let linked = w.mother.client.professionals(w.family).await.unwrap();
    assert!(!linked[0].active);
}

#[tokio::test]
async fn org_admins_manage_only_their_own_professionals_and_see_no_family_data() {
    let w = world().await;
    let listed = w.org_admin.client.org_professionals().await.unwrap();
    assert_eq!(
        listed.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        vec!["Jan de Vries"]
    );
    let (_, other_admin) = w.app.organisation("Wijkteam Zuid").await;
    assert_eq!(
        other_admin
            .client
            .deactivate_professional(w.pro.id())
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
    assert!(other_admin
        .client
        .org_professionals()
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        w.org_admin
            .client
            .section(Shared, w.family, SectionKind::Goals)
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
    assert_eq!(
        w.org_admin
            .client
            .access_log(w.family, &AccessLogQuery::default())
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
    // Parents cannot use the org admin's tools, professionals cannot make families.
    assert_eq!(
        w.mother
            .client
            .org_professionals()
            .await
            .unwrap_err()
            .status(),
        Some(403)
    );
    let family = w
        .pro
        .client
        .create_family(&onsplan_shared::family::CreateFamilyRequest { name: "X".into() })
        .await;
    assert_eq!(family.unwrap_err().status(), Some(403));
}

#[tokio::test]
async fn a_new_professional_gets_a_one_time_set_your_password_email() {
    let w = world().await;
    let email = onsplan_tests::unique_email("nieuw");
    let created = w
        .org_admin
        .client
        .create_professional(&onsplan_shared::consent::CreateProfessionalRequest {
            email: email.clone(),
            name: "Nieuw".into(),
        })
        .await
        .unwrap();
    assert_eq!(created.email, email);
    // The link goes to the professional by email, never to the admin.
    let mail = w.app.file_email_to(&email).await;
    assert_eq!(mail.subject, "Je account voor Ons Plan staat klaar");
    assert!(mail.body("text/plain").contains("Jeugdbescherming Noord"));
    let token = mail.token_after(onsplan_shared::routes::APP_ACTIVATION_PAGE);
    let link = format!("{}/account-activeren#{token}", onsplan_tests::PUBLIC_URL);
    // Before activation no password works.
    let early = w
        .app
        .client()
        .login(&onsplan_shared::auth::LoginRequest {
            email: email.clone(),
            password: onsplan_tests::PASSWORD.into(),
            token_delivery: Default::default(),
        })
        .await
        .unwrap_err();
    assert_eq!(early.status(), Some(401));
    let person = w.app.activate(&link, &email).await;
    assert_eq!(
        person.me.kind,
        onsplan_shared::auth::AccountKind::Professional
    );
    assert_eq!(
        person.me.organisation.as_deref(),
        Some("Jeugdbescherming Noord")
    );
    let reuse = w
        .app
        .client()
        .activate_account(&onsplan_shared::auth::ActivateAccountRequest {
            token: token.clone(),
            password: "een ander lang wachtwoord".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(reuse.status(), Some(422));
}

#[tokio::test]
async fn relatives_reads_and_refusals_are_logged_and_relatives_see_no_consent_or_log() {
    let w = world().await;
    w.relative
        .client
        .section(Shared, w.family, SectionKind::Goals)
        .await
        .unwrap();
    let hidden = w
        .relative
        .client
        .section(Shared, w.family, SectionKind::Concerns)
        .await
        .unwrap_err();
    assert_eq!(hidden.status(), Some(404));
    let log = w
        .mother
        .client
        .access_log(
            w.family,
            &AccessLogQuery {
                actor: Some(w.relative.id()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let outcomes: Vec<_> = log.iter().map(|r| (r.section, r.outcome)).collect();
    assert_eq!(
        outcomes,
        vec![
            (Some(SectionKind::Concerns), LogOutcome::Denied),
            (Some(SectionKind::Goals), LogOutcome::Allowed)
        ]
    );
    assert_eq!(log[1].basis, Some(LogBasis::Relative));
    for status in [
        w.relative
            .client
            .grants(w.family)
            .await
            .unwrap_err()
            .status(),
        w.relative
            .client
            .access_log(w.family, &AccessLogQuery::default())
            .await
            .unwrap_err()
            .status(),
        w.relative
            .client
            .access_requests(w.family)
            .await
            .unwrap_err()
            .status(),
        w.relative
            .client
            .professionals(w.family)
            .await
            .unwrap_err()
            .status(),
    ] {
        assert_eq!(status, Some(403));
    }
}

#[tokio::test]
async fn the_access_log_filters_by_person_section_and_period() {
    let w = world().await;
    w.mother
        .client
        .create_grant(w.family, &grant_of(&w.pro, &[SectionKind::Goals]))
        .await
        .unwrap();
    w.pro
        .client
        .section(Shared, w.family, SectionKind::Goals)
        .await
        .unwrap();
    w.relative
        .client
        .section(Shared, w.family, SectionKind::Goals)
        .await
        .unwrap();
    let by_section = w
        .mother
        .client
        .access_log(
            w.family,
            &AccessLogQuery {
                section: Some(SectionKind::Goals),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(by_section.len(), 2);
    let by_person = w
        .mother
        .client
        .access_log(
            w.family,
            &AccessLogQuery {
                actor: Some(w.pro.id()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(by_person.iter().all(|r| r.actor_id == Some(w.pro.id())));
    assert_eq!(by_person.len(), 1);
    let future = w
        .mother
        .client
        .access_log(
            w.family,
            &AccessLogQuery {
                from: Some(Utc::now() + Duration::hours(1)),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(future.is_empty());
    let past = w
        .mother
        .client
        .access_log(
            w.family,
            &AccessLogQuery {
                until: Some(Utc::now() - Duration::hours(1)),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(past.is_empty());
    // A date field allows days after the year 9999; its `+` sign must survive the query string.
    let far_future = w
        .mother
        .client
        .access_log(
            w.family,
            &AccessLogQuery {
                until: Some("+10000-01-01T00:00:00Z".parse().unwrap()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(!far_future.is_empty());
}

#[tokio::test]
async fn a_read_whose_log_row_cannot_be_written_fails_and_shows_nothing() {
    let w = world().await;
    w.mother
        .client
        .create_grant(w.family, &grant_of(&w.pro, &[SectionKind::Goals]))
        .await
        .unwrap();
    let trigger = match onsplan_tests::backend() {
        onsplan_tests::Backend::Sqlite => vec![
            "CREATE TRIGGER break_log BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, 'log broken'); END",
        ],
        onsplan_tests::Backend::Postgres => vec![
            "CREATE FUNCTION break_log() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'log broken'; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER break_log BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION break_log()",
        ],
    };
    for sql in trigger {
        w.app.execute_sql(sql).await;
    }
    let path = onsplan_shared::routes::fill(
        onsplan_shared::routes::SECTION,
        &[&w.family.to_string(), "goals"],
    );
    let response = w
        .pro
        .client
        .request(reqwest::Method::GET, &path)
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_server_error(),
        "got {}",
        response.status()
    );
    let body = response.text().await.unwrap();
    assert!(!body.contains("Rust in huis"), "content leaked: {body}");
    assert!(!body.contains("\"content\""), "content leaked: {body}");
}

#[tokio::test]
async fn no_read_that_starts_after_a_revoke_commits_succeeds() {
    let w = world().await;
    let grant = w
        .mother
        .client
        .create_grant(w.family, &grant_of(&w.pro, &[SectionKind::Goals]))
        .await
        .unwrap();
    let revoked_at = std::sync::Arc::new(std::sync::Mutex::new(None::<std::time::Instant>));
    let readers = (0..4).map(|_| {
        let client = w.pro.client.clone();
        let family = w.family;
        let revoked_at = revoked_at.clone();
        async move {
            let mut late_successes = 0;
            let mut reads = 0;
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
            while std::time::Instant::now() < deadline {
                let started = std::time::Instant::now();
                let ok = client
                    .section(Shared, family, SectionKind::Goals)
                    .await
                    .is_ok();
                reads += 1;
                let revoked = *revoked_at.lock().unwrap();
                if let Some(at) = revoked {
                    if started > at && ok {
                        late_successes += 1;
                    }
                    if started > at + std::time::Duration::from_millis(300) {
                        break;
                    }
                }
            }
            (reads, late_successes)
        }
    });
    let revoker = async {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        w.father
            .client
            .revoke_grant(w.family, grant.id)
            .await
            .unwrap();
        *revoked_at.lock().unwrap() = Some(std::time::Instant::now());
    };
    let (results, ()) = tokio::join!(futures_util::future::join_all(readers), revoker);
    let reads: usize = results.iter().map(|r| r.0).sum();
    let late: usize = results.iter().map(|r| r.1).sum();
    println!("{reads} reads raced the revoke; {late} succeeded after it committed");
    assert!(reads > 8, "too few reads to race the revoke");
    assert_eq!(late, 0);
}

#[tokio::test]
async fn comments_need_a_grant_that_allows_them_and_are_logged() {
    use onsplan_shared::section::CreateCommentRequest;
    let w = world().await;
    let say = |text: &str| CreateCommentRequest { text: text.into() };
    let read_only = w
        .mother
        .client
        .create_grant(w.family, &grant_of(&w.pro, &[SectionKind::Goals]))
        .await
        .unwrap();
    let refused = w
        .pro
        .client
        .comment(w.family, SectionKind::Goals, &say("Mag ik iets zeggen?"))
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(403));
    let read_only_thread = w
        .pro
        .client
        .comments(w.family, SectionKind::Goals)
        .await
        .unwrap();
    assert_eq!(read_only_thread.comments.len(), 0);
    assert!(
        !read_only_thread.may_comment,
        "a read-only grant does not let the professional comment"
    );

    w.mother
        .client
        .revoke_grant(w.family, read_only.id)
        .await
        .unwrap();
    let mut with_comments = grant_of(&w.pro, &[SectionKind::Goals]);
    with_comments.can_comment = true;
    w.mother
        .client
        .create_grant(w.family, &with_comments)
        .await
        .unwrap();
    let comment = w
        .pro
        .client
        .comment(
            w.family,
            SectionKind::Goals,
            &say("Goed plan, ik help mee."),
        )
        .await
        .unwrap();
    assert_eq!(comment.author.name, "Jan de Vries");
    assert!(
        comment.organisation.is_some(),
        "a professional's comment carries their organisation"
    );
    w.relative
        .client
        .comment(
            w.family,
            SectionKind::Goals,
            &say("Ik kan woensdag oppassen."),
        )
        .await
        .unwrap();
    let hidden = w
        .relative
        .client
        .comment(w.family, SectionKind::Concerns, &say("x"))
        .await
        .unwrap_err();
    assert_eq!(hidden.status(), Some(404));
    assert_eq!(
        w.pro
            .client
            .comment(w.family, SectionKind::Concerns, &say("x"))
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );

    let thread = w
        .father
        .client
        .comments(w.family, SectionKind::Goals)
        .await
        .unwrap();
    assert!(
        thread.may_comment,
        "a parent may comment on a shared section"
    );
    assert_eq!(thread.comments[1].organisation, None);
    let texts: Vec<&str> = thread.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts,
        vec!["Goed plan, ik help mee.", "Ik kan woensdag oppassen."]
    );

    let log = w
        .mother
        .client
        .access_log(w.family, &AccessLogQuery::default())
        .await
        .unwrap();
    let comments: Vec<_> = log
        .iter()
        .filter(|r| r.action == LogAction::Comment)
        .map(|r| (r.actor_id, r.outcome))
        .collect();
    assert!(comments.contains(&(Some(w.pro.id()), LogOutcome::Allowed)));
    assert!(comments.contains(&(Some(w.pro.id()), LogOutcome::Denied)));
    assert!(comments.contains(&(Some(w.relative.id()), LogOutcome::Allowed)));
    assert!(comments.contains(&(Some(w.relative.id()), LogOutcome::Denied)));
}

#[tokio::test]
async fn the_whole_plan_comes_in_one_answer_filtered_and_logged_per_reader() {
    let w = world().await;
    let kinds = |plan: Vec<onsplan_shared::section::SectionResponse>| {
        plan.iter().map(|s| s.kind).collect::<Vec<_>>()
    };
    assert_eq!(
        kinds(w.father.client.plan(w.family).await.unwrap()),
        SectionKind::ALL.to_vec()
    );
    let relative = kinds(w.relative.client.plan(w.family).await.unwrap());
    assert!(!relative.contains(&SectionKind::Concerns) && relative.contains(&SectionKind::Goals));
    assert!(w.pro.client.plan(w.family).await.unwrap().is_empty());
    w.mother
        .client
        .create_grant(
            w.family,
            &grant_of(&w.pro, &[SectionKind::Goals, SectionKind::Network]),
        )
        .await
        .unwrap();
    let pro_plan = w.pro.client.plan(w.family).await.unwrap();
    assert_eq!(
        kinds(pro_plan.clone()),
        vec![SectionKind::Goals, SectionKind::Network]
    );
    assert_eq!(pro_plan[0].version, 1);
    let log = w
        .mother
        .client
        .access_log(
            w.family,
            &AccessLogQuery {
                actor: Some(w.pro.id()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(log.len(), 2);
    assert!(log
        .iter()
        .all(|r| r.action == LogAction::Read && r.outcome == LogOutcome::Allowed));
    let stranger = w.app.register("Vreemde").await;
    assert_eq!(
        stranger.client.plan(w.family).await.unwrap_err().status(),
        Some(404)
    );
}

#[tokio::test]
async fn parents_get_an_email_when_a_professional_asks_for_access() {
    let w = world().await;
    w.pro
        .client
        .request_access(
            w.family,
            &CreateAccessRequest {
                sections: vec![SectionKind::Goals],
                reason: "Voor het gesprek".into(),
                valid_from: None,
                valid_until: None,
            },
        )
        .await
        .unwrap();
    for parent in [&w.mother, &w.father] {
        let mail = w.app.file_email_to(&parent.me.email).await;
        assert_eq!(mail.subject, "Jan de Vries vraagt om je plan te lezen");
        let text = mail.body("text/plain");
        assert!(text.contains("Jeugdbescherming Noord") && text.contains("Familie Bakker"));
        assert!(text.contains("/verzoeken"));
        assert!(!text.contains("Rust in huis"), "plan content in the email");
    }
}

/// The family's rule as `parent` sees it, and the actions of its access log, oldest first.
async fn policy_and_log(parent: &Person, family: Uuid) -> (bool, bool, Vec<LogAction>) {
    let detail = parent.client.family(family).await.unwrap();
    let mut actions: Vec<LogAction> = parent
        .client
        .access_log(family, &AccessLogQuery::default())
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.outcome == LogOutcome::Allowed)
        .map(|row| row.action)
        .filter(|action| action.as_str().starts_with("policy"))
        .collect();
    actions.reverse();
    (
        detail.policy.both_parents_must_agree,
        detail.pending_policy_change.is_some(),
        actions,
    )
}

fn policy(on: bool) -> UpdatePolicyRequest {
    UpdatePolicyRequest {
        both_parents_must_agree: on,
    }
}

#[tokio::test]
async fn switching_every_parent_must_agree_off_waits_for_every_parent_and_each_step_is_logged_and_emailed(
) {
    let w = world().await;
    let policy_mails = "SELECT COUNT(*) AS n FROM email_outbox WHERE kind = 'policy_change'";
    let (mother, father, family) = (&w.mother.client, &w.father.client, w.family);

    // On applies at once; the other parent is told.
    mother.update_policy(family, &policy(true)).await.unwrap();
    assert_eq!(
        policy_and_log(&w.father, family).await,
        (true, false, vec![LogAction::PolicyOn])
    );
    assert_eq!(w.app.sql_count(policy_mails), 1);

    // Off, asked by one parent, waits: her grants still wait for the other parent.
    let asked = mother.update_policy(family, &policy(false)).await.unwrap();
    assert!(asked.policy.both_parents_must_agree);
    let waiting = asked.pending_policy_change.expect("the switch-off waits");
    assert_eq!(waiting.requested_by.user_id, w.mother.id());
    assert_eq!(waiting.approved_by.len(), 1);
    let grant = mother
        .create_grant(family, &grant_of(&w.pro, &[SectionKind::Goals]))
        .await
        .unwrap();
    assert_eq!(grant.status, GrantStatus::Pending);
    assert_eq!(
        status_of_read(&w.pro, family, SectionKind::Goals).await,
        404
    );
    assert_eq!(w.app.sql_count(policy_mails), 2);
    // Asking again, or approving her own request, changes nothing.
    mother.update_policy(family, &policy(false)).await.unwrap();
    mother.approve_policy_change(family).await.unwrap();
    // Relatives never see the family's consent matters.
    let seen_by_relative = w.relative.client.family(family).await.unwrap();
    assert!(seen_by_relative.pending_policy_change.is_none());
    let refused = w.relative.client.approve_policy_change(family).await;
    assert_eq!(refused.unwrap_err().status(), Some(403));
    let refused = w.pro.client.approve_policy_change(family).await;
    assert_eq!(refused.unwrap_err().status(), Some(404));
    // Both refusals are in the log, with their reason.
    let refusals: Vec<(Option<Uuid>, Option<DenialReason>)> = mother
        .access_log(family, &AccessLogQuery::default())
        .await
        .unwrap()
        .into_iter()
        .filter(|row| {
            row.action == LogAction::PolicyOffApproved && row.outcome == LogOutcome::Denied
        })
        .map(|row| (row.actor_id, row.denial_reason))
        .collect();
    assert_eq!(
        refusals,
        vec![
            (Some(w.pro.id()), Some(DenialReason::NotAMember)),
            (Some(w.relative.id()), Some(DenialReason::OnlyParents)),
        ]
    );

    // The other parent says no: the rule stays on.
    let kept = father.decline_policy_change(family).await.unwrap();
    assert!(kept.policy.both_parents_must_agree && kept.pending_policy_change.is_none());
    assert_eq!(w.app.sql_count(policy_mails), 3);
    let nothing_waits = father.approve_policy_change(family).await.unwrap_err();
    assert_eq!(nothing_waits.status(), Some(409));

    // Asked again, and this time the other parent says yes: off now, for everyone.
    mother.update_policy(family, &policy(false)).await.unwrap();
    let off = father.approve_policy_change(family).await.unwrap();
    assert!(!off.policy.both_parents_must_agree && off.pending_policy_change.is_none());
    let (on, waits, mut actions) = policy_and_log(&w.mother, family).await;
    assert!(!on && !waits);
    // The last approval and the change it makes are logged in one transaction, at one moment.
    actions[4..].sort_by_key(|a| a.as_str());
    assert_eq!(
        actions,
        vec![
            LogAction::PolicyOn,
            LogAction::PolicyOffAsked,
            LogAction::PolicyOffDeclined,
            LogAction::PolicyOffAsked,
            LogAction::PolicyOff,
            LogAction::PolicyOffApproved,
        ]
    );
    // Asked (to the father), then "it is off now" to both parents.
    assert_eq!(w.app.sql_count(policy_mails), 6);
    // A grant that waited keeps waiting: nothing starts silently.
    let grants = mother.grants(family).await.unwrap();
    let earlier = grants.iter().find(|g| g.id == grant.id).unwrap();
    assert_eq!(earlier.status, GrantStatus::Pending);
    let now_alone = mother
        .create_grant(family, &grant_of(&w.pro, &[SectionKind::Concerns]))
        .await
        .unwrap();
    assert_eq!(now_alone.status, GrantStatus::Active);

    // Switching on again suspends nothing: the active grant stays active and listed.
    mother.update_policy(family, &policy(true)).await.unwrap();
    let grants = father.grants(family).await.unwrap();
    let active = grants.iter().find(|g| g.id == now_alone.id).unwrap();
    assert_eq!(active.status, GrantStatus::Active);
    assert_eq!(
        status_of_read(&w.pro, family, SectionKind::Concerns).await,
        200
    );
}

#[tokio::test]
async fn the_only_parent_switches_every_parent_must_agree_off_at_once() {
    let app = spawn_app().await;
    let parent = app.register("Alleen").await;
    let family = app.family_of(&parent, "Familie Alleen").await.id;
    parent
        .client
        .update_policy(family, &policy(true))
        .await
        .unwrap();
    let off = parent
        .client
        .update_policy(family, &policy(false))
        .await
        .unwrap();
    assert!(!off.policy.both_parents_must_agree && off.pending_policy_change.is_none());
    assert_eq!(
        policy_and_log(&parent, family).await,
        (
            false,
            false,
            vec![LogAction::PolicyOn, LogAction::PolicyOff]
        )
    );
}

#[tokio::test]
async fn a_flood_of_refused_attempts_is_one_counted_row_and_the_log_pages_through_every_row() {
    let w = world().await;
    w.mother
        .client
        .create_grant(w.family, &grant_of(&w.pro, &[SectionKind::Goals]))
        .await
        .unwrap();
    assert_eq!(
        status_of_read(&w.pro, w.family, SectionKind::Goals).await,
        200
    );
    // Thirty probes at once of a section that is not shared.
    let probes = (0..30).map(|_| status_of_read(&w.pro, w.family, SectionKind::Concerns));
    for status in futures_util::future::join_all(probes).await {
        assert_eq!(status, 404);
    }
    let by_pro = w
        .mother
        .client
        .access_log(
            w.family,
            &AccessLogQuery {
                actor: Some(w.pro.id()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let denied: Vec<_> = by_pro
        .iter()
        .filter(|row| row.outcome == LogOutcome::Denied)
        .collect();
    assert_eq!(denied.len(), 1, "{by_pro:?}");
    assert_eq!(denied[0].count, 30);
    assert_eq!(denied[0].section, Some(SectionKind::Concerns));
    assert!(by_pro
        .iter()
        .any(|row| row.action == LogAction::Read && row.outcome == LogOutcome::Allowed));

    // A private section of someone who is no parent here: 404, and no row nobody could read.
    let rows = "SELECT COUNT(*) AS n FROM access_log";
    let before = w.app.sql_count(rows);
    for owner in [Uuid::new_v4(), w.relative.id(), w.pro.id()] {
        let probe = w
            .pro
            .client
            .private_section(w.family, owner, SectionKind::Safety)
            .await
            .unwrap_err();
        assert_eq!(probe.status(), Some(404));
    }
    assert_eq!(w.app.sql_count(rows), before);

    // Two rows a page: the pages together are the whole log, newest first, each row once.
    let everything = w
        .mother
        .client
        .access_log(w.family, &AccessLogQuery::default())
        .await
        .unwrap();
    assert!(everything.len() >= 4, "{everything:?}");
    let mut paged = Vec::new();
    let mut query = AccessLogQuery {
        limit: Some(2),
        ..Default::default()
    };
    loop {
        let page = w
            .mother
            .client
            .access_log_page(w.family, &query)
            .await
            .unwrap();
        assert!(page.entries.len() <= 2);
        paged.extend(page.entries);
        match page.next_cursor {
            Some(cursor) => query.before = Some(cursor),
            None => break,
        }
    }
    assert_eq!(paged, everything);

    let foreign = AccessLogQuery {
        before: Some("not-a-cursor&actor=x".into()),
        ..Default::default()
    };
    let refused = w
        .mother
        .client
        .access_log_page(w.family, &foreign)
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(400));
}

#[tokio::test]
async fn the_familys_comments_are_never_shown_to_a_professional_who_sees_only_their_own_thread() {
    let w = world().await;
    let family = w.family;
    let commenting = CreateGrantRequest {
        can_comment: true,
        ..grant_of(&w.pro, &[SectionKind::Goals])
    };
    w.mother
        .client
        .create_grant(family, &commenting)
        .await
        .unwrap();
    let say = |text: &str| onsplan_shared::section::CreateCommentRequest { text: text.into() };
    for (who, text) in [
        (&w.mother, "Van mama"),
        (&w.relative, "Van oma"),
        (&w.pro, "Van Jan"),
    ] {
        who.client
            .comment(family, SectionKind::Goals, &say(text))
            .await
            .unwrap();
    }
    let texts = |thread: onsplan_shared::section::CommentThread| -> Vec<String> {
        assert!(thread.may_comment, "each of them may comment here");
        thread.comments.into_iter().map(|c| c.text).collect()
    };
    let seen_by_pro = w
        .pro
        .client
        .comments(family, SectionKind::Goals)
        .await
        .unwrap();
    assert_eq!(texts(seen_by_pro), vec!["Van Jan".to_string()]);
    let seen_by_mother = w
        .mother
        .client
        .comments(family, SectionKind::Goals)
        .await
        .unwrap();
    assert_eq!(texts(seen_by_mother).len(), 3);
    let seen_by_relative = w
        .relative
        .client
        .comments(family, SectionKind::Goals)
        .await
        .unwrap();
    assert_eq!(texts(seen_by_relative).len(), 3);
}
