//! Journeys of everyone's own place: the organisation admin's home, a parent unlinking a
//! professional (the menu counts waiting requests), the grouped access log, a relative at a
//! parents' address, and the header and menu at 150% text on a 360 px phone. Each saves its
//! screens to `tests/artifacts/places-*.png`.

use onsplan_shared::client::SectionScope;
use onsplan_shared::consent::{
    CreateAccessRequest, CreateGrantRequest, CreateProfessionalRequest, GrantedSection,
    LinkProfessionalRequest,
};
use onsplan_shared::family::Role;
use onsplan_shared::section::SectionKind;
use onsplan_shared::section_content::{Goal, Goals, SectionContent};
use onsplan_tests::{Person, TestApp};
use serde_json::json;
use uuid::Uuid;

use super::webdriver::Browser;
use super::{artifact, parent_and_family, register_with_family, setup, submit_login};

/// Saves the screen after checking nothing sticks out sideways.
async fn shot(browser: &Browser, name: &str) {
    let fits = browser
        .js(
            "const d = document.documentElement; return [d.scrollWidth, d.clientWidth]",
            json!([]),
        )
        .await;
    assert!(fits[0].as_u64() <= fits[1].as_u64(), "{name}: {fits}");
    browser.screenshot(&artifact(name)).await;
}

async fn log_in(app: &TestApp, browser: &Browser, email: &str) {
    browser.goto(&app.url("/inloggen")).await;
    submit_login(browser, email).await;
}

