//! Journeys of the network and consent: a relative joins from the emailed invitation, a parent shares with
//! a professional and takes it back (and reads the access log), and a professional asks for
//! access that a parent grants narrower. Each saves its screens at 360x740.

use std::time::Duration;

use chrono::Utc;
use onsplan_shared::client::SectionScope;
use onsplan_shared::consent::{CreateGrantRequest, GrantedSection, LinkProfessionalRequest};
use onsplan_shared::family::Role;
use onsplan_shared::routes::{APP_INVITE_PAGE, APP_PASSWORD_RESET_PAGE};
use onsplan_shared::section::{CreateCommentRequest, SectionKind};
use onsplan_shared::section_content::SectionContent;
use onsplan_tests::mail::ParsedMail;
use onsplan_tests::smtp::SmtpServer;
use onsplan_tests::{AppOptions, Person, TestApp, PASSWORD};
use serde_json::json;
use uuid::Uuid;

use super::webdriver::Browser;
use super::{artifact, parent_and_family, register_with_family, setup, setup_with, submit_login};

/// Writes `data` into a shared section as `parent`, through the API.
async fn write(parent: &Person, family: Uuid, kind: SectionKind, data: serde_json::Value) {
    let content: SectionContent =
        serde_json::from_value(json!({"kind": kind.as_str(), "data": data})).unwrap();
    parent
        .write_first(SectionScope::Shared, family, content)
        .await;
}

async fn count(browser: &Browser, css: &str) -> u64 {
    browser
        .js(
            "return document.querySelectorAll(arguments[0]).length",
            json!([css]),
        )
        .await
        .as_u64()
        .unwrap_or_default()
}

/// The words of the first element matching `css` (empty when there is none).
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

/// Saves the screen as an artifact, after checking it fits a 360 px wide phone (nothing
/// sticks out sideways; a long email address once did).
async fn shot(browser: &Browser, name: &str) {
    let width = browser
        .js("return document.documentElement.scrollWidth", json!([]))
        .await
        .as_u64()
        .unwrap_or_default();
    assert!(width <= 360, "{name}: the page is {width} px wide");
    browser.screenshot(&artifact(name)).await;
}

