//! A parent makes a PDF of a fixed version on a phone: opens the version, leaves the
//! children's words out, makes the PDF, and the download happens (the file the page offers is
//! a PDF with the version's words and without the children's).

use chrono::NaiveDate;
use onsplan_shared::client::SectionScope;
use onsplan_shared::section_content::{ChildVoice, ChildrenVoice, Goal, Goals, SectionContent};
use onsplan_shared::version::FixVersionRequest;
use serde_json::json;

use super::{artifact, parent_and_family, register_with_family, setup};

#[tokio::test]
async fn a_parent_makes_a_pdf_of_a_fixed_version_without_the_childrens_words_and_downloads_it() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "pdf").await;
    let (parent, family) = parent_and_family(&app, &email).await;
    parent
        .write_first(
            SectionScope::Shared,
            family,
            SectionContent::Goals(Goals {
                goals: vec![Goal {
                    id: "g1".into(),
                    title: "Rust in huis".into(),
                    scale_now: 7,
                    next_step: String::new(),
                }],
            }),
        )
        .await;
    parent
        .write_first(
            SectionScope::Shared,
            family,
            SectionContent::Children(ChildrenVoice {
                voices: vec![ChildVoice {
                    child_name: "Emre".into(),
                    words: "Ik wil meer voetballen".into(),
                }],
            }),
        )
        .await;
    let version = parent
        .client
        .fix_version(
            family,
            &FixVersionRequest {
                title: "Plan voor de rechter".into(),
                agreed_on: NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(),
            },
        )
        .await
        .unwrap()
        .summary
        .id;

    browser.goto(&app.url(&format!("/versies/{version}"))).await;
    browser.wait("#version-heading").await;
    browser.click("#pdf-open").await;
    browser.wait("#pdf-form").await;
    browser.click("#pdf-children").await;
    browser.screenshot(&artifact("pdf-choose.png")).await;
    // The page's policy lets it fetch only from its own origin, not from blob: addresses, so
    // the test keeps the file the page hands to the download link as it is made.
    browser
        .js(
            "const make = URL.createObjectURL;\
             URL.createObjectURL = function (blob) { window.__offered = blob; return make.call(URL, blob); };",
            json!([]),
        )
        .await;
    browser.click("#pdf-make").await;
    browser.wait("#pdf-download").await;
    browser.screenshot(&artifact("pdf-ready.png")).await;

    // The file the page offered for download, as the download link holds it.
    let file = browser
        .js(
            "const a = document.querySelector('#pdf-download');\
             if (!a.href.startsWith('blob:')) return {href: a.href};\
             return window.__offered.arrayBuffer().then(b => {\
               const bytes = new Uint8Array(b);\
               let head = '';\
               for (let i = 0; i < 5; i++) head += String.fromCharCode(bytes[i]);\
               return {head, size: bytes.length, name: a.getAttribute('download')};\
             });",
            json!([]),
        )
        .await;
    assert_eq!(file["head"], "%PDF-", "{file}");
    assert!(file["size"].as_u64().unwrap() > 1000, "{file}");
    assert!(
        file["name"].as_str().unwrap().ends_with("-versie.pdf"),
        "{file}"
    );

    // What was asked for: this version, without the children's words; and it is on record.
    let log = parent
        .client
        .access_log(family, &Default::default())
        .await
        .unwrap();
    let exported: Vec<_> = log
        .iter()
        .filter(|row| row.action == onsplan_shared::access_log::LogAction::Export)
        .filter_map(|row| row.section)
        .collect();
    assert!(exported.contains(&onsplan_shared::section::SectionKind::Goals));
    assert!(!exported.contains(&onsplan_shared::section::SectionKind::Children));
}