async fn text_of(browser: &Browser, css: &str) -> String {
    browser
        .js(
            "const e = document.querySelector(arguments[0]); return e ? e.innerText : ''",
            json!([css]),
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn focused_id(browser: &Browser) -> String {
    browser
        .js(
            "return document.activeElement && document.activeElement.id",
            json!([]),
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// A goal written by `parent` through the API (shared with the network).
async fn write_goal(parent: &Person, family: Uuid) {
    let goals = SectionContent::Goals(Goals {
        goals: vec![Goal {
            id: "g1".into(),
            title: "Rust in huis".into(),
            scale_now: 4,
            next_step: String::new(),
        }],
    });
    parent
        .write_first(SectionScope::Shared, family, goals)
        .await;
}

async fn status_of_goals_read(pro: &Person, family: Uuid) -> u16 {
    pro.client
        .section(SectionScope::Shared, family, SectionKind::Goals)
        .await
        .map_or_else(|e| e.status().unwrap(), |_| 200)
}

#[tokio::test]
async fn org_admin_lands_on_their_professionals_and_never_on_family_screens() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let (_, admin) = app.organisation("Wijkteam Zuid").await;
    let sara = app.professional(&admin, "Sara Jansen").await;
    log_in(&app, &browser, &admin.me.email).await;
    browser.wait(&format!("#org-pro-{}", sara.id())).await;
    assert!(text_of(&browser, "#org-professionals")
        .await
        .contains("Actief"));
    assert_eq!(
        browser
            .js(
                "return document.querySelectorAll('nav.tabs').length",
                json!([])
            )
            .await,
        json!(0)
    );

    browser.type_into("#org-pro-name", "Piet de Boer").await;
    browser
        .type_into("#org-pro-email", "piet.deboer@example.org")
        .await;
    browser.click("#org-add-button").await;
    browser.wait_text("Heeft nog geen wachtwoord gekozen").await;
    // Ready for the next one: focus is back in the first field.
    assert_eq!(focused_id(&browser).await, "org-pro-name");
    shot(&browser, "places-org-home.png").await;

    browser.click(&format!("#stop-{}", sara.id())).await;
    browser.click(&format!("#stop-{}-yes", sara.id())).await;
    browser.wait_text("Het account is gestopt.").await;
    assert!(text_of(&browser, &format!("#org-pro-{}", sara.id()))
        .await
        .contains("Account gestopt"));
    let list = admin.client.org_professionals().await.unwrap();
    assert!(!list.iter().find(|p| p.id == sara.id()).unwrap().active);

    // Family screens send the org admin home.
    for path in ["/gezin-maken", "/plan", "/hulpverlener"] {
        browser.goto(&app.url(path)).await;
        browser.wait("#org-professionals").await;
        let at = browser.js("return location.pathname", json!([])).await;
        assert_eq!(at, json!("/organisatie"), "{path}");
    }
    // A second professional with a half-typed address is refused in words, not in red 5xx.
    let refused = admin
        .client
        .create_professional(&CreateProfessionalRequest {
            email: "piet.deboer@example.org".into(),
            name: "Piet".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(409));
}

#[tokio::test]
async fn parent_unlinks_a_professional_who_then_reads_nothing() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let (_, admin) = app.organisation("Jeugdbescherming Noord").await;
    let pro = app.professional(&admin, "Jan de Vries").await;
    let email = register_with_family(&app, &browser, "places-unlink").await;
    let (parent, family) = parent_and_family(&app, &email).await;
    write_goal(&parent, family).await;
    let link = LinkProfessionalRequest {
        email: pro.me.email.clone(),
    };
    parent
        .client
        .link_professional(family, &link)
        .await
        .unwrap();
    let grant = CreateGrantRequest {
        professional_id: pro.id(),
        sections: vec![GrantedSection::shared(SectionKind::Goals)],
        can_comment: false,
        can_export: false,
        valid_from: None,
        valid_until: None,
    };
    parent.client.create_grant(family, &grant).await.unwrap();
    let ask = CreateAccessRequest {
        sections: vec![SectionKind::Concerns],
        reason: "Voor het overleg".into(),
        valid_from: None,
        valid_until: None,
    };
    pro.client.request_access(family, &ask).await.unwrap();
    assert_eq!(status_of_goals_read(&pro, family).await, 200);

    browser.goto(&app.url("/wie-helpt-mee")).await;
    // The menu says one request waits.
    browser.wait("#nav-requests #requests-waiting").await;
    assert_eq!(text_of(&browser, "#requests-waiting").await, "1");
    let button = format!("#unlink-{}", pro.id());
    assert_eq!(
        browser
            .js(
                "return document.querySelector(arguments[0]).getAttribute('aria-label')",
                json!([button])
            )
            .await,
        json!("Ontkoppelen: Jan de Vries")
    );
    browser.click(&button).await;
    browser
        .wait(&format!("#unlink-{}-question", pro.id()))
        .await;
    shot(&browser, "places-unlink-ask.png").await;
    browser.click(&format!("#unlink-{}-yes", pro.id())).await;
    browser.wait_text("De hulpverlener is ontkoppeld.").await;
    assert_eq!(focused_id(&browser).await, "professionals-title");
    shot(&browser, "places-unlinked.png").await;

    assert_eq!(status_of_goals_read(&pro, family).await, 404);
    assert!(parent
        .client
        .professionals(family)
        .await
        .unwrap()
        .is_empty());
    // The request was declined with the link: nothing waits any more.
    browser.click("#nav-requests").await;
    browser.wait("#no-requests").await;
    assert_eq!(
        browser
            .js(
                "return document.querySelectorAll('#requests-waiting').length",
                json!([])
            )
            .await,
        json!(0)
    );
}

#[tokio::test]
async fn a_parent_writes_something_for_themselves_alone_and_lets_one_professional_read_it() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let (_, admin) = app.organisation("Wijkteam Zuid").await;
    let pro = app.professional(&admin, "Petra Smit").await;
    let email = register_with_family(&app, &browser, "places-private").await;
    let (parent, family) = parent_and_family(&app, &email).await;
    let other = app.register("Tweede ouder").await;
    app.add_member(family, &other, Role::Parent).await;
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

    // The screen says why it exists; nothing written yet means nothing to share.
    browser.goto(&app.url("/plan")).await;
    browser.wait("#nav-private").await;
    browser.click("#nav-private").await;
    browser.wait("#private-sections").await;
    browser
        .wait_text("De andere ouder en de familie zien dit niet.")
        .await;
    browser
        .wait_text("Schrijf eerst iets. Dan kun je het delen.")
        .await;
    shot(&browser, "places-private.png").await;

    browser.click("#private-concerns").await;
    browser.wait("#private-editor").await;
    browser.type_into("#f-worries-0", "Ik slaap slecht").await;

    // Leaving with unsaved text is asked; the text waits for the return, unsaved.
    browser.click("#back-to-private").await;
    browser.wait("#leave-question").await;
    browser.click("#leave-go").await;
    browser.wait("#private-sections").await;
    assert_eq!(
        text_of(&browser, "#private-concerns .meta").await,
        "Nog leeg",
        "leaving saved nothing"
    );
    browser.click("#private-concerns").await;
    browser.wait_text("Je was hier nog mee bezig.").await;
    assert_eq!(browser.value_of("#f-worries-0").await, "Ik slaap slecht");
    browser
        .type_into("#f-worries-0", "Ik slaap slecht sinds de verhuizing")
        .await;
    browser.click("#save").await;
    browser.wait_text("Opgeslagen.").await;
    shot(&browser, "places-private-editor.png").await;

    // "Opgeslagen" holds only until the next change.
    browser
        .type_into("#f-worries-0", "Ik slaap slecht sinds de verhuizing!")
        .await;
    for _ in 0..100 {
        if !text_of(&browser, "#private-editor")
            .await
            .contains("Opgeslagen.")
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        !text_of(&browser, "#private-editor")
            .await
            .contains("Opgeslagen."),
        "'Opgeslagen' is gone after new typing"
    );
    browser
        .type_into("#f-worries-0", "Ik slaap slecht sinds de verhuizing")
        .await;

    // Back on the list (the text is as saved, so nothing is asked): written, and shared with
    // one professional only.
    browser.click("#back-to-private").await;
    browser.wait("#private-share").await;
    assert_eq!(
        text_of(&browser, "#private-concerns .meta").await,
        "Geschreven"
    );
    browser
        .set_value("#private-pro", &pro.id().to_string())
        .await;
    browser.click("#private-share-kinds-concerns").await;
    browser.click("#private-share-submit").await;
    browser.wait_text("Gedeeld.").await;
    shot(&browser, "places-private-shared.png").await;

    let read = pro
        .client
        .private_section(family, parent.id(), SectionKind::Concerns)
        .await
        .unwrap();
    assert!(format!("{:?}", read.content).contains("Ik slaap slecht sinds de verhuizing"));
    assert!(
        other
            .client
            .private_section(family, parent.id(), SectionKind::Concerns)
            .await
            .is_err(),
        "the other parent never reads it"
    );
    browser.assert_no_csp_violations().await;
}

#[tokio::test]
async fn a_relatives_many_reads_show_as_one_line_per_day_that_opens() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "places-log").await;
    let (parent, family) = parent_and_family(&app, &email).await;
    write_goal(&parent, family).await;
    let riet = app.register("Riet Bakker").await;
    app.add_member(family, &riet, Role::Relative).await;
    // Each look at the plan writes one row per section it shows.
    let mut rows_written = 0;
    for _ in 0..3 {
        rows_written += riet.client.plan(family).await.unwrap().len();
    }
    browser.goto(&app.url("/logboek")).await;
    browser.wait("details.log-group").await;
    let groups = browser
        .js(
            "return document.querySelectorAll('details.log-group').length",
            json!([]),
        )
        .await;
    assert_eq!(groups, json!(1));
    let line = text_of(&browser, "details.log-group summary").await;
    let expected = format!("Riet Bakker keek {rows_written} keer naar het plan op ");
    assert!(line.starts_with(&expected), "{line}");
    shot(&browser, "places-log-grouped.png").await;
    browser.click("details.log-group summary").await;
    let rows = browser
        .js(
            "return [...document.querySelectorAll('details.log-group li')].filter(e => e.offsetParent).length",
            json!([]),
        )
        .await;
    assert_eq!(rows, json!(rows_written));
    shot(&browser, "places-log-opened.png").await;
}