/// Opens every grouped line of the access log and waits until the log holds `text`.
async fn wait_log_text(browser: &Browser, text: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let log = browser
            .js(
                "document.querySelectorAll('details.log-group').forEach(d => d.open = true);
                 const log = document.querySelector('#log'); return log ? log.innerText : ''",
                json!([]),
            )
            .await;
        if log.as_str().unwrap_or_default().contains(text) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no {text:?} in the log: {log}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Logs in through the login screen.
async fn log_in(app: &TestApp, browser: &Browser, email: &str) {
    browser.goto(&app.url("/inloggen")).await;
    submit_login(browser, email).await;
}

/// A professional of a verified organisation, with an account they activated.
async fn professional(app: &TestApp) -> Person {
    let (_, admin) = app.organisation("Jeugdbescherming Noord").await;
    app.professional(&admin, "Jan de Vries").await
}

/// Like `setup`, with an SMTP listener in this process that the server sends its email to.
async fn setup_with_mail() -> Option<(SmtpServer, TestApp, Browser)> {
    let smtp = SmtpServer::start().await;
    let (app, browser) = setup_with(AppOptions {
        smtp_url: Some(smtp.url()),
        ..AppOptions::default()
    })
    .await?;
    Some((smtp, app, browser))
}

/// A professional, and a parent registered in `browser` (screenshots named after `shot`) with
/// their family.
async fn professional_and_parent(
    app: &TestApp,
    browser: &Browser,
    shot: &str,
) -> (Person, Person, Uuid) {
    let pro = professional(app).await;
    let email = register_with_family(app, browser, shot).await;
    let (parent, family) = parent_and_family(app, &email).await;
    (pro, parent, family)
}

/// Links `pro` to the family through the API, as `parent`.
async fn link(parent: &Person, family: Uuid, pro: &Person) {
    let request = LinkProfessionalRequest {
        email: pro.me.email.clone(),
    };
    parent
        .client
        .link_professional(family, &request)
        .await
        .unwrap();
}

/// The data of a safety plan with one warning sign.
fn a_safety_plan() -> serde_json::Value {
    json!({"warning_signs": ["Er wordt geschreeuwd"], "what_we_do": [], "whom_we_call": [], "safe_places": []})
}

#[tokio::test]
async fn relative_joins_from_the_email_and_sees_only_network_sections() {
    let Some((smtp, app, browser)) = setup_with_mail().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "invite").await;
    let (parent, family) = parent_and_family(&app, &email).await;
    write(
        &parent,
        family,
        SectionKind::Concerns,
        json!({"worries": ["Geheime zorg 4711"]}),
    )
    .await;
    write(
        &parent,
        family,
        SectionKind::Strengths,
        json!({"going_well": ["Oma haalt Tom uit school"], "worked_before": []}),
    )
    .await;

    browser.click("#nav-network").await;
    browser.wait("#invite-form").await;
    let oma = onsplan_tests::unique_email("oma");
    browser.type_into("#invite-email", &oma).await;
    browser
        .type_into("#invite-message", "Lieve mam, doe je mee?")
        .await;
    browser.click("#send-invite").await;
    browser.wait_text("De uitnodiging is verstuurd.").await;
    browser.wait("#invites").await;
    assert!(text_of(&browser, "#invites").await.contains(&oma));
    shot(&browser, "network-invite-sent.png").await;

    let mails = smtp.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(mails[0].to, vec![oma.clone()]);
    let first = ParsedMail::parse(&mails[0].data).token_after(APP_INVITE_PAGE);

    // Sent again: a new email, and the first link stops working.
    browser.click("button[id^='resend-']").await;
    browser.wait_text("Er is een nieuwe e-mail gestuurd.").await;
    let mails = smtp.wait_for(2, Duration::from_secs(20)).await;
    let mail = ParsedMail::parse(&mails[1].data);
    assert!(mail.body("text/plain").contains("Lieve mam, doe je mee?"));
    let token = mail.token_after(APP_INVITE_PAGE);
    assert_ne!(token, first);

    // The relative opens the link on their own phone; the old one says to use the newest.
    let phone = Browser::start().await;
    phone
        .goto(&app.url(&format!("{APP_INVITE_PAGE}#{first}")))
        .await;
    phone
        .wait_text("Gebruik de link in de nieuwste e-mail.")
        .await;
    shot(&phone, "invite-link-superseded.png").await;
    phone
        .goto(&app.url(&format!("{APP_INVITE_PAGE}#{token}")))
        .await;
    phone
        .wait_text("Sanne nodigt je uit voor het plan van Familie de Vries.")
        .await;
    phone.wait_text("Lieve mam, doe je mee?").await;
    shot(&phone, "invite-accept.png").await;
    phone.type_into("#name", "Oma Els").await;
    phone.type_into("#password", PASSWORD).await;
    phone.click("#accept").await;
    phone.wait(".shared-sections").await;
    phone.wait_text("Oma haalt Tom uit school").await;
    shot(&phone, "relative-plan.png").await;
    let seen = phone.html().await;
    assert!(
        !seen.contains("Geheime zorg 4711"),
        "parents-only text shown"
    );
    assert!(
        !seen.contains("Waar maken we ons zorgen over"),
        "a parents-only section is listed"
    );
    assert_eq!(
        count(&phone, "article.shared-section").await,
        6,
        "the six sections a new family shares with its network (safe by default)"
    );
    assert_eq!(
        count(&phone, "a[href^='/plan/']:not([href='/plan/lezen'])").await,
        count(&phone, "a[id^='comments-']").await,
        "relatives get no editors, only a link to each section's comments (and the whole plan to read)"
    );

    // An editor's address of a section they may not read shows a relative nothing of it.
    phone.goto(&app.url("/plan/concerns")).await;
    phone.wait_text("Dit kun je niet bekijken").await;
    assert!(!phone.html().await.contains("Geheime zorg 4711"));
    assert_eq!(count(&phone, "form.editor").await, 0);

    // The link works once; opened again it says so and what to do.
    phone
        .goto(&app.url(&format!("{APP_INVITE_PAGE}#{token}")))
        .await;
    phone.wait_text("Deze uitnodiging is al gebruikt.").await;
    shot(&phone, "invite-link-used.png").await;

    // A link for someone else, opened while logged in as Oma: log out first, then join.
    parent
        .client
        .invite(
            family,
            &onsplan_shared::invite::CreateInviteRequest {
                email: onsplan_tests::unique_email("buurvrouw"),
                role: onsplan_shared::family::Role::Relative,
                message: String::new(),
                locale: Default::default(),
            },
        )
        .await
        .unwrap();
    let mails = smtp.wait_for(3, Duration::from_secs(20)).await;
    let neighbour = ParsedMail::parse(&mails[2].data).token_after(APP_INVITE_PAGE);
    phone
        .goto(&app.url(&format!("{APP_INVITE_PAGE}#{neighbour}")))
        .await;
    phone.wait_text("Log eerst uit, dan kun je meedoen.").await;
    shot(&phone, "invite-other-account.png").await;
    phone.click("#switch-account").await;
    phone.wait("#name").await;
    assert_eq!(
        count(&phone, "#logout").await,
        0,
        "logged out, still on the invitation"
    );

    // The parent now sees Oma as a member, and no open invitation.
    browser.refresh().await;
    browser.wait("#members").await;
    browser.wait_text("Oma Els").await;
    browser.wait_text("buurvrouw-").await;
    assert_eq!(
        count(&browser, "#invites li").await,
        1,
        "only the neighbour's invitation is open"
    );
    shot(&browser, "network-members.png").await;
    phone.assert_no_csp_violations().await;
    browser.assert_no_csp_violations().await;
}

