//! The family's file end to end: a parent downloads everything the family holds (never another
//! parent's private sections; the export is logged), a relative is refused and logged, an
//! outsider learns nothing; a person makes a new family of the file on another server, and
//! every file that cannot be imported is refused whole with a code naming what is wrong. The
//! round trip goes SQLite → PostgreSQL → SQLite and keeps the plan as it was.

use std::collections::HashMap;

use chrono::NaiveDate;
use onsplan_shared::client::SectionScope::{Mine, Shared};
use onsplan_shared::commitment::TakeAgreementRequest;
use onsplan_shared::consent::{CreateGrantRequest, GrantedSection, LinkProfessionalRequest};
use onsplan_shared::family::Role;
use onsplan_shared::family_file::{FamilyFile, FORMAT, FORMAT_VERSION};
use onsplan_shared::routes::FAMILY_IMPORT;
use onsplan_shared::section::{CreateCommentRequest, SaveSectionRequest, SectionKind, Visibility};
use onsplan_shared::section_content::{
    Agreement, Agreements, Assignee, Concerns, Goal, Goals, SafePlace, SafetyPlan, SectionContent,
};
use onsplan_shared::version::FixVersionRequest;
use onsplan_shared::ErrorCode;
use onsplan_tests::{spawn_app, spawn_app_on, Backend, Person, TestApp};
use reqwest::Method;
use uuid::Uuid;

/// A family with two parents and a relative, shared sections with history, a private section
/// of each parent, a comment, a taken agreement, a fixed and endorsed version and a grant.
struct World {
    app: TestApp,
    family: Uuid,
    mother: Person,
    father: Person,
    relative: Person,
}

