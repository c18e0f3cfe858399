//! The plan's PDF end to end: a parent takes out the living plan or a fixed version, all
//! sections or a chosen few; the PDF is tagged, Dutch, and its text (read back with
//! `pdftotext`) holds the family's words and the version's title, never another parent's
//! private section. Professionals need a grant that allows export and get only what it names;
//! relatives get nothing; every export and refusal is in the access log; bad queries are 4xx.

use std::process::Command;
use std::time::Instant;

use chrono::NaiveDate;
use onsplan_shared::access_log::{AccessLogQuery, DenialReason, LogAction, LogBasis, LogOutcome};
use onsplan_shared::client::SectionScope::{Mine, Shared};
use onsplan_shared::consent::{CreateGrantRequest, GrantedSection, LinkProfessionalRequest};
use onsplan_shared::export::PdfQuery;
use onsplan_shared::family::Role;
use onsplan_shared::section::SectionKind;
use onsplan_shared::section_content::{
    Agreement, AgreementStatus, Agreements, Assignee, ChildVoice, ChildrenVoice, Contact, Goal,
    Goals, SafetyPlan, SectionContent,
};
use onsplan_shared::version::FixVersionRequest;
use onsplan_shared::{ClientError, ErrorCode};
use onsplan_tests::{spawn_app, Person, TestApp};
use reqwest::StatusCode;
use uuid::Uuid;

struct World {
    app: TestApp,
    family: Uuid,
    mother: Person,
    father: Person,
    relative: Person,
}

/// Familie Yılmaz-Kowalski: goals (network), agreements naming the father, a safety plan with
/// contacts, the children's words; each parent has a private section.
async fn world() -> World {
    let app = spawn_app().await;
    let mother = app.register("Mama Ayşe").await;
    let father = app.register("Papa Łukasz").await;
    let relative = app.register("Oma").await;
    let family = app.family_of(&mother, "Familie Yılmaz-Kowalski").await.id;
    app.add_member(family, &father, Role::Parent).await;
    app.add_member(family, &relative, Role::Relative).await;
    mother
        .write_first(
            Shared,
            family,
            SectionContent::Goals(Goals {
                goals: vec![Goal {
                    id: "g1".into(),
                    title: "Rust in huis".into(),
                    scale_now: 6,
                    next_step: "Elke zondag samen koken".into(),
                }],
            }),
        )
        .await;
    mother
        .write_first(
            Shared,
            family,
            SectionContent::Agreements(Agreements {
                items: vec![agreement(
                    "a1",
                    "Zwemles regelen",
                    Assignee::Member {
                        user_id: father.id(),
                    },
                )],
            }),
        )
        .await;
    mother
        .write_first(
            Shared,
            family,
            SectionContent::Safety(SafetyPlan {
                warning_signs: vec!["Harde ruzie".into()],
                what_we_do: vec!["Even naar buiten".into()],
                whom_we_call: vec![Contact {
                    name: "Tante Zeynep".into(),
                    relation: "tante".into(),
                    phone: "06-12345678".into(),
                }],
                safe_places: Vec::new(),
            }),
        )
        .await;
    mother
        .write_first(
            Shared,
            family,
            SectionContent::Children(ChildrenVoice {
                voices: vec![ChildVoice {
                    child_name: "Emre".into(),
                    words: "Ik wil meer voetballen".into(),
                }],
            }),
        )
        .await;
    for (parent, secret) in [(&mother, "Geheim adres"), (&father, "Papa zijn geheim")] {
        parent
            .write_first(
                Mine,
                family,
                SectionContent::Safety(SafetyPlan {
                    warning_signs: vec![secret.into()],
                    ..Default::default()
                }),
            )
            .await;
    }
    World {
        app,
        family,
        mother,
        father,
        relative,
    }
}

fn agreement(id: &str, what: &str, who: Assignee) -> Agreement {
    Agreement {
        id: id.into(),
        what: what.into(),
        who,
        by_when: NaiveDate::from_ymd_opt(2026, 6, 1),
        status: AgreementStatus::Open,
        ..Default::default()
    }
}

async fn fix(parent: &Person, family: Uuid, title: &str) -> Uuid {
    parent
        .client
        .fix_version(
            family,
            &FixVersionRequest {
                title: title.into(),
                agreed_on: NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(),
            },
        )
        .await
        .expect("a parent fixes a version")
        .summary
        .id
}

fn whole(version: Option<Uuid>) -> PdfQuery {
    PdfQuery {
        version,
        sections: None,
    }
}