#[tokio::test]
async fn parent_removes_a_relative_who_then_reads_they_are_no_longer_part_of_the_family() {
    let Some((smtp, app, browser)) = setup_with_mail().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "remove").await;
    let (parent, family) = parent_and_family(&app, &email).await;
    parent
        .client
        .invite(
            family,
            &onsplan_shared::invite::CreateInviteRequest {
                email: onsplan_tests::unique_email("oma"),
                role: onsplan_shared::family::Role::Relative,
                message: String::new(),
                locale: Default::default(),
            },
        )
        .await
        .unwrap();
    let mails = smtp.wait_for(1, Duration::from_secs(20)).await;
    let token = ParsedMail::parse(&mails[0].data).token_after(APP_INVITE_PAGE);

    // Oma joins from the email on her own phone.
    let phone = Browser::start().await;
    phone
        .goto(&app.url(&format!("{APP_INVITE_PAGE}#{token}")))
        .await;
    phone.type_into("#name", "Oma Riet").await;
    phone.type_into("#password", PASSWORD).await;
    phone.click("#accept").await;
    phone.wait(".shared-sections").await;

    // The parent may remove Oma, not themselves; as the only parent they cannot leave.
    browser.click("#nav-network").await;
    browser.wait("#members").await;
    browser.wait_text("Oma Riet").await;
    assert_eq!(count(&browser, "button[id^='remove-']").await, 1);
    assert_eq!(count(&browser, "#leave").await, 0, "the last parent stays");
    browser.click("button[id^='remove-']").await;
    browser
        .wait_text("Weet je het zeker? Oma Riet kan het plan dan niet meer lezen.")
        .await;
    browser.check_accessibility().await;
    shot(&browser, "member-remove-confirm.png").await;
    browser.click("button[id^='remove-'][id$='-yes']").await;
    browser
        .wait_text("Deze persoon hoort niet meer bij het plan.")
        .await;
    assert!(!text_of(&browser, "#members").await.contains("Oma Riet"));
    browser.check_accessibility().await;
    let mut focused = json!(null);
    for _ in 0..50 {
        focused = browser
            .js("return document.activeElement.id", json!([]))
            .await;
        if focused == json!("members-title") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        focused,
        json!("members-title"),
        "focus goes to the list's heading"
    );
    shot(&browser, "member-removed.png").await;

    // Oma's next request for the family says plainly that she is no longer part of it.
    phone.click("#to-members").await;
    phone.wait_text("Je hoort niet meer bij dit gezin").await;
    shot(&phone, "member-no-longer-part.png").await;
    phone.refresh().await;
    phone.wait_text("Je hoort niet meer bij dit gezin").await;
    assert!(!phone.html().await.contains("Dit kunnen we niet vinden."));
    phone.assert_no_csp_violations().await;
    browser.assert_no_csp_violations().await;
}