async fn world_on(app: TestApp) -> World {
    let mother = app.register("Mama").await;
    let father = app.register("Papa").await;
    let relative = app.register("Oma").await;
    let family = app.family_of(&mother, "Familie Bakker").await.id;
    app.add_member(family, &father, Role::Parent).await;
    app.add_member(family, &relative, Role::Relative).await;
    let goals = |title: &str| {
        SectionContent::Goals(Goals {
            goals: vec![Goal {
                id: "g1".into(),
                title: title.into(),
                scale_now: 4,
                next_step: String::new(),
            }],
        })
    };
    mother
        .write_first(Shared, family, goals("Rust in huis"))
        .await;
    let second = SaveSectionRequest {
        visibility: None,
        content: goals("Rust en regelmaat in huis"),
    };
    father
        .client
        .save_section(Shared, family, SectionKind::Goals, Some(1), &second)
        .await
        .unwrap();
    mother
        .write_first(
            Shared,
            family,
            SectionContent::Concerns(Concerns {
                worries: vec!["Schulden".into()],
            }),
        )
        .await;
    let agreements = SectionContent::Agreements(Agreements {
        items: vec![Agreement {
            id: "a1".into(),
            what: "Oma haalt de kinderen op woensdag".into(),
            who: Assignee::Member {
                user_id: relative.id(),
            },
            ..Agreement::default()
        }],
    });
    mother.write_first(Shared, family, agreements).await;
    relative
        .client
        .take_agreement(family, "a1", &TakeAgreementRequest { due: None })
        .await
        .unwrap();
    let private = |place: &str| {
        SectionContent::Safety(SafetyPlan {
            safe_places: vec![SafePlace {
                name: place.into(),
                ..Default::default()
            }],
            ..Default::default()
        })
    };
    mother
        .write_first(Mine, family, private("Geheim adres van mama"))
        .await;
    father
        .write_first(Mine, family, private("Geheim adres van papa"))
        .await;
    relative
        .client
        .comment(
            family,
            SectionKind::Goals,
            &CreateCommentRequest {
                text: "Goed plan!".into(),
            },
        )
        .await
        .unwrap();
    let fixed = mother
        .client
        .fix_version(
            family,
            &FixVersionRequest {
                title: "Plan van maart".into(),
                agreed_on: NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(),
            },
        )
        .await
        .unwrap();
    father
        .client
        .endorse_version(family, fixed.summary.id)
        .await
        .unwrap();
    let (_, org_admin) = app.organisation("Wijkteam Zuid").await;
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
    mother
        .client
        .create_grant(
            family,
            &CreateGrantRequest {
                professional_id: pro.id(),
                sections: vec![GrantedSection::shared(SectionKind::Goals)],
                can_comment: false,
                can_export: false,
                valid_from: None,
                valid_until: None,
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
    }
}

async fn world() -> World {
    world_on(spawn_app().await).await
}

async fn export(person: &Person, family: Uuid) -> (Vec<u8>, FamilyFile) {
    let bytes = person.client.export_family_file(family).await.unwrap();
    let file = serde_json::from_slice(&bytes).expect("the export reads as a family file");
    (bytes, file)
}

fn text_of(section: &onsplan_shared::family_file::FileSection) -> String {
    section.content.to_string()
}

#[tokio::test]
async fn a_parent_exports_everything_the_family_holds_but_another_parents_private_sections() {
    let w = world().await;
    let (_, file) = export(&w.mother, w.family).await;
    assert_eq!(
        (file.format.as_str(), file.version),
        (FORMAT, FORMAT_VERSION)
    );
    assert_eq!(file.exported_by, w.mother.id());
    let f = &file.family;
    assert_eq!(f.name, "Familie Bakker");

    let all = serde_json::to_string(f).unwrap();
    assert!(all.contains("Geheim adres van mama"));
    assert!(
        !all.contains("Geheim adres van papa"),
        "another parent's private section left the server"
    );
    let mine: Vec<_> = f.sections.iter().filter(|s| s.owner.is_some()).collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].owner, Some(w.mother.id()));
    assert_eq!(mine[0].visibility, Visibility::OnlyMe);

    let goals = f
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::Goals && s.owner.is_none())
        .unwrap();
    assert_eq!(goals.version, 2);
    assert_eq!(
        goals
            .revisions
            .iter()
            .map(|r| r.version)
            .collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(goals.revisions[0].saved_by, w.mother.id());
    assert_eq!(goals.revisions[1].saved_by, w.father.id());
    assert!(text_of(goals).contains("Rust en regelmaat"));
    assert_eq!(
        f.sections.iter().filter(|s| s.owner.is_none()).count(),
        SectionKind::ALL.len()
    );

    assert_eq!(f.comments.len(), 1);
    assert_eq!(f.comments[0].author, w.relative.id());
    assert_eq!(f.versions.len(), 1);
    assert_eq!(f.versions[0].title, "Plan van maart");
    assert!(f.versions[0]
        .endorsements
        .iter()
        .any(|e| e.person == w.father.id()));
    assert_eq!(f.commitments.len(), 1);
    assert_eq!(f.commitments[0].taker, w.relative.id());
    assert_eq!(f.grants.len(), 1);
    assert_eq!(f.grants[0]["professional"]["name"], "Jan de Vries");
    assert!(!f.access_log.is_empty());

    let roles: HashMap<Uuid, (Option<Role>, Option<String>)> = f
        .people
        .iter()
        .map(|p| (p.id, (p.role, p.email.clone())))
        .collect();
    assert_eq!(
        roles[&w.father.id()],
        (Some(Role::Parent), Some(w.father.me.email.clone()))
    );
    assert_eq!(roles[&w.relative.id()].0, Some(Role::Relative));

    // The digest is of the family as written.
    let value = serde_json::to_value(f).unwrap();
    assert_eq!(
        file.digest,
        onsplan_server::services::family_file::digest_of(&value)
    );

    // The export is on the record.
    let logged = w.app.sql_count(&format!(
        "SELECT COUNT(*) AS n FROM access_log WHERE family_id = '{}' AND actor_id = '{}' \
         AND action = 'export' AND outcome = 'allowed' AND target_id = 'family_file'",
        w.family,
        w.mother.id()
    ));
    assert_eq!(logged, 1);
}

#[tokio::test]
async fn a_relative_is_refused_with_403_and_the_attempt_is_logged() {
    let w = world().await;
    let err = w
        .relative
        .client
        .export_family_file(w.family)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(403));
    assert_eq!(err.code(), Some(ErrorCode::Forbidden));
    let logged = w.app.sql_count(&format!(
        "SELECT COUNT(*) AS n FROM access_log WHERE family_id = '{}' AND actor_id = '{}' \
         AND action = 'export' AND outcome = 'denied'",
        w.family,
        w.relative.id()
    ));
    assert_eq!(logged, 1);
}

