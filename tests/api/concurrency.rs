//! Many people saving at once: no accepted write is lost, no stale write lands, no 5xx and no
//! "database is locked" ever reaches a client.

use std::collections::HashMap;

use onsplan_shared::client::SectionScope::{Mine, Shared};
use onsplan_shared::section::{SaveSectionRequest, SectionKind};
use onsplan_shared::section_content::{Concerns, SectionContent};
use onsplan_shared::ClientError;
use onsplan_tests::spawn_app;

const CLIENTS: usize = 20;
const EDITS_PER_CLIENT: usize = 50;

fn marked(marker: &str) -> SaveSectionRequest {
    SaveSectionRequest {
        visibility: None,
        content: SectionContent::Concerns(Concerns {
            worries: vec![marker.to_string()],
        }),
    }
}

fn marker_of(content: &SectionContent) -> String {
    match content {
        SectionContent::Concerns(c) => c.worries[0].clone(),
        other => panic!("unexpected content {other:?}"),
    }
}

#[derive(Default)]
struct Tally {
    accepted: Vec<(i64, String)>,
    conflicts: usize,
    other: Vec<String>,
}

#[tokio::test]
async fn twenty_clients_making_fifty_conditional_edits_each_lose_nothing() {
    let app = spawn_app().await;
    let parent = app.register("Druk").await;
    let family = app.family_of(&parent, "Familie Druk").await.id;

    let workers = (0..CLIENTS).map(|client_no| {
        let client = parent.client.clone();
        async move {
            let mut tally = Tally::default();
            for edit in 0..EDITS_PER_CLIENT {
                let marker = format!("client {client_no} edit {edit}");
                let current = match client.section(Shared, family, SectionKind::Concerns).await {
                    Ok(section) => section.version,
                    Err(err) => {
                        tally.other.push(format!("read: {err}"));
                        continue;
                    }
                };
                match client
                    .save_section(
                        Shared,
                        family,
                        SectionKind::Concerns,
                        Some(current),
                        &marked(&marker),
                    )
                    .await
                {
                    Ok(saved) => tally.accepted.push((saved.version, marker)),
                    Err(err) if err.status() == Some(412) => tally.conflicts += 1,
                    Err(err) => tally.other.push(format!("save: {err}")),
                }
            }
            tally
        }
    });
    let tallies = futures_util::future::join_all(workers).await;

    let other: Vec<&String> = tallies.iter().flat_map(|t| &t.other).collect();
    assert!(other.is_empty(), "unexpected answers: {other:?}");
    let accepted: HashMap<i64, String> = tallies.iter().flat_map(|t| t.accepted.clone()).collect();
    let accepted_count: usize = tallies.iter().map(|t| t.accepted.len()).sum();
    let conflicts: usize = tallies.iter().map(|t| t.conflicts).sum();
    assert_eq!(accepted_count + conflicts, CLIENTS * EDITS_PER_CLIENT);
    assert_eq!(
        accepted.len(),
        accepted_count,
        "two saves claimed one version"
    );
    assert!(accepted_count > 0);
    println!("{accepted_count} saves accepted, {conflicts} refused with 412, 0 other answers");

    let final_section = parent
        .client
        .section(Shared, family, SectionKind::Concerns)
        .await
        .unwrap();
    assert_eq!(final_section.version as usize, accepted_count);

    let revisions = parent
        .client
        .revisions(Shared, family, SectionKind::Concerns)
        .await
        .unwrap();
    assert_eq!(revisions.len(), accepted_count);
    for revision in &revisions {
        assert_eq!(
            accepted.get(&revision.version),
            Some(&marker_of(&revision.content)),
            "revision {} differs from the save that was accepted",
            revision.version
        );
    }
    assert_eq!(
        marker_of(&final_section.content),
        accepted[&final_section.version]
    );
}

#[tokio::test]
async fn parallel_first_saves_of_a_private_section_let_exactly_one_through() {
    let app = spawn_app().await;
    let parent = app.register("Eerst").await;
    let family = app.family_of(&parent, "Familie Eerst").await.id;
    let attempts = (0..10).map(|i| {
        let client = parent.client.clone();
        async move {
            client
                .save_section(
                    Mine,
                    family,
                    SectionKind::Concerns,
                    Some(0),
                    &marked(&format!("poging {i}")),
                )
                .await
        }
    });
    let results = futures_util::future::join_all(attempts).await;
    let winners: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(winners.len(), 1, "{results:?}");
    for loser in results.iter().filter_map(|r| r.as_ref().err()) {
        match loser {
            ClientError::Api { status: 412, error } => assert_eq!(error.current_version, Some(1)),
            other => panic!("expected 412, got {other:?}"),
        }
    }
    let stored = parent
        .client
        .section(Mine, family, SectionKind::Concerns)
        .await
        .unwrap();
    assert_eq!(stored.content, winners[0].content);
}