#[tokio::test]
async fn relative_leaves_the_family_after_a_plain_question_and_lands_at_the_start() {
    let Some((smtp, app, browser)) = setup_with_mail().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "leave").await;
    let (parent, family) = parent_and_family(&app, &email).await;
    parent
        .client
        .invite(
            family,
            &onsplan_shared::invite::CreateInviteRequest {
                email: onsplan_tests::unique_email("oom"),
                role: onsplan_shared::family::Role::Relative,
                message: String::new(),
                locale: Default::default(),
            },
        )
        .await
        .unwrap();
    let mails = smtp.wait_for(1, Duration::from_secs(20)).await;
    let token = ParsedMail::parse(&mails[0].data).token_after(APP_INVITE_PAGE);
    let phone = Browser::start().await;
    phone
        .goto(&app.url(&format!("{APP_INVITE_PAGE}#{token}")))
        .await;
    phone.type_into("#name", "Oom Kees").await;
    phone.type_into("#password", PASSWORD).await;
    phone.click("#accept").await;
    phone.wait(".shared-sections").await;

    phone.click("#to-members").await;
    phone.wait("#members").await;
    assert_eq!(count(&phone, "button[id^='remove-']").await, 0);
    phone.click("#leave").await;
    phone
        .wait_text(
            "Je kunt het plan dan niet meer lezen. Een ouder kan je later opnieuw uitnodigen.",
        )
        .await;
    phone.check_accessibility().await;
    shot(&phone, "member-leave-confirm.png").await;
    phone.click("#leave-yes").await;
    phone.wait("#family-name").await;
    assert!(!phone
        .html()
        .await
        .contains("Je hoort niet meer bij dit gezin"));
    let members = parent.client.family(family).await.unwrap().members;
    assert_eq!(members.len(), 1, "only the parent is left");
    phone.assert_no_csp_violations().await;
}