#[tokio::test]
async fn an_outsider_and_a_professional_get_404_and_learn_nothing() {
    let w = world().await;
    let stranger = w.app.register("Buurman").await;
    for client in [&stranger.client] {
        let err = client.export_family_file(w.family).await.unwrap_err();
        assert_eq!(err.status(), Some(404));
    }
    let missing = w
        .mother
        .client
        .export_family_file(Uuid::new_v4())
        .await
        .unwrap_err();
    assert_eq!(missing.status(), Some(404));
    let (_, org_admin) = w.app.organisation("Jeugdzorg").await;
    let pro = w.app.professional(&org_admin, "Els").await;
    let err = pro.client.export_family_file(w.family).await.unwrap_err();
    assert_eq!(err.status(), Some(404));
}

#[tokio::test]
async fn an_import_makes_a_new_family_with_the_importer_as_its_only_parent() {
    let w = world().await;
    let (bytes, file) = export(&w.mother, w.family).await;
    let elsewhere = spawn_app().await;
    let mother = elsewhere.register("Mama").await;
    let imported = mother.client.import_family_file(bytes).await.unwrap();

    let family = imported.family;
    assert_ne!(family.id, w.family);
    assert_eq!(family.name, "Familie Bakker");
    assert_eq!(family.my_role, Role::Parent);
    assert_eq!(family.members.len(), 1);
    assert_eq!(family.members[0].user_id, mother.id());
    let mut again: Vec<_> = imported
        .invite_again
        .iter()
        .map(|p| (p.name.as_str(), p.email.clone(), p.role))
        .collect();
    again.sort();
    assert_eq!(
        again,
        [
            ("Oma", Some(w.relative.me.email.clone()), Role::Relative),
            ("Papa", Some(w.father.me.email.clone()), Role::Parent),
        ]
    );

    // The plan and its history are there, with the old authors by name.
    let goals = mother
        .client
        .section(Shared, family.id, SectionKind::Goals)
        .await
        .unwrap();
    assert_eq!(goals.version, 2);
    assert_eq!(goals.updated_by.unwrap().name, "Papa");
    let history = mother
        .client
        .revisions(Shared, family.id, SectionKind::Goals)
        .await
        .unwrap();
    assert_eq!(history.len(), 2);
    let private = mother
        .client
        .section(Mine, family.id, SectionKind::Safety)
        .await
        .unwrap();
    assert!(serde_json::to_string(&private.content)
        .unwrap()
        .contains("Geheim adres van mama"));
    let comments = mother
        .client
        .comments(family.id, SectionKind::Goals)
        .await
        .unwrap();
    assert_eq!(comments.comments.len(), 1);
    assert_eq!(comments.comments[0].author.name, "Oma");
    let versions = mother.client.versions(family.id).await.unwrap();
    assert_eq!(versions.versions.len(), 1);

    // No grant, link or log row came along; the people behind the old names cannot sign in.
    assert!(mother.client.grants(family.id).await.unwrap().is_empty());
    assert!(mother
        .client
        .professionals(family.id)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        elsewhere.sql_count(&format!(
            "SELECT COUNT(*) AS n FROM access_log WHERE family_id = '{}' AND action = 'grant'",
            family.id
        )),
        0
    );
    assert_eq!(
        elsewhere.sql_count(
            "SELECT COUNT(*) AS n FROM users WHERE name = 'Papa' AND disabled_at IS NULL"
        ),
        0
    );
    assert_eq!(
        file.family.grants.len(),
        1,
        "the file kept the grant on record"
    );
}

#[tokio::test]
async fn a_professional_account_cannot_import_a_family() {
    let w = world().await;
    let (bytes, _) = export(&w.mother, w.family).await;
    let (_, org_admin) = w.app.organisation("Jeugdzorg").await;
    let pro = w.app.professional(&org_admin, "Els").await;
    let err = pro.client.import_family_file(bytes).await.unwrap_err();
    assert_eq!(err.status(), Some(403));
}

/// Re-signs an edited file, as a forger who knows the format would.
fn signed(mut file: serde_json::Value) -> Vec<u8> {
    let digest = onsplan_server::services::family_file::digest_of(&file["family"]);
    file["digest"] = serde_json::Value::String(digest);
    serde_json::to_vec(&file).unwrap()
}

async fn families_in(app: &TestApp) -> i64 {
    app.sql_count("SELECT COUNT(*) AS n FROM families")
}

