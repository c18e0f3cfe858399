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
    let html = render(Locale::Nl, || rsx! { crate::views::auth::Register {} });
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
        || rsx! { crate::views::auth::Login { next: String::new() } },
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
    // The scale is eleven numbered steps with both ends said in words.
    assert_eq!(html.matches("type=\"radio\"").count(), 11, "{html}");
    assert!(html.contains("id=\"f-goals-0-scale_now-10\""), "{html}");
    assert!(html.contains("0 = het gaat helemaal niet"), "{html}");
    assert!(html.contains("10 = het gaat zoals wij willen"), "{html}");
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
fn an_empty_list_starts_with_one_item_ready_to_type_in() {
    #[component]
    fn EmptyConcerns() -> Element {
        use crate::components::fields::FieldEditor;
        use crate::schema::fields;
        let draft = use_signal(|| serde_json::json!({"worries": []}));
        let problem = use_signal(|| None);
        rsx! {
            for field in fields(SectionKind::Concerns).iter() {
                FieldEditor { key: "{field.key()}", field, path: field.key().to_string(), draft, problem }
            }
        }
    }
    let html = render(Locale::Nl, || rsx! { EmptyConcerns {} });
    assert!(html.contains("id=\"f-worries-0\""), "{html}");
    assert!(
        !html.contains("button remove"),
        "nothing to remove yet: {html}"
    );
    assert!(
        html.contains("Bijvoorbeeld: Ik word boos als ik moe ben."),
        "{html}"
    );
}

#[test]
fn a_phone_field_brings_up_the_number_pad_and_long_sections_fold_into_parts() {
    let html = render(
        Locale::Nl,
        || rsx! { EditorProbe { kind: SectionKind::Safety } },
    );
    assert!(
        html.contains("id=\"f-whom_we_call-0-phone\" type=\"tel\" inputmode=\"tel\""),
        "{html}"
    );
    assert_eq!(html.matches("<details class=\"part\"").count(), 4, "{html}");
    assert!(html.contains("deel 2 van 4"), "{html}");
}