#[tokio::test]
async fn parent_shares_two_sections_until_a_date_then_revokes_and_reads_the_log() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let (pro, parent, family) = professional_and_parent(&app, &browser, "share").await;
    write(&parent, family, SectionKind::Safety, a_safety_plan()).await;
    write(&parent, family, SectionKind::Network, json!({"people": []})).await;

    // Link the professional by email, then open what the family shares with them.
    browser.click("#nav-network").await;
    browser
        .type_into("#professional-email", &pro.me.email)
        .await;
    browser.click("#link-professional").await;
    browser.wait_text("De hulpverlener is toegevoegd.").await;
    browser.wait_text("Jeugdbescherming Noord").await;
    browser.wait_text("Account van de organisatie").await;
    shot(&browser, "network-professional-linked.png").await;
    browser.click(&format!("#share-with-{}", pro.id())).await;
    browser.wait("#grant-form").await;
    browser.click("#share-about").await;
    browser.click("#share-safety").await;
    let until = (Utc::now() + chrono::Duration::days(30)).date_naive();
    browser
        .set_value("#share-until", &until.format("%Y-%m-%d").to_string())
        .await;
    shot(&browser, "share-form.png").await;
    browser.click("#share-submit").await;
    browser.wait_text("Gedeeld.").await;
    browser.wait("#grants-active").await;
    shot(&browser, "share-active.png").await;
    let grants = parent.client.grants(family).await.unwrap();
    assert_eq!(grants.len(), 1);
    assert_eq!(grants[0].sections.len(), 2);
    assert_eq!(
        grants[0].valid_until,
        onsplan_shared::dutch_time::dutch_midnight(until + chrono::Duration::days(1)),
        "shared up to and including the picked day, until midnight Dutch time"
    );

    // The professional logs in and sees exactly those two.
    let office = Browser::start().await;
    log_in(&app, &office, &pro.me.email).await;
    office.wait(".pro-family").await;
    office.wait_text("Gedeeld tot en met").await;
    shot(&office, "pro-home.png").await;
    office
        .click(&format!("a[href='/hulpverlener/{family}']"))
        .await;
    office.wait(".shared-sections").await;
    office.wait_text("Er wordt geschreeuwd").await;
    assert_eq!(count(&office, "article.shared-section").await, 2);
    assert_eq!(count(&office, "#shared-about, #shared-safety").await, 2);
    shot(&office, "pro-family-shared.png").await;
    office
        .goto(&app.url(&format!("/hulpverlener/{family}/plan/safety")))
        .await;
    office.wait_text("Er wordt geschreeuwd").await;

    // The parent stops sharing: one tap, confirmed.
    browser.click(&format!("#revoke-{}", grants[0].id)).await;
    browser.wait_text("Weet je het zeker?").await;
    shot(&browser, "share-revoke-confirm.png").await;
    browser
        .click(&format!("#revoke-{}-yes", grants[0].id))
        .await;
    browser
        .wait_text("Deze delen worden niet meer gedeeld.")
        .await;
    browser.wait("#grants-ended").await;
    browser.wait("#nothing-shared").await;
    shot(&browser, "share-revoked.png").await;

    // The professional's next look is refused, and the family page says nothing is shared.
    office.refresh().await;
    office.wait_text("Dit kun je niet bekijken.").await;
    assert!(!office.html().await.contains("Er wordt geschreeuwd"));
    shot(&office, "pro-section-refused.png").await;
    office
        .goto(&app.url(&format!("/hulpverlener/{family}")))
        .await;
    office.wait_text("Dit gezin deelt nu niets met je.").await;
    assert_eq!(count(&office, "article.shared-section").await, 0);
    shot(&office, "pro-family-nothing-shared.png").await;

    // The parent's log says who read what, and the refused attempt.
    // One line per person per day opens to the rows.
    browser.click("#nav-log").await;
    browser.wait("#log").await;
    browser
        .wait_text("Jan de Vries (Jeugdbescherming Noord) keek ")
        .await;
    wait_log_text(
        &browser,
        "Jan de Vries (Jeugdbescherming Noord) las Veiligheidsplan op",
    )
    .await;
    wait_log_text(
        &browser,
        "Jan de Vries (Jeugdbescherming Noord) las Over ons gezin op",
    )
    .await;
    browser
        .wait_text("Jan de Vries (Jeugdbescherming Noord) probeerde Veiligheidsplan te lezen op")
        .await;
    assert!(count(&browser, "#log li.denied").await >= 1);
    shot(&browser, "access-log.png").await;

    // Filtered by person and section, only those rows remain.
    browser.click("#log-filters summary").await;
    browser
        .wait(&format!("#log-person option[value='{}']", pro.id()))
        .await;
    browser
        .set_value("#log-person", &pro.id().to_string())
        .await;
    browser.set_value("#log-section", "about").await;
    wait_log_text(&browser, "las Over ons gezin").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while text_of(&browser, "#log")
        .await
        .contains("Veiligheidsplan op")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "section filter ignored"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let rows = text_of(&browser, "#log").await;
    assert!(!rows.contains("Sanne"), "person filter ignored: {rows}");
    shot(&browser, "access-log-filtered.png").await;
    // A period that starts tomorrow holds nothing yet.
    let tomorrow = (Utc::now() + chrono::Duration::days(1)).date_naive();
    browser
        .set_value("#log-from", &tomorrow.format("%Y-%m-%d").to_string())
        .await;
    browser.wait("#log-empty").await;
    office.assert_no_csp_violations().await;
    browser.assert_no_csp_violations().await;
}

