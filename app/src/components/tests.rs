//! Server-side renders of the main components with `dioxus-ssr`, in plain `cargo test`.

use dioxus::prelude::*;
use onsplan_shared::auth::Locale;
use onsplan_shared::section::{Author, SectionKind, SectionSummary, Visibility};

use crate::api::Session;
use crate::i18n::I18n;

/// A router with one screen that shows the probe the test put in context, so components
/// with links render as they do in the app.
#[derive(Clone, Debug, PartialEq, Routable)]
enum Probe {
    #[route("/")]
    Show {},
}

#[derive(Clone, Copy)]
struct Body(fn() -> Element);

#[component]
fn Show() -> Element {
    (use_context::<Body>().0)()
}

/// Renders `body` with the contexts the app provides, in `lang`.
fn render(lang: Locale, body: fn() -> Element) -> String {
    #[derive(Props, Clone)]
    struct Props {
        lang: Locale,
        body: fn() -> Element,
    }
    impl PartialEq for Props {
        fn eq(&self, other: &Self) -> bool {
            self.lang == other.lang && std::ptr::fn_addr_eq(self.body, other.body)
        }
    }
    fn root(props: Props) -> Element {
        let lang = use_signal(|| props.lang);
        use_context_provider(|| I18n(lang));
        let mut session = use_context_provider(|| Session::new(lang));
        use_hook(|| session.booting.set(false));
        use_context_provider(|| Body(props.body));
        rsx! { Router::<Probe> {} }
    }
    let mut dom = VirtualDom::new_with_props(root, Props { lang, body });
    dom.rebuild_in_place();
    dioxus_ssr::render(&dom)
}

#[test]
fn register_screen_labels_every_field() {
    let html = render(Locale::Nl, || rsx! { crate::components::auth::Register {} });
    assert!(html.contains("Account maken"), "{html}");
    for id in ["name", "email", "password"] {
        assert!(
            html.contains(&format!("for=\"{id}\"")),
            "label for {id}: {html}"
        );
        assert!(html.contains(&format!("id=\"{id}\"")), "input {id}");
    }
}

#[test]
fn login_screen_speaks_english_when_chosen() {
    let html = render(
        Locale::En,
        || rsx! { crate::components::auth::Login { next: String::new() } },
    );
    assert!(html.contains("Log in"), "{html}");
    assert!(html.contains("Email address"));
}

#[test]
fn overview_card_says_when_and_by_whom() {
    let html = render(Locale::Nl, || {
        let summary = SectionSummary {
            kind: SectionKind::Goals,
            visibility: Visibility::Network,
            version: 3,
            updated_at: Some(chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap()),
            updated_by: Some(Author {
                user_id: uuid::Uuid::nil(),
                name: "Anna".into(),
            }),
        };
        rsx! { crate::components::overview::PlanCards { sections: vec![summary] } }
    });
    assert!(html.contains("Wat willen we bereiken"), "{html}");
    assert!(html.contains("door Anna"), "{html}");
    assert!(html.contains("Ouders en netwerk"));
    assert_eq!(
        html.matches("class=\"card\"").count(),
        11,
        "one card per kind"
    );
    assert!(html.contains("Nog leeg"));
}

#[test]
fn overview_card_shows_the_gist_of_what_is_written() {
    let html = render(Locale::Nl, || {
        let gists = vec![(SectionKind::Concerns, "Tom slaapt slecht (en nog 2)".into())];
        rsx! { crate::components::overview::PlanCards { sections: vec![], gists } }
    });
    assert!(html.contains("Tom slaapt slecht (en nog 2)"), "{html}");
    assert_eq!(html.matches("class=\"gist\"").count(), 1, "{html}");
}

#[test]
fn every_section_editor_renders_its_fields() {
    for kind in SectionKind::ALL {
        let html = render(
            Locale::Nl,
            match kind {
                SectionKind::Goals => || rsx! { EditorProbe { kind: SectionKind::Goals } },
                SectionKind::Agreements => {
                    || rsx! { EditorProbe { kind: SectionKind::Agreements } }
                }
                SectionKind::Safety => || rsx! { EditorProbe { kind: SectionKind::Safety } },
                SectionKind::LifeDomains => {
                    || rsx! { EditorProbe { kind: SectionKind::LifeDomains } }
                }
                SectionKind::Network => || rsx! { EditorProbe { kind: SectionKind::Network } },
                _ => || rsx! { EditorProbe { kind: SectionKind::Concerns } },
            },
        );
        assert!(html.contains("<label"), "{kind}: {html}");
    }
}

/// One editor with one item in each list, so every field type renders.
#[component]
fn EditorProbe(kind: SectionKind) -> Element {
    use crate::components::fields::FieldEditor;
    use crate::schema::{fields, new_item, Field};
    let draft = use_signal(|| {
        let mut data = new_item(fields(kind), false);
        for field in fields(kind) {
            match field {
                Field::List {
                    key, fields, id, ..
                } => data[*key] = serde_json::json!([new_item(fields, *id)]),
                Field::Lines { key, .. } => data[*key] = serde_json::json!(["Tom slaapt slecht"]),
                _ => {}
            }
        }
        data
    });
    let problem = use_signal(|| Some(("goals.0.title".to_string(), crate::i18n::K::ErrRequired)));
    rsx! {
        for field in fields(kind).iter() {
            FieldEditor { key: "{field.key()}", field, path: field.key().to_string(), draft, problem }
        }
    }
}

#[test]
fn goal_editor_has_a_scale_and_says_errors_next_to_the_field() {
    let html = render(
        Locale::Nl,
        || rsx! { EditorProbe { kind: SectionKind::Goals } },
    );
    assert!(html.contains("type=\"range\""), "{html}");
    assert!(html.contains("max=\"10\""));
    assert!(html.contains("id=\"f-goals-0-title-err\""), "{html}");
    assert!(html.contains("Vul dit in."));
}

#[test]
fn agreements_editor_has_who_what_by_when_and_done() {
    let html = render(
        Locale::Nl,
        || rsx! { EditorProbe { kind: SectionKind::Agreements } },
    );
    for text in [
        "Wie doet het?",
        "Wat gaan we doen?",
        "Voor wanneer?",
        "Gedaan",
        "type=\"date\"",
        "type=\"checkbox\"",
    ] {
        assert!(html.contains(text), "{text}: {html}");
    }
}

#[test]
fn safety_plan_editor_has_its_four_parts() {
    let html = render(
        Locale::Nl,
        || rsx! { EditorProbe { kind: SectionKind::Safety } },
    );
    for text in [
        "Signalen",
        "Wat doen we dan?",
        "Wie bellen we?",
        "Waar kunnen de kinderen logeren?",
    ] {
        assert!(html.contains(text), "{text}: {html}");
    }
}

#[test]
fn life_domains_editor_has_five_blocks() {
    let html = render(
        Locale::Nl,
        || rsx! { EditorProbe { kind: SectionKind::LifeDomains } },
    );
    assert_eq!(html.matches("<fieldset").count(), 5, "{html}");
}

#[test]
fn conflict_view_shows_both_versions_side_by_side() {
    let html = render(Locale::Nl, || {
        let mine = serde_json::json!({"worries": ["mijn zorg"]});
        let theirs = serde_json::json!({"worries": ["hun zorg"]});
        rsx! {
            div { class: "compare",
                crate::components::view::ContentView { kind: SectionKind::Concerns, data: mine }
                crate::components::view::ContentView { kind: SectionKind::Concerns, data: theirs }
            }
        }
    });
    assert!(
        html.contains("mijn zorg") && html.contains("hun zorg"),
        "{html}"
    );
}