#[tokio::test]
async fn a_relative_at_a_parents_address_is_told_plainly() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let mother = app.register("Mama").await;
    let family = app.family_of(&mother, "Familie Bakker").await.id;
    let riet = app.register("Riet").await;
    app.add_member(family, &riet, Role::Relative).await;
    log_in(&app, &browser, &riet.me.email).await;
    // Logged in: the relative lands on the plan they read along with.
    browser.wait("#to-members").await;
    for path in ["/logboek", "/verzoeken", "/alleen-ik"] {
        browser.goto(&app.url(path)).await;
        browser.wait("#parents-only").await;
        assert_eq!(
            text_of(&browser, "#parents-only").await,
            "Dit is alleen voor ouders"
        );
        assert_eq!(
            browser
                .js(
                    "return document.querySelectorAll('[aria-invalid=true], form').length",
                    json!([])
                )
                .await,
            json!(0),
            "{path}"
        );
    }
    shot(&browser, "places-parents-only.png").await;
}

#[tokio::test]
async fn at_150_percent_text_the_header_and_menu_fit_a_phone() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "places-large").await;
    let (parent, family) = parent_and_family(&app, &email).await;
    // A waiting request, so the menu also carries its count.
    let (_, admin) = app.organisation("Jeugdbescherming Noord").await;
    let pro = app.professional(&admin, "Jan de Vries").await;
    let link = LinkProfessionalRequest {
        email: pro.me.email.clone(),
    };
    parent
        .client
        .link_professional(family, &link)
        .await
        .unwrap();
    let ask = CreateAccessRequest {
        sections: vec![SectionKind::Goals],
        reason: "Voor het overleg".into(),
        valid_from: None,
        valid_until: None,
    };
    pro.client.request_access(family, &ask).await.unwrap();
    browser.goto(&app.url("/wie-helpt-mee")).await;
    browser.wait("#requests-waiting").await;
    browser
        .js(
            "document.documentElement.style.fontSize = '150%'",
            json!([]),
        )
        .await;
    for (link, name) in [
        ("#nav-network", "places-large-text-network.png"),
        ("#nav-requests", "places-large-text-requests.png"),
        ("#nav-plan", "places-large-text-plan.png"),
    ] {
        browser.click(link).await;
        browser.wait(&format!("{link}.current")).await;
        // Nothing in the header or the menu is wider than its box: words stay whole.
        let overflowing = browser
            .js(
                "return [...document.querySelectorAll('.bar > *, .tabs > *')]
                    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.id || e.className)",
                json!([]),
            )
            .await;
        assert_eq!(overflowing, json!([]), "{name}");
        shot(&browser, name).await;
    }
}