#[tokio::test]
async fn professional_asks_for_access_and_sees_only_the_narrower_set_approved() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let (pro, parent, family) = professional_and_parent(&app, &browser, "request").await;
    link(&parent, family, &pro).await;
    write(&parent, family, SectionKind::Safety, a_safety_plan()).await;
    write(
        &parent,
        family,
        SectionKind::Strengths,
        json!({"going_well": ["Oma helpt elke woensdag"], "worked_before": []}),
    )
    .await;

    let office = Browser::start().await;
    log_in(&app, &office, &pro.me.email).await;
    office.wait_text("Dit gezin deelt nu niets met je.").await;
    office
        .click(&format!("a[href='/hulpverlener/{family}']"))
        .await;
    office.click("#ask-access").await;
    office.wait("#ask-form").await;
    office.click("#ask-safety").await;
    office.click("#ask-strengths").await;
    office.click("#ask-network").await;
    office
        .type_into("#ask-reason", "Ik wil het veiligheidsplan met u bespreken")
        .await;
    shot(&office, "pro-ask-access.png").await;
    office.click("#ask-submit").await;
    office.wait_text("wacht op antwoord").await;
    shot(&office, "pro-request-pending.png").await;

    // The parent approves fewer sections than asked.
    browser.click("#nav-requests").await;
    browser.wait("li.request").await;
    browser
        .wait_text("Ik wil het veiligheidsplan met u bespreken")
        .await;
    browser.click("input[id$='-sections-network']").await;
    browser.click("input[id$='-sections-strengths']").await;
    shot(&browser, "requests-open.png").await;
    browser.click("button[id^='approve-request-']").await;
    browser.wait_text("Goedgekeurd.").await;
    browser.wait("#no-requests").await;
    shot(&browser, "requests-approved.png").await;

    office.refresh().await;
    office.wait(".shared-sections").await;
    office.wait_text("Er wordt geschreeuwd").await;
    assert_eq!(count(&office, "article.shared-section").await, 1);
    assert_eq!(count(&office, "#shared-safety").await, 1);
    assert!(!office.html().await.contains("Oma helpt elke woensdag"));
    shot(&office, "pro-family-narrower.png").await;
    office.assert_no_csp_violations().await;
    browser.assert_no_csp_violations().await;
}

#[tokio::test]
async fn forgotten_password_is_reset_from_the_emailed_link() {
    let Some((smtp, app, browser)) = setup_with_mail().await else {
        return;
    };
    let parent = app.register("Sanne").await;
    app.family_of(&parent, "Familie de Vries").await;

    browser.goto(&app.url("/inloggen")).await;
    browser.click("#forgot").await;
    browser.type_into("#email", &parent.me.email).await;
    browser.click("button[type=submit]").await;
    browser
        .wait_text("Als er een account is met dit e-mailadres")
        .await;
    shot(&browser, "password-forgot-sent.png").await;

    let mails = smtp.wait_for(1, Duration::from_secs(20)).await;
    let token = ParsedMail::parse(&mails[0].data).token_after(APP_PASSWORD_RESET_PAGE);
    let link = app.url(&format!("{APP_PASSWORD_RESET_PAGE}#{token}"));
    browser.goto(&link).await;
    browser
        .type_into("#password", "een nieuw lang wachtwoord")
        .await;
    shot(&browser, "password-reset.png").await;
    browser.click("button[type=submit]").await;
    browser.wait_text("Je wachtwoord is veranderd.").await;
    browser.click("#to-login").await;
    browser.type_into("#email", &parent.me.email).await;
    browser
        .type_into("#password", "een nieuw lang wachtwoord")
        .await;
    browser.click("button[type=submit]").await;
    browser.wait(".cards").await;

    // The link works once.
    browser.goto(&link).await;
    browser
        .type_into("#password", "nog een ander wachtwoord")
        .await;
    browser.click("button[type=submit]").await;
    browser.wait_text("Deze link is al gebruikt.").await;
    shot(&browser, "password-link-used.png").await;
    browser.assert_no_csp_violations().await;
}