fn only(version: Option<Uuid>, kinds: &[SectionKind]) -> PdfQuery {
    PdfQuery {
        version,
        sections: Some(kinds.to_vec()),
    }
}

async fn pdf(person: &Person, family: Uuid, query: &PdfQuery) -> Result<Vec<u8>, ClientError> {
    person.client.export_pdf(family, query).await
}

/// The PDF's text as `pdftotext` reads it (poppler-utils, installed by `cargo xtask test`).
fn text_of(pdf: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("onsplan-{}.pdf", Uuid::new_v4()));
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "pdftotext failed on the PDF");
    // Line breaks fall where the layout put them; words are what the tests look for.
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What `pdfinfo` says about the PDF.
fn info_of(pdf: &[u8]) -> String {
    pdfinfo(pdf, &[])
}

/// What `pdfinfo` (poppler-utils) prints about the PDF with `options`.
fn pdfinfo(pdf: &[u8], options: &[&str]) -> String {
    let path = std::env::temp_dir().join(format!("onsplan-{}.pdf", Uuid::new_v4()));
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdfinfo")
        .args(options)
        .arg(&path)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What can be checked of PDF/UA-1 without veraPDF (which no registry here offers): the
/// catalog says the language is Dutch, that the file is tagged and that a viewer shows the
/// title; the metadata claims PDF/UA-1 in Dutch; and the structure tree, as poppler reads it,
/// is one document with one title, a heading per section, lists with their items and tables
/// with header cells.
fn assert_pdf_ua_shape(pdf: &[u8]) {
    assert!(
        contains(pdf, b"/Lang(nl)") || contains(pdf, b"/Lang (nl)"),
        "the catalog names the language"
    );
    for needle in [
        &b"/StructTreeRoot"[..],
        b"/Marked true",
        b"/DisplayDocTitle true",
    ] {
        assert!(
            contains(pdf, needle),
            "{} is missing",
            String::from_utf8_lossy(needle)
        );
    }
    let info = info_of(pdf);
    assert!(
        info.lines()
            .any(|line| line.starts_with("Tagged:") && line.ends_with("yes")),
        "{info}"
    );
    let meta = pdfinfo(pdf, &["-meta"]);
    assert!(meta.contains("<pdfuaid:part>1</pdfuaid:part>"), "{meta}");
    assert!(
        meta.contains("<dc:language><rdf:Bag><rdf:li>nl</rdf:li>"),
        "{meta}"
    );
    let tree = pdfinfo(pdf, &["-struct"]);
    let roles: Vec<&str> = tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(|role| role.trim_end_matches(':'))
        .collect();
    assert_eq!(roles.first(), Some(&"Document"), "{tree}");
    let count = |role: &str| roles.iter().filter(|r| **r == role).count();
    assert_eq!(count("H1"), 1, "one title: {tree}");
    for role in ["H2", "L", "LI", "Table", "TH", "TD", "P"] {
        assert!(count(role) > 0, "no {role} in the structure tree: {tree}");
    }
    assert!(
        tree.contains("H2 \"Over ons gezin\""),
        "each section is a heading: {tree}"
    );
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

async fn exports_of(w: &World, actor: Uuid) -> Vec<onsplan_shared::access_log::AccessLogEntry> {
    w.mother
        .client
        .access_log(
            w.family,
            &AccessLogQuery {
                actor: Some(actor),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.action == LogAction::Export)
        .collect()
}

#[tokio::test]
async fn a_parent_gets_a_tagged_dutch_pdf_of_a_fixed_version_with_who_stands_behind_it() {
    let w = world().await;
    let version = fix(&w.mother, w.family, "Plan voor de rechter").await;
    w.father
        .client
        .endorse_version(w.family, version)
        .await
        .unwrap();

    let bytes = pdf(&w.mother, w.family, &whole(Some(version)))
        .await
        .unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    // `ONSPLAN_TEST_PDF_OUT=file.pdf` keeps this PDF (the README's picture is its first page).
    if let Ok(out) = std::env::var("ONSPLAN_TEST_PDF_OUT") {
        std::fs::write(out, &bytes).unwrap();
    }
    assert_pdf_ua_shape(&bytes);
    let text = text_of(&bytes);
    for expected in [
        "Familie Yılmaz-Kowalski",
        "Plan voor de rechter",
        "12 maart 2026",
        "Papa Łukasz",
        "Rust in huis",
        "6 van 10",
        "Elke zondag samen koken",
        "Zwemles regelen",
        "1 juni 2026",
        "Nog te doen",
        "Tante Zeynep",
        "06-12345678",
        "Ik wil meer voetballen",
        "Pagina 1 van",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} is not in the PDF: {text}"
        );
    }
    for secret in ["Geheim adres", "Papa zijn geheim"] {
        assert!(!text.contains(secret), "a private section reached the PDF");
    }

    let exports = exports_of(&w, w.mother.id()).await;
    assert_eq!(exports.len(), SectionKind::ALL.len(), "{exports:?}");
    assert!(exports
        .iter()
        .all(|row| row.outcome == LogOutcome::Allowed && row.basis == Some(LogBasis::Parent)));
}

#[tokio::test]
async fn a_parent_chooses_sections_and_leaves_the_childrens_words_out() {
    let w = world().await;
    let bytes = pdf(
        &w.father,
        w.family,
        &only(None, &[SectionKind::Goals, SectionKind::Safety]),
    )
    .await
    .unwrap();
    let text = text_of(&bytes);
    assert!(text.contains("Rust in huis"));
    assert!(text.contains("Tante Zeynep"));
    assert!(text.contains("Het plan zoals het nu is"), "{text}");
    assert!(!text.contains("Ik wil meer voetballen"));
    assert!(!text.contains("Zwemles regelen"));
    for secret in ["Geheim adres", "Papa zijn geheim"] {
        assert!(!text.contains(secret), "a private section reached the PDF");
    }
    let exports = exports_of(&w, w.father.id()).await;
    let mut kinds: Vec<SectionKind> = exports.iter().filter_map(|row| row.section).collect();
    kinds.sort();
    assert_eq!(kinds, vec![SectionKind::Goals, SectionKind::Safety]);
}

#[tokio::test]
async fn a_professional_exports_only_with_a_grant_that_allows_it_and_only_the_granted_sections() {
    let w = world().await;
    let version = fix(&w.mother, w.family, "Plan van maart").await;
    let (_, org_admin) = w.app.organisation("Wijkteam Zuid").await;
    let pro = w.app.professional(&org_admin, "Jan de Vries").await;
    w.mother
        .client
        .link_professional(
            w.family,
            &LinkProfessionalRequest {
                email: pro.me.email.clone(),
            },
        )
        .await
        .unwrap();
    let grant = |kind, can_export| CreateGrantRequest {
        professional_id: pro.id(),
        sections: vec![GrantedSection::shared(kind)],
        can_comment: false,
        can_export,
        valid_from: None,
        valid_until: None,
    };
    let read_only = w
        .mother
        .client
        .create_grant(w.family, &grant(SectionKind::Safety, false))
        .await
        .unwrap();
    assert!(!read_only.can_export);

    // Reading is granted, taking out is not: refused (403) and on the record.
    for query in [whole(None), only(Some(version), &[SectionKind::Safety])] {
        let refused = pdf(&pro, w.family, &query).await.unwrap_err();
        assert_eq!(refused.status(), Some(403), "{query:?}");
    }
    let refusals = exports_of(&w, pro.id()).await;
    assert!(
        refusals.iter().any(|row| row.outcome == LogOutcome::Denied
            && row.section == Some(SectionKind::Safety)
            && row.denial_reason == Some(DenialReason::GrantWithoutExport)),
        "{refusals:?}"
    );

    let exporting = w
        .mother
        .client
        .create_grant(w.family, &grant(SectionKind::Goals, true))
        .await
        .unwrap();
    assert!(exporting.can_export);
    for version in [None, Some(version)] {
        let text = text_of(&pdf(&pro, w.family, &whole(version)).await.unwrap());
        assert!(text.contains("Rust in huis"), "{text}");
        for hidden in ["Tante Zeynep", "Zwemles regelen", "Ik wil meer voetballen"] {
            assert!(
                !text.contains(hidden),
                "{hidden:?} reached the professional"
            );
        }
    }
    // Naming a section the grant does not let them take out refuses the whole PDF.
    let named = pdf(
        &pro,
        w.family,
        &only(None, &[SectionKind::Goals, SectionKind::Safety]),
    )
    .await
    .unwrap_err();
    assert_eq!(named.status(), Some(403));
    let never_granted = pdf(&pro, w.family, &only(None, &[SectionKind::Children]))
        .await
        .unwrap_err();
    assert_eq!(never_granted.status(), Some(404));

    let exports = exports_of(&w, pro.id()).await;
    assert!(exports.iter().any(|row| row.outcome == LogOutcome::Allowed
        && row.section == Some(SectionKind::Goals)
        && row.basis
            == Some(LogBasis::Grant {
                grant_id: exporting.id
            })));
    assert!(exports.iter().any(|row| row.outcome == LogOutcome::Denied
        && row.section == Some(SectionKind::Children)
        && row.denial_reason == Some(DenialReason::NoGrant)));
}

#[tokio::test]
async fn relatives_take_nothing_out_and_their_attempts_are_logged() {
    let w = world().await;
    // Goals are shared with the network: the relative knows them, and is told no.
    let known = pdf(&w.relative, w.family, &whole(None)).await.unwrap_err();
    assert_eq!(known.status(), Some(403));
    let parents_only = pdf(&w.relative, w.family, &only(None, &[SectionKind::Concerns]))
        .await
        .unwrap_err();
    assert_eq!(parents_only.status(), Some(404));
    let exports = exports_of(&w, w.relative.id()).await;
    assert!(!exports.is_empty());
    assert!(exports.iter().all(|row| row.outcome == LogOutcome::Denied));
    assert!(exports
        .iter()
        .any(|row| row.denial_reason == Some(DenialReason::OnlyParents)));

    let stranger = w.app.register("Buurman").await;
    let outside = pdf(&stranger, w.family, &whole(None)).await.unwrap_err();
    assert_eq!(outside.status(), Some(404));
}

#[tokio::test]
async fn unknown_sections_versions_and_families_are_refused_with_4xx() {
    let w = world().await;
    let path = |query: &str| format!("/api/v1/families/{}/export.pdf?{query}", w.family);
    for (query, status) in [
        (
            "sections=goals,everything",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("sections=", StatusCode::UNPROCESSABLE_ENTITY),
        ("sections=goals,goals", StatusCode::UNPROCESSABLE_ENTITY),
        ("version=not-a-version", StatusCode::UNPROCESSABLE_ENTITY),
        (
            &format!("version={}", Uuid::new_v4()),
            StatusCode::NOT_FOUND,
        ),
    ] {
        let response = w
            .mother
            .client
            .request(reqwest::Method::GET, &path(query))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{query}");
        let body: onsplan_shared::ApiError = response.json().await.unwrap();
        if status == StatusCode::UNPROCESSABLE_ENTITY {
            assert_eq!(body.code, ErrorCode::ValidationFailed, "{query}");
        }
    }
    let other = pdf(&w.mother, Uuid::new_v4(), &whole(None))
        .await
        .unwrap_err();
    assert_eq!(other.status(), Some(404));
    let anonymous = w
        .app
        .client()
        .export_pdf(w.family, &whole(None))
        .await
        .unwrap_err();
    assert_eq!(anonymous.status(), Some(401));
}

#[tokio::test]
async fn a_plan_with_500_agreements_and_long_texts_renders_on_many_pages() {
    let w = world().await;
    let long = "Wij spreken af dat we elke week samen kijken wat er goed ging en wat beter kan. "
        .repeat(50);
    let items: Vec<Agreement> = (0..500)
        .map(|n| {
            let what = if n % 50 == 0 {
                format!("{n}: {long}")
            } else {
                format!("Afspraak nummer {n}: boodschappen doen, de kinderen naar school brengen en de buren helpen.")
            };
            agreement(
                &format!("a{n}"),
                &what,
                Assignee::Person {
                    name: format!("Buur {n}"),
                },
            )
        })
        .collect();
    let content = serde_json::to_string(&SectionContent::Agreements(Agreements { items }))
        .unwrap()
        .replace('\'', "''");
    // More than the API takes in one section (50 items): written straight into the database.
    let changed = w.app.sql_execute(&format!(
        "UPDATE sections SET content = '{content}', version = version + 1 \
         WHERE family_id = '{}' AND scope = 'family' AND kind = 'agreements'",
        w.family
    ));
    assert_eq!(changed, 1);

    let started = Instant::now();
    let bytes = pdf(&w.mother, w.family, &only(None, &[SectionKind::Agreements]))
        .await
        .unwrap();
    let took = started.elapsed();
    let info = info_of(&bytes);
    let pages: usize = info
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo counts the pages");
    println!(
        "500 agreements with long texts: {} bytes, {pages} pages, made in {:.2?}",
        bytes.len(),
        took
    );
    assert!(pages > 10, "{pages} pages");
    let text = text_of(&bytes);
    for expected in [
        "Afspraak nummer 1:",
        "Afspraak nummer 499:",
        "Buur 499",
        "450:",
    ] {
        assert!(text.contains(expected), "{expected:?} is missing");
    }
}
