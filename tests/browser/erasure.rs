//! Journeys that delete for good: a parent deletes a test family from a phone after typing its
//! name (a wrong name first, which deletes nothing).

use onsplan_shared::family::Role;

use super::{artifact, parent_and_family, register_with_family, setup};

#[tokio::test]
async fn a_parent_deletes_a_test_family_after_typing_its_name() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "erasure").await;
    let (parent, family) = parent_and_family(&app, &email).await;
    let relative = app.register("Oma").await;
    app.add_member(family, &relative, Role::Relative).await;

    // From the network page to the deletion screen, which says what will be gone.
    browser.click("#nav-network").await;
    browser.click("#to-delete-family").await;
    browser.wait("#family-gone").await;
    browser
        .wait_text("het logboek: wie wat heeft bekeken")
        .await;
    browser
        .wait_text("De naam van je gezin is: Familie de Vries")
        .await;
    browser.screenshot(&artifact("erasure-family.png")).await;

    // A wrong name deletes nothing.
    browser.type_into("#confirm-name", "Familie Vries").await;
    browser.click("#delete-family").await;
    browser.wait_text("Dit is niet de naam van je gezin.").await;
    browser
        .screenshot(&artifact("erasure-family-wrong-name.png"))
        .await;
    assert_eq!(parent.client.plan(family).await.unwrap().len(), 11);

    // The right name deletes the family; with no family left the app offers to make one.
    browser.set_value("#confirm-name", "Familie de Vries").await;
    browser.click("#delete-family").await;
    browser.wait("input#family-name").await;
    browser
        .screenshot(&artifact("erasure-family-gone.png"))
        .await;
    assert!(parent.client.families().await.unwrap().is_empty());
    assert_eq!(
        relative.client.family(family).await.unwrap_err().status(),
        Some(404)
    );
    let told = app.file_email_to(&relative.me.email).await;
    assert!(
        told.subject
            .contains("Het plan van Familie de Vries is verwijderd"),
        "{}",
        told.subject
    );
}