#[tokio::test]
async fn with_both_parents_must_agree_sharing_waits_for_the_other_parent() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let (pro, parent, family) = professional_and_parent(&app, &browser, "agree").await;
    let other = app.register("Peter").await;
    app.add_member(family, &other, onsplan_shared::family::Role::Parent)
        .await;
    link(&parent, family, &pro).await;

    // Sanne switches the family's rule on, then shares.
    browser.click("#nav-network").await;
    browser.click("#policy-both").await;
    browser.wait_text("alle ouders ja zeggen").await;
    browser.click("#policy-on-yes").await;
    browser.wait_text("Opgeslagen.").await;
    shot(&browser, "network-policy-on.png").await;
    assert!(
        parent
            .client
            .family(family)
            .await
            .unwrap()
            .policy
            .both_parents_must_agree
    );
    browser.click(&format!("#share-with-{}", pro.id())).await;
    browser.wait_text("alle ouders akkoord").await;
    browser.click("#share-safety").await;
    browser.click("#share-submit").await;
    browser
        .wait_text("Het begint als de andere ouder ook akkoord geeft.")
        .await;
    browser.wait("#grants-pending").await;
    assert_eq!(
        count(&browser, "button[id^='approve-']").await,
        0,
        "Sanne approved already"
    );
    shot(&browser, "share-pending.png").await;
    assert!(
        pro.client.plan(family).await.unwrap().is_empty(),
        "nothing before Peter agrees"
    );

    // Peter approves on his own phone; then it is shared.
    let phone = Browser::start().await;
    log_in(&app, &phone, &other.me.email).await;
    phone.wait("#nav-network").await;
    phone.goto(&app.url(&format!("/delen/{}", pro.id()))).await;
    phone.wait("#grants-pending").await;
    shot(&phone, "share-approve.png").await;
    phone.click("button[id^='approve-']").await;
    phone.wait("#grants-active").await;
    assert_eq!(count(&phone, "#grants-pending").await, 0);
    shot(&phone, "share-approved.png").await;
    let shared = pro.client.plan(family).await.unwrap();
    assert_eq!(shared.len(), 1);
    assert_eq!(shared[0].kind, SectionKind::Safety);
}

#[tokio::test]
async fn a_relatives_comment_reaches_the_parent_but_not_a_professional_with_a_grant() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let (pro, parent, family) = professional_and_parent(&app, &browser, "comments").await;
    write(
        &parent,
        family,
        SectionKind::Goals,
        json!({"goals": [{"id": "g1", "title": "Tom gaat elke dag naar school", "scale_now": 3, "next_step": ""}]}),
    )
    .await;
    let relative = app.register("Oma").await;
    app.add_member(family, &relative, Role::Relative).await;
    link(&parent, family, &pro).await;
    let grant = CreateGrantRequest {
        professional_id: pro.id(),
        sections: vec![GrantedSection::shared(SectionKind::Goals)],
        can_comment: true,
        can_export: false,
        valid_from: None,
        valid_until: None,
    };
    parent.client.create_grant(family, &grant).await.unwrap();

    // The relative reacts on a section of the plan they read along with.
    let phone = Browser::start().await;
    log_in(&app, &phone, &relative.me.email).await;
    phone.click("#comments-goals").await;
    phone.wait_text("Reacties van het gezin").await;
    phone.wait_text("Nog geen reacties.").await;
    phone
        .type_into("#comment", "Ik kan woensdag oppassen.")
        .await;
    phone.click("#comment-submit").await;
    phone.wait_text("Ik kan woensdag oppassen.").await;
    phone.wait_text("Oma,").await;
    shot(&phone, "comments-relative.png").await;

    // The professional reacts too, through the API.
    pro.client
        .comment(
            family,
            SectionKind::Goals,
            &CreateCommentRequest {
                text: "Mooi doel".into(),
            },
        )
        .await
        .unwrap();

    // The parent sees both under the section, the professional with their organisation.
    browser.goto(&app.url("/plan/goals")).await;
    browser.wait_text("Reacties van het gezin").await;
    browser.wait_text("Ik kan woensdag oppassen.").await;
    browser
        .wait_text("Jan de Vries (Jeugdbescherming Noord)")
        .await;
    assert_eq!(count(&browser, "ul.comments li").await, 2);
    assert_eq!(count(&browser, "#comment").await, 1, "the parent may react");
    shot(&browser, "comments-parent.png").await;

    // The professional sees only their own thread with the family.
    let office = Browser::start().await;
    log_in(&app, &office, &pro.me.email).await;
    office.wait(".pro-family").await;
    office
        .goto(&app.url(&format!("/hulpverlener/{family}/plan/goals")))
        .await;
    office.wait_text("Tom gaat elke dag naar school").await;
    office.wait_text("Mooi doel").await;
    assert_eq!(count(&office, "ul.comments li").await, 1);
    assert!(
        !office.html().await.contains("Ik kan woensdag oppassen."),
        "the family's comment is shown to a professional"
    );
    assert_eq!(
        count(&office, "#comment").await,
        1,
        "the grant lets the professional react"
    );
    shot(&office, "comments-professional.png").await;
}