#[tokio::test]
async fn every_file_that_cannot_be_imported_is_refused_whole_with_a_code_naming_why() {
    let w = world().await;
    let (bytes, _) = export(&w.mother, w.family).await;
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let importer = w.app.register("Nieuwe ouder").await;
    let before = families_in(&w.app).await;
    let users_before = w.app.sql_count("SELECT COUNT(*) AS n FROM users");

    let mut edited = value.clone();
    edited["family"]["name"] = "Familie Anders".into();
    let tampered = serde_json::to_vec(&edited).unwrap();

    let mut other_version = value.clone();
    other_version["version"] = 2.into();

    let mut other_format = value.clone();
    other_format["format"] = "something-else".into();

    let mut bad_section = value.clone();
    let goals = bad_section["family"]["sections"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .position(|s| s["kind"] == "goals" && s.get("owner").is_none())
        .unwrap();
    bad_section["family"]["sections"][goals]["content"]["data"]["goals"][0]["scale_now"] =
        "veel".into();

    let mut wrong_kind = value.clone();
    wrong_kind["family"]["sections"][goals]["content"] =
        serde_json::json!({"kind": "concerns", "data": {"worries": ["x"]}});

    let mut nobody = value.clone();
    nobody["family"]["comments"][0]["author"] = Uuid::new_v4().to_string().into();

    let mut unknown_field = value.clone();
    unknown_field["family"]["secret"] = "x".into();

    let cases: Vec<(&str, Vec<u8>, ErrorCode, Option<String>)> = vec![
        (
            "truncated",
            bytes[..bytes.len() / 2].to_vec(),
            ErrorCode::FamilyFileInvalid,
            None,
        ),
        (
            "not json",
            b"%PDF-1.7 not a family file".to_vec(),
            ErrorCode::FamilyFileInvalid,
            None,
        ),
        (
            "another format",
            serde_json::to_vec(&other_format).unwrap(),
            ErrorCode::FamilyFileInvalid,
            Some("format".into()),
        ),
        (
            "another version",
            serde_json::to_vec(&other_version).unwrap(),
            ErrorCode::FamilyFileVersionUnsupported,
            Some("version".into()),
        ),
        (
            "edited without its digest",
            tampered,
            ErrorCode::FamilyFileDamaged,
            Some("digest".into()),
        ),
        (
            "a section that does not parse",
            signed(bad_section),
            ErrorCode::FamilyFileSectionInvalid,
            Some(format!("family.sections[{goals}].content")),
        ),
        (
            "a section of another kind",
            signed(wrong_kind),
            ErrorCode::FamilyFileSectionInvalid,
            Some(format!("family.sections[{goals}].content")),
        ),
        (
            "a comment by nobody in the file",
            signed(nobody),
            ErrorCode::FamilyFileInvalid,
            Some("family.comments[0].author".into()),
        ),
        (
            "an unknown field",
            signed(unknown_field),
            ErrorCode::FamilyFileInvalid,
            None,
        ),
    ];
    for (case, body, code, field) in cases {
        let err = importer.client.import_family_file(body).await.unwrap_err();
        assert_eq!(err.status(), Some(422), "{case}: {err}");
        assert_eq!(err.code(), Some(code), "{case}: {err}");
        if let onsplan_shared::ClientError::Api { error, .. } = &err {
            if field.is_some() {
                assert_eq!(error.field, field, "{case}");
            }
            assert!(!error.message.is_empty());
        }
    }
    assert_eq!(
        families_in(&w.app).await,
        before,
        "something was half-imported"
    );
    assert_eq!(
        w.app.sql_count("SELECT COUNT(*) AS n FROM users"),
        users_before,
        "a refused import left accounts behind"
    );
}

#[tokio::test]
async fn a_file_of_50_megabytes_is_refused_with_413() {
    let app = spawn_app().await;
    let importer = app.register("Nieuwe ouder").await;
    let huge = vec![b' '; 50 * 1024 * 1024];
    let answer = importer
        .client
        .request(Method::POST, FAMILY_IMPORT)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 413);
    let error: onsplan_shared::ApiError = answer.json().await.unwrap();
    assert_eq!(error.code, ErrorCode::PayloadTooLarge);
    assert_eq!(families_in(&app).await, 0);
}