#[test]
fn safety_plan_editor_has_its_four_parts() {
    let html = render(
        Locale::Nl,
        || rsx! { EditorProbe { kind: SectionKind::Safety } },
    );
    for text in [
        "Hieraan merken we dat het mis gaat",
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

#[test]
fn an_empty_list_is_described_as_empty_so_every_term_has_a_description() {
    let html = render(Locale::Nl, || {
        let data = serde_json::json!({"goals": []});
        rsx! { crate::components::view::ContentView { kind: SectionKind::Goals, data } }
    });
    assert!(
        html.contains("<dt>Doelen</dt><dd class=\"empty\">"),
        "{html}"
    );
}

// ---- The network, consent, the access log, links, professionals ----

mod part2 {
    use super::render;
    use chrono::{DateTime, Utc};
    use dioxus::prelude::*;
    use onsplan_shared::access_log::{AccessLogEntry, ActorRole, LogAction, LogOutcome};
    use onsplan_shared::auth::Locale;
    use onsplan_shared::consent::{
        AccessRequest, AccessRequestStatus, Grant, GrantStatus, GrantedSection, LinkedProfessional,
        ProfessionalFamily,
    };
    use onsplan_shared::family::Role;
    use onsplan_shared::invite::InviteLookup;
    use onsplan_shared::section::{Author, SectionKind};
    use uuid::Uuid;

    use crate::components::outcome::Outcome;
    use crate::views::access_log::{sentence, LogList};

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    fn author(n: u128, name: &str) -> Author {
        Author {
            user_id: Uuid::from_u128(n),
            name: name.into(),
        }
    }

    fn grant(status: GrantStatus, approved_by: Vec<Author>) -> Grant {
        Grant {
            id: Uuid::from_u128(7),
            professional: author(9, "Jan de Vries"),
            organisation: "Jeugdbescherming".into(),
            sections: vec![
                GrantedSection::shared(SectionKind::Safety),
                GrantedSection::shared(SectionKind::About),
            ],
            can_comment: false,
            can_export: false,
            valid_from: at(1_795_000_000),
            // 3 March 2027, 00:00 in Amsterdam: the last day is 2 March.
            valid_until: at(1_804_028_400),
            status,
            granted_by: author(1, "Sanne"),
            approved_by,
            revoked_at: None,
        }
    }

    fn log_entry(action: LogAction, outcome: LogOutcome) -> AccessLogEntry {
        AccessLogEntry {
            id: Uuid::from_u128(3),
            // 3 March 2026, 13:05 UTC: 14:05 in Amsterdam.
            occurred_at: at(1_772_543_100),
            actor_id: Some(Uuid::from_u128(9)),
            actor_name: Some("Jan de Vries".into()),
            actor_role: ActorRole::Professional,
            organisation: Some("Jeugdbescherming".into()),
            section: Some(SectionKind::Safety),
            section_version: Some(2),
            action,
            outcome,
            basis: None,
            denial_reason: None,
            count: 1,
        }
    }

    #[test]
    fn access_log_rows_read_as_sentences() {
        let now = at(1_790_000_000);
        assert_eq!(
            sentence(
                Locale::Nl,
                &log_entry(LogAction::Read, LogOutcome::Allowed),
                now
            ),
            "Jan de Vries (Jeugdbescherming) las Veiligheidsplan op 3 maart om 14:05"
        );
        assert_eq!(
            sentence(
                Locale::Nl,
                &log_entry(LogAction::Read, LogOutcome::Denied),
                now
            ),
            "Jan de Vries (Jeugdbescherming) probeerde Veiligheidsplan te lezen op 3 maart om 14:05. Dat mocht niet."
        );
        assert_eq!(
            sentence(
                Locale::En,
                &log_entry(LogAction::Read, LogOutcome::Allowed),
                now
            ),
            "Jan de Vries (Jeugdbescherming) read Safety plan on 3 March at 14:05"
        );
        let repeated = AccessLogEntry {
            count: 3,
            ..log_entry(LogAction::Read, LogOutcome::Denied)
        };
        assert_eq!(
            sentence(Locale::Nl, &repeated, now),
            "Jan de Vries (Jeugdbescherming) probeerde Veiligheidsplan te lezen op 3 maart om 14:05. Dat mocht niet. (3 keer geprobeerd)"
        );
    }

    #[test]
    fn access_log_marks_refused_attempts() {
        let html = render(Locale::Nl, || {
            rsx! {
                LogList { entries: vec![
                    log_entry(LogAction::Read, LogOutcome::Denied),
                    log_entry(LogAction::Read, LogOutcome::Allowed),
                ] }
            }
        });
        assert_eq!(html.matches("<li").count(), 2, "{html}");
        assert_eq!(html.matches("class=\"denied\"").count(), 1, "{html}");
        assert!(html.contains("las Veiligheidsplan"), "{html}");
        let empty = render(Locale::Nl, || rsx! { LogList { entries: vec![] } });
        assert!(empty.contains("Er is niets gevonden."), "{empty}");
    }

    #[test]
    fn invitation_page_says_who_invites_to_which_family() {
        let html = render(Locale::Nl, || {
            let invite = InviteLookup {
                family_id: Uuid::nil(),
                family_name: "Familie de Vries".into(),
                inviter_name: "Sanne".into(),
                email: "oma@example.nl".into(),
                role: Role::Relative,
                message: "Lieve mam, doe je mee?".into(),
                expires_at: at(1_795_000_000),
                account_exists: false,
            };
            rsx! { crate::views::accept::InviteIntro { invite } }
        });
        for text in [
            "Sanne nodigt je uit voor het plan van Familie de Vries.",
            "meelezen met de delen die het gezin met het netwerk deelt",
            "Lieve mam, doe je mee?",
            "oma@example.nl",
        ] {
            assert!(html.contains(text), "{text}: {html}");
        }
    }

    #[test]
    fn professional_is_told_plainly_when_nothing_is_shared() {
        let html = render(Locale::Nl, || {
            let family = ProfessionalFamily {
                family_id: Uuid::nil(),
                family_name: "Familie de Vries".into(),
                grants: vec![grant(GrantStatus::Revoked, vec![])],
                requests: vec![],
            };
            rsx! { crate::views::professional::ShareSummary { family } }
        });
        assert!(html.contains("Dit gezin deelt nu niets met je."), "{html}");
        assert!(!html.contains("Veiligheidsplan"), "{html}");
    }

    #[test]
    fn professional_sees_what_is_shared_and_until_when() {
        let html = render(Locale::Nl, || {
            let family = ProfessionalFamily {
                family_id: Uuid::nil(),
                family_name: "Familie de Vries".into(),
                grants: vec![grant(GrantStatus::Active, vec![])],
                requests: vec![],
            };
            rsx! { crate::views::professional::ShareSummary { family } }
        });
        assert!(!html.contains("deelt nu niets"), "{html}");
        assert!(
            html.contains("Over ons gezin, Veiligheidsplan"),
            "in plan order: {html}"
        );
        assert!(html.contains("Gedeeld tot en met"), "{html}");
    }

    /// A grant card with the signals a screen gives it.
    #[component]
    fn GrantProbe(status: GrantStatus, approved_by: Vec<Author>) -> Element {
        let reload = use_signal(|| 0u32);
        let outcome = use_signal(|| None::<Outcome>);
        rsx! {
            crate::views::share::GrantCard {
                family: Uuid::nil(),
                grant: grant(status, approved_by),
                me: Some(Uuid::from_u128(2)),
                reload,
                outcome,
            }
        }
    }

    #[test]
    fn waiting_grant_asks_this_parent_to_approve_and_can_be_stopped() {
        let html = render(Locale::Nl, || {
            rsx! { GrantProbe { status: GrantStatus::Pending, approved_by: vec![author(1, "Sanne")] } }
        });
        assert!(html.contains("Akkoord geven"), "{html}");
        assert!(html.contains("Akkoord gegeven: Sanne"), "{html}");
        assert!(html.contains("Stoppen met delen"), "{html}");
        let approved = render(Locale::Nl, || {
            rsx! { GrantProbe { status: GrantStatus::Pending, approved_by: vec![author(1, "Sanne"), author(2, "Peter")] } }
        });
        assert!(!approved.contains("Akkoord geven"), "{approved}");
    }

    #[test]
    fn ended_grant_offers_nothing_to_stop() {
        let html = render(Locale::Nl, || {
            rsx! { GrantProbe { status: GrantStatus::Expired, approved_by: vec![] } }
        });
        assert!(html.contains("Afgelopen op"), "{html}");
        assert!(!html.contains("Stoppen met delen"), "{html}");
    }

    #[test]
    fn linked_professionals_show_organisation_and_verified_badge() {
        let html = render(Locale::Nl, || {
            let professionals = vec![LinkedProfessional {
                id: Uuid::from_u128(9),
                name: "Jan de Vries".into(),
                organisation: "Jeugdbescherming".into(),
                verified: true,
                active: true,
                linked_at: at(1_795_000_000),
            }];
            rsx! { crate::views::network::ProfessionalList { professionals } }
        });
        for text in [
            "Jan de Vries",
            "Jeugdbescherming",
            "Account van de organisatie",
            "Delen met Jan de Vries",
        ] {
            assert!(html.contains(text), "{text}: {html}");
        }
    }

    /// An open request with the signals the requests screen gives it.
    #[component]
    fn RequestProbe() -> Element {
        let reload = use_signal(|| 0u32);
        let outcome = use_signal(|| None::<Outcome>);
        let request = AccessRequest {
            id: Uuid::from_u128(5),
            professional: author(9, "Jan de Vries"),
            organisation: "Jeugdbescherming".into(),
            sections: vec![SectionKind::About, SectionKind::Safety],
            reason: "Voor het gesprek op school".into(),
            valid_from: at(1_795_000_000),
            valid_until: at(1_804_028_400),
            status: AccessRequestStatus::Pending,
            created_at: at(1_795_000_000),
            decline_reason: None,
            grant_id: None,
        };
        rsx! { crate::views::requests::OpenRequest { family: Uuid::nil(), request, reload, outcome } }
    }

    #[test]
    fn open_request_ticks_only_the_asked_sections_and_labels_them() {
        let html = render(Locale::Nl, || rsx! { RequestProbe {} });
        assert_eq!(html.matches("type=\"checkbox\"").count(), 2, "{html}");
        assert_eq!(html.matches("checked").count(), 2, "{html}");
        assert!(html.contains("Voor het gesprek op school"), "{html}");
        assert!(html.contains("Jan de Vries (Jeugdbescherming)"), "{html}");
        assert!(html.contains("type=\"date\""), "{html}");
        assert!(html.contains("Nee, niet delen"), "{html}");
    }
}

#[test]
fn a_login_lockout_offers_a_new_password() {
    use crate::i18n::K;
    let html = render(Locale::Nl, || {
        rsx! { crate::views::auth::LoginRefused { text: K::ErrLoginLocked } }
    });
    assert!(html.contains("Wacht een kwartier"), "{html}");
    assert!(html.contains("Wachtwoord vergeten?"), "{html}");
    assert!(html.contains("/wachtwoord-vergeten"), "{html}");
    let wrong = render(Locale::Nl, || {
        rsx! { crate::views::auth::LoginRefused { text: K::ErrCredentials } }
    });
    assert!(!wrong.contains("forgot-locked"), "{wrong}");
}

#[test]
fn refused_logins_and_weak_passwords_are_said_in_the_catalogue_words() {
    use crate::i18n::K;
    use onsplan_shared::{ApiError, ClientError, ErrorCode};
    let refused = |code: ErrorCode, field: Option<&str>| ClientError::Api {
        status: 422,
        error: ApiError {
            field: field.map(str::to_string),
            ..ApiError::new(code, "refused")
        },
    };
    let locked = refused(ErrorCode::RateLimited, None);
    assert_eq!(
        crate::views::auth::login_failure(&locked),
        K::ErrLoginLocked
    );
    let weak = refused(ErrorCode::WeakPassword, Some("password"));
    assert_eq!(
        crate::api::error_field(&weak),
        Some(("password".to_string(), K::ErrPasswordWeak))
    );
    let html = render(Locale::Nl, || rsx! { crate::views::auth::Register {} });
    assert!(
        html.contains("geen wachtwoord dat veel mensen gebruiken"),
        "{html}"
    );
}

#[test]
fn a_comparison_says_in_words_what_came_went_and_changed() {
    use onsplan_shared::version::{FieldChange, SectionChange, SectionChangeKind};
    let html = render(Locale::Nl, || {
        let sections = vec![
            SectionChange {
                kind: SectionKind::Goals,
                change: SectionChangeKind::Changed,
                fields: vec![FieldChange {
                    field: "goals".into(),
                    added: vec!["Werk vinden".into()],
                    removed: vec![],
                    changed: vec!["Rust in huis".into()],
                }],
            },
            SectionChange {
                kind: SectionKind::Strengths,
                change: SectionChangeKind::Added,
                fields: vec![],
            },
            SectionChange {
                kind: SectionKind::About,
                change: SectionChangeKind::Unchanged,
                fields: vec![],
            },
        ];
        rsx! { crate::components::comparison::Changes { sections } }
    });
    assert!(html.contains("Erbij: Werk vinden"), "{html}");
    assert!(html.contains("Anders: Rust in huis"), "{html}");
    assert!(html.contains("Nieuw in het plan."), "{html}");
    assert!(
        !html.contains("Over ons gezin"),
        "unchanged sections stay quiet: {html}"
    );
}

#[test]
fn making_a_family_offers_to_bring_a_plan_from_a_file() {
    let html = render(Locale::Nl, || {
        rsx! { crate::components::family_file::ImportFile {} }
    });
    assert!(
        html.contains("Plan meenemen van een andere server"),
        "{html}"
    );
    assert!(html.contains("for=\"import-file-input\""), "{html}");
    assert!(html.contains("type=\"file\""), "{html}");
}

#[test]
fn a_parent_can_download_the_plan_as_a_file() {
    let html = render(Locale::En, || {
        rsx! { crate::components::family_file::DownloadFile { family: uuid::Uuid::nil() } }
    });
    assert!(html.contains("Download our plan as a file"), "{html}");
}

#[test]
fn the_agenda_lists_overdue_before_this_week_with_done_only_on_own_commitments() {
    use chrono::NaiveDate;
    use onsplan_shared::agenda::{Agenda, AgendaEntry, AgendaItem, Due};
    let html = render(Locale::Nl, || {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let item = |date, due, entry| AgendaItem {
            family_id: uuid::Uuid::nil(),
            family_name: "Familie de Vries".into(),
            date,
            due,
            entry,
        };
        let agenda = Agenda {
            today: day(10),
            week_ends: day(16),
            items: vec![
                item(
                    day(8),
                    Due::Overdue,
                    AgendaEntry::MyCommitment {
                        agreement_id: "koken".into(),
                        what: "Koken op woensdag".into(),
                        assigned: false,
                        may_done: true,
                    },
                ),
                item(
                    day(12),
                    Due::ThisWeek,
                    AgendaEntry::OverdueCommitment {
                        agreement_id: "fiets".into(),
                        what: "Fiets maken".into(),
                        taker_name: "Oma".into(),
                    },
                ),
            ],
            total: 5,
            overdue: 1,
        };
        let reload = use_signal(|| 0u32);
        let outcome = use_signal(|| None);
        rsx! { crate::components::agenda::AgendaList { agenda, reload, outcome } }
    });
    let late = html.find("Te laat").expect("overdue heading");
    let week = html.find("Deze week").expect("this week heading");
    assert!(late < week, "{html}");
    assert!(
        html.contains("Dit zou klaar zijn op 8 december 2026."),
        "{html}"
    );
    assert!(html.contains("id=\"agenda-done-koken\""));
    assert!(!html.contains("agenda-done-fiets"));
    assert!(html.contains("Oma zou dit doen, uiterlijk 12 december 2026."));
    assert!(html.contains("En nog 3 andere."));
}

#[test]
fn a_waiting_deletion_says_who_asked_until_when_and_who_has_not_said_yes() {
    let html = render(Locale::Nl, || {
        let author = |n: u128, name: &str| Author {
            user_id: uuid::Uuid::from_u128(n),
            name: name.to_string(),
        };
        let at = chrono::DateTime::parse_from_rfc3339("2026-12-08T10:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let waiting = onsplan_shared::erasure::PendingDeletion {
            requested_by: author(1, "Sanne"),
            requested_at: at,
            expires_at: at,
            approved_by: vec![author(1, "Sanne")],
            waiting_for: vec![author(2, "Ahmed")],
        };
        rsx! {
            crate::views::erasure::Waiting {
                family: uuid::Uuid::nil(),
                waiting,
                reload: use_signal(|| 0u32),
                failure: use_signal(|| None),
            }
        }
    });
    assert!(html.contains("Sanne wil het gezin verwijderen"), "{html}");
    assert!(html.contains("8 december 2026"), "{html}");
    assert!(html.contains("Nog geen ja van: Ahmed"), "{html}");
    assert!(html.contains("id=\"deletion-approve\""), "{html}");
    assert!(html.contains("id=\"deletion-cancel\""), "{html}");
}

#[test]
fn the_last_parent_is_told_which_families_to_delete_or_hand_over_first() {
    let html = render(Locale::En, || {
        rsx! {
            crate::views::erasure::LastParent {
                names: vec!["Familie Een".to_string(), "Familie Twee".to_string()],
            }
        }
    });
    assert!(
        html.contains("You are the only parent of: Familie Een, Familie Twee"),
        "{html}"
    );
    assert!(html.contains("href=\"/gezin-verwijderen\""), "{html}");
}