#[tokio::test]
async fn at_320_px_and_200_percent_text_nothing_scrolls_sideways_and_nothing_moves() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "places-narrow").await;
    let (parent, family) = parent_and_family(&app, &email).await;
    write_goal(&parent, family).await;
    // The narrowest phone, the browser's text size at 200% and "reduce motion" switched on.
    browser
        .cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 320, "height": 640, "deviceScaleFactor": 2, "mobile": true}),
        )
        .await;
    browser
        .cdp("Page.setFontSizes", json!({"fontSizes": {"standard": 32}}))
        .await;
    browser
        .cdp(
            "Emulation.setEmulatedMedia",
            json!({"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]}),
        )
        .await;
    for (path, name) in [
        ("/plan", "narrow-plan.png"),
        ("/plan/agreements", "narrow-agreements-editor.png"),
        ("/plan/safety", "narrow-safety-editor.png"),
        ("/plan/lezen", "narrow-whole-plan.png"),
        ("/wie-helpt-mee", "narrow-network.png"),
        ("/logboek", "narrow-log.png"),
        ("/versies", "narrow-versions.png"),
        ("/afspraken", "narrow-commitments.png"),
        ("/alleen-ik", "narrow-private.png"),
    ] {
        browser.goto(&app.url(path)).await;
        browser.wait("#main h1").await;
        let text = browser
            .js(
                "return parseFloat(getComputedStyle(document.querySelector('#main h1')).fontSize) /
                    parseFloat(getComputedStyle(document.documentElement).fontSize)",
                json!([]),
            )
            .await;
        let root = browser
            .js(
                "return parseFloat(getComputedStyle(document.documentElement).fontSize)",
                json!([]),
            )
            .await;
        assert!(
            root.as_f64().unwrap_or_default() >= 32.0,
            "{name}: text at {root} px, {text}"
        );
        // Nothing moves: the page knows motion is to be reduced, and no element animates.
        let moving = browser
            .js(
                "if (!matchMedia('(prefers-reduced-motion: reduce)').matches) return ['not asked'];
                return [...document.querySelectorAll('*')].filter(e => {
                    const s = getComputedStyle(e);
                    return s.animationName !== 'none' || s.transitionDuration.split(',')
                        .some(d => parseFloat(d) > 0) || s.scrollBehavior === 'smooth';
                }).map(e => e.tagName + '#' + e.id + '.' + e.className)",
                json!([]),
            )
            .await;
        assert_eq!(moving, json!([]), "{name}");
        let wide = browser
            .js(
                "return [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                    .map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))",
                json!([]),
            )
            .await;
        assert_eq!(wide, json!([]), "{name}: wider than the screen");
        shot(&browser, name).await;
    }
}