/// The plan as a person reads it: what every section, revision, comment and version says, by
/// whom (by name) and when; ids and the moment of export left out, as they must change.
fn plan_of(file: &FamilyFile) -> serde_json::Value {
    let names: HashMap<String, String> = file
        .family
        .people
        .iter()
        .map(|p| (p.id.to_string(), p.name.clone()))
        .collect();
    let mut family = serde_json::to_value(&file.family).unwrap();
    let fields = family.as_object_mut().unwrap();
    for gone in ["people", "grants", "access_log", "created_at"] {
        fields.remove(gone);
    }
    for section in fields["sections"].as_array_mut().unwrap() {
        if section.get("owner").is_some() {
            section["owner"] = "exporter".into();
        }
    }
    by_name(&mut family, &names);
    family
}

fn by_name(value: &mut serde_json::Value, names: &HashMap<String, String>) {
    match value {
        serde_json::Value::String(text) => {
            if let Some(name) = names.get(text.as_str()) {
                *text = name.clone();
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| by_name(v, names)),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(|v| by_name(v, names)),
        _ => {}
    }
}

/// Imports `bytes` on `app` as a new account named like the exporter, and exports again.
async fn move_to(app: &TestApp, bytes: Vec<u8>) -> (Vec<u8>, FamilyFile) {
    let mother = app.register("Mama").await;
    let imported = mother.client.import_family_file(bytes).await.unwrap();
    export(&mother, imported.family.id).await
}

#[tokio::test]
async fn a_family_moves_from_sqlite_to_postgresql_and_back_with_its_plan_intact() {
    let w = world_on(spawn_app_on(Backend::Sqlite).await).await;
    let (bytes, first) = export(&w.mother, w.family).await;

    let postgres = spawn_app_on(Backend::Postgres).await;
    let (bytes, second) = move_to(&postgres, bytes).await;
    assert_eq!(plan_of(&first), plan_of(&second));

    let sqlite = spawn_app_on(Backend::Sqlite).await;
    let (_, third) = move_to(&sqlite, bytes).await;
    assert_eq!(plan_of(&first), plan_of(&third));
    assert!(plan_of(&third).to_string().contains("Rust en regelmaat"));
}

/// Checks `value` against the parts of JSON Schema that `docs/family-file.schema.json` uses
/// (`$ref`, `type`, `const`, `enum`, `properties`, `required`, `additionalProperties: false`,
/// `items`); returns what does not fit.
fn misfits(
    schema: &serde_json::Value,
    root: &serde_json::Value,
    value: &serde_json::Value,
    at: &str,
) -> Vec<String> {
    use serde_json::Value;
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/$defs/");
        return misfits(&root["$defs"][name], root, value, at);
    }
    let mut found = Vec::new();
    if let Some(constant) = schema.get("const") {
        if constant != value {
            found.push(format!("{at}: not {constant}"));
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        if !options.contains(value) {
            found.push(format!("{at}: {value} is not one of {options:?}"));
        }
    }
    let fits = match schema.get("type").and_then(Value::as_str) {
        Some("object") => value.is_object(),
        Some("array") => value.is_array(),
        Some("string") => value.is_string(),
        Some("integer") => value.is_i64() || value.is_u64(),
        Some("boolean") => value.is_boolean(),
        _ => true,
    };
    if !fits {
        found.push(format!("{at}: not of type {}", schema["type"]));
        return found;
    }
    if let (Some(fields), Some(object)) = (schema.get("properties"), value.as_object()) {
        for required in schema["required"].as_array().into_iter().flatten() {
            if !object.contains_key(required.as_str().unwrap()) {
                found.push(format!("{at}: {required} is missing"));
            }
        }
        for (key, item) in object {
            match fields.get(key) {
                Some(field) => found.extend(misfits(field, root, item, &format!("{at}.{key}"))),
                None if schema["additionalProperties"] == false => {
                    found.push(format!("{at}.{key}: not in the schema"))
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(list)) = (schema.get("items"), value.as_array()) {
        for (i, item) in list.iter().enumerate() {
            found.extend(misfits(items, root, item, &format!("{at}[{i}]")));
        }
    }
    found
}

#[tokio::test]
async fn the_exported_file_fits_the_schema_in_the_repository() {
    let w = world().await;
    let (bytes, _) = export(&w.mother, w.family).await;
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../docs/family-file.schema.json")).unwrap();
    let file: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(
        misfits(&schema, &schema, &file, "file"),
        Vec::<String>::new()
    );
    // The check itself can fail.
    let mut wrong = file.clone();
    wrong["family"]["extra"] = true.into();
    wrong["version"] = 2.into();
    assert_eq!(misfits(&schema, &schema, &wrong, "file").len(), 2);
}
