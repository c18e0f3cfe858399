//! Every email text, in plain Dutch (B1: short sentences, everyday words) and English, and the
//! rendering of a message into plain text and HTML. User-supplied text (names, the family name,
//! the personal message) is escaped in HTML. Emails never carry plan content.
//!
//! To add a language: add a `Catalogue` constant and a `Locale` arm in [`catalogue`].

use chrono::{Datelike, Timelike};
use onsplan_shared::auth::Locale;
use onsplan_shared::family::Role;

/// The texts of one language. `{name}` placeholders are filled by [`fill`].
struct Catalogue {
    /// The language, for the dates written in it.
    locale: Locale,
    invite_subject: &'static str,
    invite_intro: &'static str,
    invite_as_parent: &'static str,
    invite_as_relative: &'static str,
    invite_message: &'static str,
    invite_action: &'static str,
    invite_ignore: &'static str,
    reset_subject: &'static str,
    reset_intro: &'static str,
    reset_action: &'static str,
    reset_ignore: &'static str,
    activation_subject: &'static str,
    activation_intro: &'static str,
    activation_action: &'static str,
    activation_ignore: &'static str,
    request_subject: &'static str,
    request_intro: &'static str,
    request_action: &'static str,
    request_ignore: &'static str,
    policy_on_subject: &'static str,
    policy_on_intro: &'static str,
    policy_asked_subject: &'static str,
    policy_asked_intro: &'static str,
    policy_approved_subject: &'static str,
    policy_approved_intro: &'static str,
    policy_off_subject: &'static str,
    policy_off_intro: &'static str,
    policy_declined_subject: &'static str,
    policy_declined_intro: &'static str,
    policy_action: &'static str,
    removed_subject: &'static str,
    removed_intro: &'static str,
    removed_after: &'static str,
    register_subject: &'static str,
    register_intro: &'static str,
    register_action: &'static str,
    register_ignore: &'static str,
    taken_subject: &'static str,
    taken_intro: &'static str,
    taken_login: &'static str,
    taken_reset: &'static str,
    taken_ignore: &'static str,
    deletion_asked_subject: &'static str,
    deletion_asked_intro: &'static str,
    deletion_asked_rule: &'static str,
    deletion_asked_action: &'static str,
    deleted_subject: &'static str,
    deleted_intro: &'static str,
    deleted_after: &'static str,
    link_expiry: &'static str,
    signature: &'static str,
    /// The `lang` of the HTML message.
    lang: &'static str,
    /// The words on a link's button, and the line offering the link itself to copy.
    button: &'static str,
    button_fallback: &'static str,
    date: &'static str,
}

const NL: Catalogue = Catalogue {
    locale: Locale::Nl,
    invite_subject: "{inviter} nodigt je uit voor het plan van {family}",
    invite_intro:
        "Hallo, {inviter} nodigt je uit voor Ons Plan. Daar maakt {family} samen een plan.",
    invite_as_parent: "Je doet mee als ouder. Je kunt het hele plan lezen en aanpassen.",
    invite_as_relative:
        "Je doet mee als familie, vriend of buur. Je kunt lezen wat het gezin met het netwerk deelt.",
    invite_message: "{inviter} schrijft:",
    invite_action: "Wil je meedoen? Open deze link:",
    invite_ignore: "Ken je {inviter} niet? Of wil je niet meedoen? Dan hoef je niets te doen.",
    reset_subject: "Kies een nieuw wachtwoord voor Ons Plan",
    reset_intro: "Hallo {name}, je vroeg om een nieuw wachtwoord.",
    reset_action: "Open deze link en kies een nieuw wachtwoord:",
    reset_ignore: "Vroeg je dit niet? Dan hoef je niets te doen. Je wachtwoord blijft hetzelfde.",
    activation_subject: "Je account voor Ons Plan staat klaar",
    activation_intro: "Hallo {name}, {organisation} heeft een account voor je gemaakt in Ons Plan.",
    activation_action: "Open deze link en kies je wachtwoord:",
    activation_ignore: "Verwachtte je dit niet? Vraag het dan na bij {organisation}.",
    request_subject: "{professional} vraagt om je plan te lezen",
    request_intro:
        "Hallo {name}, {professional} van {organisation} wil delen van het plan van {family} lezen.",
    request_action:
        "Jij beslist zelf. Log in om te kijken wat er gevraagd wordt en om ja of nee te zeggen:",
    request_ignore: "Zonder jouw ja ziet {professional} niets van het plan.",
    policy_on_subject: "{parent} zette de regel 'Alle ouders moeten akkoord geven' aan",
    policy_on_intro: "Hallo {name}, {parent} zette bij het plan van {family} de regel 'Alle ouders moeten akkoord geven' aan. Vanaf nu mag een hulpverlener pas iets lezen als alle ouders ja zeggen. Wat al gedeeld was, blijft gedeeld. Je kunt dat zelf stoppen.",
    policy_asked_subject: "{parent} wil de regel 'Alle ouders moeten akkoord geven' uitzetten",
    policy_asked_intro: "Hallo {name}, {parent} wil bij het plan van {family} de regel 'Alle ouders moeten akkoord geven' uitzetten. Dan kan één ouder alleen iets delen met een hulpverlener. De regel gaat pas uit als jij ook ja zegt.",
    policy_approved_subject: "{parent} zegt ja tegen het uitzetten van een regel",
    policy_approved_intro: "Hallo {name}, {parent} zegt ja tegen het uitzetten van de regel 'Alle ouders moeten akkoord geven' bij het plan van {family}. De regel gaat pas uit als alle ouders ja zeggen.",
    policy_off_subject: "De regel 'Alle ouders moeten akkoord geven' staat nu uit",
    policy_off_intro: "Hallo {name}, bij het plan van {family} staat de regel 'Alle ouders moeten akkoord geven' nu uit. Alle ouders zeiden ja. Eén ouder kan nu alleen iets delen met een hulpverlener.",
    policy_declined_subject: "{parent} wil de regel 'Alle ouders moeten akkoord geven' houden",
    policy_declined_intro: "Hallo {name}, {parent} zegt nee tegen het uitzetten van de regel 'Alle ouders moeten akkoord geven'. Bij het plan van {family} blijft de regel aan.",
    policy_action: "Log in om te kijken:",
    removed_subject: "Je doet niet meer mee met het plan van {family}",
    removed_intro: "Hallo {name}, {parent} heeft je uit de groep rond het plan van {family} gehaald.",
    removed_after: "Je kunt het plan niet meer lezen. Denk je dat dit niet klopt? Neem dan contact op met {parent}.",
    register_subject: "Bevestig je account bij Ons Plan",
    register_intro: "Hallo {name}, je wilt een account maken bij Ons Plan.",
    register_action: "Open deze link. Dan maken we je account:",
    register_ignore: "Vroeg je dit niet? Dan hoef je niets te doen. Er komt dan geen account.",
    taken_subject: "Iemand wilde een account maken met je e-mailadres",
    taken_intro: "Hallo {name}, iemand wilde een account maken bij Ons Plan met dit e-mailadres. Maar je hebt al een account. Er is dus niets veranderd.",
    taken_login: "Was jij dat? Log dan in met je account:",
    taken_reset: "Weet je je wachtwoord niet meer? Vraag hier een nieuw wachtwoord aan:",
    taken_ignore: "Was jij het niet? Dan hoef je niets te doen. Je account blijft zoals het is.",
    deletion_asked_subject: "{parent} wil het plan van {family} verwijderen",
    deletion_asked_intro: "Hallo {name}, {parent} wil het plan van {family} helemaal verwijderen. Dan is alles weg: het plan, de versies, de afspraken, de reacties en het logboek. Niemand kan het daarna nog lezen.",
    deletion_asked_rule: "Bij jullie moeten alle ouders akkoord geven. Het plan wordt pas verwijderd als alle ouders ja zeggen, uiterlijk {date}. Zeg je niets, dan blijft het plan bestaan.",
    deletion_asked_action: "Log in om ja te zeggen, of om het verwijderen te stoppen:",
    deleted_subject: "Het plan van {family} is verwijderd",
    deleted_intro: "Hallo {name}, {parent} heeft het plan van {family} verwijderd. Alles wat erin stond, is weg. Ook wat met hulpverleners gedeeld was.",
    deleted_after: "Je kunt het plan niet meer lezen. Heb je vragen? Neem dan contact op met {parent}.",
    link_expiry: "De link werkt één keer, tot {date}.",
    signature: "Groeten van Ons Plan",
    lang: "nl",
    button: "Open Ons Plan",
    button_fallback: "Werkt de knop niet? Kopieer dan deze link in je browser:",
    date: "{day} {month} {year} om {time} uur",
};

const EN: Catalogue = Catalogue {
    locale: Locale::En,
    invite_subject: "{inviter} invites you to the plan of {family}",
    invite_intro: "Hello, {inviter} invites you to Ons Plan, where {family} makes a plan together.",
    invite_as_parent: "You join as a parent. You can read and change the whole plan.",
    invite_as_relative:
        "You join as a relative. You can read what the family shares with its network.",
    invite_message: "{inviter} writes:",
    invite_action: "Would you like to join? Open this link:",
    invite_ignore:
        "Don't you know {inviter}, or don't you want to join? Then you need not do anything.",
    reset_subject: "Choose a new password for Ons Plan",
    reset_intro: "Hello {name}, you asked for a new password.",
    reset_action: "Open this link and choose a new password:",
    reset_ignore:
        "Didn't ask for this? Then you need not do anything. Your password stays the same.",
    activation_subject: "Your Ons Plan account is ready",
    activation_intro: "Hello {name}, {organisation} made an account for you in Ons Plan.",
    activation_action: "Open this link and choose your password:",
    activation_ignore: "Not expecting this? Then please check with {organisation}.",
    request_subject: "{professional} asks to read your plan",
    request_intro: "Hello {name}, {professional} of {organisation} would like to read parts of the plan of {family}.",
    request_action: "You decide. Log in to see what is asked and to say yes or no:",
    request_ignore: "Without your yes, {professional} sees nothing of the plan.",
    policy_on_subject: "{parent} switched on the rule 'Every parent must agree'",
    policy_on_intro: "Hello {name}, {parent} switched on the rule 'Every parent must agree' for the plan of {family}. From now on a professional can only read something once every parent says yes. What was shared already stays shared. You can stop that yourself.",
    policy_asked_subject: "{parent} wants to switch off the rule 'Every parent must agree'",
    policy_asked_intro: "Hello {name}, {parent} wants to switch off the rule 'Every parent must agree' for the plan of {family}. Then one parent alone can share something with a professional. The rule only goes off when you say yes too.",
    policy_approved_subject: "{parent} says yes to switching off a rule",
    policy_approved_intro: "Hello {name}, {parent} says yes to switching off the rule 'Every parent must agree' for the plan of {family}. The rule only goes off when every parent says yes.",
    policy_off_subject: "The rule 'Every parent must agree' is off now",
    policy_off_intro: "Hello {name}, the rule 'Every parent must agree' is off now for the plan of {family}. Every parent said yes. One parent alone can now share something with a professional.",
    policy_declined_subject: "{parent} wants to keep the rule 'Every parent must agree'",
    policy_declined_intro: "Hello {name}, {parent} says no to switching off the rule 'Every parent must agree'. The rule stays on for the plan of {family}.",
    policy_action: "Log in to have a look:",
    removed_subject: "You are no longer part of the plan of {family}",
    removed_intro: "Hello {name}, {parent} removed you from the group around the plan of {family}.",
    removed_after: "You can no longer read the plan. Do you think this is a mistake? Then contact {parent}.",
    register_subject: "Confirm your Ons Plan account",
    register_intro: "Hello {name}, you would like to make an account at Ons Plan.",
    register_action: "Open this link and we make your account:",
    register_ignore: "Didn't ask for this? Then you need not do anything. No account is made.",
    taken_subject: "Someone tried to make an account with your email address",
    taken_intro: "Hello {name}, someone tried to make an account at Ons Plan with this email address. But you already have an account, so nothing changed.",
    taken_login: "Was that you? Then log in with your account:",
    taken_reset: "Forgot your password? Ask for a new one here:",
    taken_ignore: "Wasn't that you? Then you need not do anything. Your account stays as it is.",
    deletion_asked_subject: "{parent} wants to delete the plan of {family}",
    deletion_asked_intro: "Hello {name}, {parent} wants to delete the plan of {family} completely. Then everything is gone: the plan, its versions, the agreements, the comments and the log. Nobody can read it after that.",
    deletion_asked_rule: "In your family every parent must agree. The plan is deleted only when every parent says yes, by {date} at the latest. If you do nothing, the plan stays.",
    deletion_asked_action: "Log in to say yes, or to stop the deletion:",
    deleted_subject: "The plan of {family} was deleted",
    deleted_intro: "Hello {name}, {parent} deleted the plan of {family}. Everything in it is gone, including what was shared with professionals.",
    deleted_after: "You can no longer read the plan. Any questions? Then contact {parent}.",
    link_expiry: "The link works once, until {date}.",
    signature: "Best wishes from Ons Plan",
    lang: "en",
    button: "Open Ons Plan",
    button_fallback: "Does the button not work? Then copy this link into your browser:",
    date: "{day} {month} {year} at {time} (Dutch time)",
};

fn catalogue(locale: Locale) -> &'static Catalogue {
    match locale {
        Locale::Nl => &NL,
        Locale::En => &EN,
    }
}

/// A message ready to send: subject, plain text and HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// What an invitation email says.
pub struct InviteMail<'a> {
    pub inviter: &'a str,
    pub family: &'a str,
    pub role: Role,
    pub message: &'a str,
    pub link: &'a str,
    pub expires_at_ms: i64,
}

/// What a password reset email says.
pub struct ResetMail<'a> {
    pub name: &'a str,
    pub link: &'a str,
    pub expires_at_ms: i64,
}

pub fn invite(locale: Locale, mail: &InviteMail) -> Rendered {
    let c = catalogue(locale);
    let names = [("inviter", mail.inviter), ("family", mail.family)];
    let role = match mail.role {
        Role::Parent => c.invite_as_parent,
        Role::Relative => c.invite_as_relative,
    };
    let mut blocks = vec![
        Block::Text(fill(c.invite_intro, &names)),
        Block::Text(role.to_string()),
    ];
    if !mail.message.trim().is_empty() {
        blocks.push(Block::Text(fill(c.invite_message, &names)));
        blocks.push(Block::Quote(mail.message.trim().to_string()));
    }
    blocks.extend([
        Block::Text(c.invite_action.to_string()),
        Block::Link(mail.link.to_string()),
        Block::Text(expiry(c, mail.expires_at_ms)),
        Block::Text(fill(c.invite_ignore, &names)),
        Block::Text(c.signature.to_string()),
    ]);
    render(c, fill(c.invite_subject, &names), &blocks)
}

pub fn password_reset(locale: Locale, mail: &ResetMail) -> Rendered {
    let c = catalogue(locale);
    let blocks = [
        Block::Text(fill(c.reset_intro, &[("name", mail.name)])),
        Block::Text(c.reset_action.to_string()),
        Block::Link(mail.link.to_string()),
        Block::Text(expiry(c, mail.expires_at_ms)),
        Block::Text(c.reset_ignore.to_string()),
        Block::Text(c.signature.to_string()),
    ];
    render(c, c.reset_subject.to_string(), &blocks)
}

/// What the email that confirms a new registration says.
pub struct RegisterMail<'a> {
    pub name: &'a str,
    pub link: &'a str,
    pub expires_at_ms: i64,
}

/// What the owner of an address is told when someone registers with it again.
pub struct AddressTakenMail<'a> {
    pub name: &'a str,
    pub login_link: &'a str,
    pub reset_link: &'a str,
}

pub fn register_confirm(locale: Locale, mail: &RegisterMail) -> Rendered {
    let c = catalogue(locale);
    let blocks = [
        Block::Text(fill(c.register_intro, &[("name", mail.name)])),
        Block::Text(c.register_action.to_string()),
        Block::Link(mail.link.to_string()),
        Block::Text(expiry(c, mail.expires_at_ms)),
        Block::Text(c.register_ignore.to_string()),
        Block::Text(c.signature.to_string()),
    ];
    render(c, c.register_subject.to_string(), &blocks)
}

pub fn address_taken(locale: Locale, mail: &AddressTakenMail) -> Rendered {
    let c = catalogue(locale);
    let blocks = [
        Block::Text(fill(c.taken_intro, &[("name", mail.name)])),
        Block::Text(c.taken_login.to_string()),
        Block::Link(mail.login_link.to_string()),
        Block::Text(c.taken_reset.to_string()),
        Block::Link(mail.reset_link.to_string()),
        Block::Text(c.taken_ignore.to_string()),
        Block::Text(c.signature.to_string()),
    ];
    render(c, c.taken_subject.to_string(), &blocks)
}

/// What a professional's set-your-password email says.
pub struct ActivationMail<'a> {
    pub name: &'a str,
    pub organisation: &'a str,
    pub link: &'a str,
    pub expires_at_ms: i64,
}

/// What a parent is told when a professional asks for access. Carries no plan content and no
/// token: the link opens the app, where the parent logs in.
pub struct AccessRequestMail<'a> {
    pub name: &'a str,
    pub professional: &'a str,
    pub organisation: &'a str,
    pub family: &'a str,
    pub link: &'a str,
}

/// A step on the family's rule "every parent must agree".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyEvent {
    SwitchedOn,
    SwitchOffAsked,
    SwitchOffApproved,
    SwitchedOff,
    SwitchOffDeclined,
}

/// What the other parents are told when the family's rule changes. No plan content, no token.
pub struct PolicyMail<'a> {
    pub name: &'a str,
    /// The parent who acted.
    pub parent: &'a str,
    pub family: &'a str,
    pub event: PolicyEvent,
    pub link: &'a str,
}

pub fn policy_change(locale: Locale, mail: &PolicyMail) -> Rendered {
    let c = catalogue(locale);
    let names = [
        ("name", mail.name),
        ("parent", mail.parent),
        ("family", mail.family),
    ];
    let (subject, intro) = match mail.event {
        PolicyEvent::SwitchedOn => (c.policy_on_subject, c.policy_on_intro),
        PolicyEvent::SwitchOffAsked => (c.policy_asked_subject, c.policy_asked_intro),
        PolicyEvent::SwitchOffApproved => (c.policy_approved_subject, c.policy_approved_intro),
        PolicyEvent::SwitchedOff => (c.policy_off_subject, c.policy_off_intro),
        PolicyEvent::SwitchOffDeclined => (c.policy_declined_subject, c.policy_declined_intro),
    };
    let blocks = [
        Block::Text(fill(intro, &names)),
        Block::Text(c.policy_action.to_string()),
        Block::Link(mail.link.to_string()),
        Block::Text(c.signature.to_string()),
    ];
    render(c, fill(subject, &names), &blocks)
}

/// What someone a parent removed from a family is told. No plan content, no token.
pub struct RemovedMail<'a> {
    pub name: &'a str,
    /// The parent who removed them.
    pub parent: &'a str,
    pub family: &'a str,
}

pub fn member_removed(locale: Locale, mail: &RemovedMail) -> Rendered {
    let c = catalogue(locale);
    let names = [
        ("name", mail.name),
        ("parent", mail.parent),
        ("family", mail.family),
    ];
    let blocks = [
        Block::Text(fill(c.removed_intro, &names)),
        Block::Text(fill(c.removed_after, &names)),
        Block::Text(c.signature.to_string()),
    ];
    render(c, fill(c.removed_subject, &names), &blocks)
}

/// What the other parents are told when a parent asks to delete the family while every
/// parent must agree.
pub struct DeletionAskedMail<'a> {
    pub name: &'a str,
    /// The parent who asked.
    pub parent: &'a str,
    pub family: &'a str,
    pub expires_at_ms: i64,
    pub link: &'a str,
}

pub fn deletion_asked(locale: Locale, mail: &DeletionAskedMail) -> Rendered {
    let c = catalogue(locale);
    let date = moment(c, mail.expires_at_ms);
    let names = [
        ("name", mail.name),
        ("parent", mail.parent),
        ("family", mail.family),
        ("date", date.as_str()),
    ];
    let blocks = [
        Block::Text(fill(c.deletion_asked_intro, &names)),
        Block::Text(fill(c.deletion_asked_rule, &names)),
        Block::Text(c.deletion_asked_action.to_string()),
        Block::Link(mail.link.to_string()),
        Block::Text(c.signature.to_string()),
    ];
    render(c, fill(c.deletion_asked_subject, &names), &blocks)
}

/// What members and linked professionals are told when the family was deleted.
pub struct FamilyDeletedMail<'a> {
    pub name: &'a str,
    /// The parent whose step deleted it.
    pub parent: &'a str,
    pub family: &'a str,
}

pub fn family_deleted(locale: Locale, mail: &FamilyDeletedMail) -> Rendered {
    let c = catalogue(locale);
    let names = [
        ("name", mail.name),
        ("parent", mail.parent),
        ("family", mail.family),
    ];
    let blocks = [
        Block::Text(fill(c.deleted_intro, &names)),
        Block::Text(fill(c.deleted_after, &names)),
        Block::Text(c.signature.to_string()),
    ];
    render(c, fill(c.deleted_subject, &names), &blocks)
}

pub fn activation(locale: Locale, mail: &ActivationMail) -> Rendered {
    let c = catalogue(locale);
    let names = [("name", mail.name), ("organisation", mail.organisation)];
    let blocks = [
        Block::Text(fill(c.activation_intro, &names)),
        Block::Text(c.activation_action.to_string()),
        Block::Link(mail.link.to_string()),
        Block::Text(expiry(c, mail.expires_at_ms)),
        Block::Text(fill(c.activation_ignore, &names)),
        Block::Text(c.signature.to_string()),
    ];
    render(c, c.activation_subject.to_string(), &blocks)
}

pub fn access_request(locale: Locale, mail: &AccessRequestMail) -> Rendered {
    let c = catalogue(locale);
    let names = [
        ("name", mail.name),
        ("professional", mail.professional),
        ("organisation", mail.organisation),
        ("family", mail.family),
    ];
    let blocks = [
        Block::Text(fill(c.request_intro, &names)),
        Block::Text(c.request_action.to_string()),
        Block::Link(mail.link.to_string()),
        Block::Text(fill(c.request_ignore, &names)),
        Block::Text(c.signature.to_string()),
    ];
    render(c, fill(c.request_subject, &names), &blocks)
}

fn expiry(c: &Catalogue, at_ms: i64) -> String {
    fill(c.link_expiry, &[("date", &moment(c, at_ms))])
}

/// A moment in words, in Dutch time.
fn moment(c: &Catalogue, at_ms: i64) -> String {
    let at = onsplan_shared::dutch_time::dutch_time(crate::db::to_utc(at_ms));
    let time = format!("{:02}:{:02}", at.hour(), at.minute());
    fill(
        c.date,
        &[
            ("day", &at.day().to_string()),
            (
                "month",
                onsplan_shared::dutch_time::month_name(c.locale, at.month0()),
            ),
            ("year", &at.year().to_string()),
            ("time", &time),
        ],
    )
}

/// One paragraph of a message.
pub(crate) enum Block {
    Text(String),
    /// Someone's own words, shown set apart.
    Quote(String),
    Link(String),
}

/// `blocks` as an email in `locale`'s language (for messages whose texts live elsewhere).
pub(crate) fn render_in(locale: Locale, subject: String, blocks: &[Block]) -> Rendered {
    render(catalogue(locale), subject, blocks)
}

fn render(c: &Catalogue, subject: String, blocks: &[Block]) -> Rendered {
    let text = blocks
        .iter()
        .map(|block| match block {
            Block::Text(text) | Block::Link(text) => text.clone(),
            Block::Quote(text) => text
                .lines()
                .map(|line| format!("> {line}"))
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let body: String = blocks
        .iter()
        .map(|block| match block {
            Block::Text(text) => format!("<p>{}</p>\n", escape_html(text).replace('\n', "<br>")),
            Block::Quote(text) => format!(
                "<blockquote style=\"border-left:4px solid #ccc;margin:0;padding-left:12px\">{}</blockquote>\n",
                escape_html(text).replace('\n', "<br>")
            ),
            // A link is a button, with the address itself to copy underneath.
            Block::Link(link) => {
                let link = escape_html(link);
                format!(
                    "<p><a href=\"{link}\" style=\"display:inline-block;padding:12px 24px;\
                     background:#1d4e89;color:#ffffff;border-radius:8px;font-weight:bold;\
                     text-decoration:none\">{}</a></p>\n<p style=\"font-size:14px;color:#4a4f57\">\
                     {}<br><a href=\"{link}\" style=\"color:#0b4a8b;word-break:break-all\">{link}</a></p>\n",
                    escape_html(c.button),
                    escape_html(c.button_fallback)
                )
            }
        })
        .collect();
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title></head>\n\
         <body style=\"font-family:sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a\">\n{body}</body></html>\n",
        c.lang,
        escape_html(&subject)
    );
    Rendered {
        subject,
        text,
        html,
    }
}

/// Replaces each `{key}` with its value. Values are inserted as they are: escaping is the
/// renderer's job.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (key, value)| {
            text.replace(&format!("{{{key}}}"), value)
        })
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "https://onsplan.test/uitnodiging#abcDEF123_-";

    fn mail(message: &str) -> InviteMail<'_> {
        InviteMail {
            inviter: "Fatima",
            family: "Familie Jansen",
            role: Role::Relative,
            message,
            link: LINK,
            // 30 November 2026 16:45 UTC, 17:45 in the Netherlands
            expires_at_ms: 1_796_057_100_000,
        }
    }

    #[test]
    fn registration_mails_carry_the_link_or_the_ways_to_log_in() {
        for locale in [Locale::Nl, Locale::En] {
            let confirm = register_confirm(
                locale,
                &RegisterMail {
                    name: "Sanne <b>",
                    link: "https://onsplan.test/account-bevestigen#abc",
                    expires_at_ms: 1_796_057_100_000,
                },
            );
            assert!(confirm
                .text
                .contains("https://onsplan.test/account-bevestigen#abc"));
            assert!(confirm.text.contains("Sanne <b>"));
            assert!(confirm.html.contains("Sanne &lt;b&gt;"));
            let taken = address_taken(
                locale,
                &AddressTakenMail {
                    name: "Sanne",
                    login_link: "https://onsplan.test/inloggen",
                    reset_link: "https://onsplan.test/wachtwoord-vergeten",
                },
            );
            for body in [&taken.text, &taken.html] {
                assert!(body.contains("https://onsplan.test/inloggen"));
                assert!(body.contains("https://onsplan.test/wachtwoord-vergeten"));
                assert!(!body.contains("account-bevestigen"));
            }
            assert_ne!(confirm.subject, taken.subject);
        }
    }

    #[test]
    fn dutch_and_english_invites_name_inviter_family_message_link_and_expiry() {
        let nl = invite(Locale::Nl, &mail("Doe je mee, oma?"));
        let en = invite(Locale::En, &mail("Doe je mee, oma?"));
        for (rendered, expiry) in [
            (&nl, "30 november 2026 om 17:45 uur"),
            (&en, "30 November 2026 at 17:45 (Dutch time)"),
        ] {
            for body in [&rendered.text, &rendered.html] {
                for needle in ["Fatima", "Familie Jansen", "Doe je mee, oma?", LINK, expiry] {
                    assert!(body.contains(needle), "{needle} missing in {body}");
                }
            }
            assert!(rendered.subject.contains("Fatima"));
        }
        assert!(nl.text.contains("nodigt je uit"));
        assert!(en.text.contains("invites you"));
    }

    #[test]
    fn deletion_mails_name_the_parent_the_family_and_the_deadline_in_both_languages() {
        let asked = |locale| {
            deletion_asked(
                locale,
                &DeletionAskedMail {
                    name: "Sanne",
                    parent: "Fatima",
                    family: "Familie Jansen",
                    expires_at_ms: 1_796_057_100_000,
                    link: "https://onsplan.test/gezin-verwijderen",
                },
            )
        };
        for (rendered, deadline, yes) in [
            (
                asked(Locale::Nl),
                "30 november 2026 om 17:45 uur",
                "alle ouders ja zeggen",
            ),
            (
                asked(Locale::En),
                "30 November 2026 at 17:45",
                "every parent says yes",
            ),
        ] {
            for body in [&rendered.text, &rendered.html] {
                for needle in ["Sanne", "Fatima", "Familie Jansen", deadline, yes] {
                    assert!(body.contains(needle), "{needle} missing in {body}");
                }
                assert!(body.contains("https://onsplan.test/gezin-verwijderen"));
            }
        }
        for locale in [Locale::Nl, Locale::En] {
            let gone = family_deleted(
                locale,
                &FamilyDeletedMail {
                    name: "Oma",
                    parent: "Fatima",
                    family: "Familie Jansen",
                },
            );
            assert!(gone.subject.contains("Familie Jansen"));
            assert!(gone.text.contains("Fatima") && gone.text.contains("Oma"));
        }
        assert!(asked(Locale::Nl).text.contains("Dan is alles weg"));
    }

    #[test]
    fn html_mails_name_their_language_fit_a_phone_and_show_links_as_buttons() {
        for (locale, lang) in [(Locale::Nl, "nl"), (Locale::En, "en")] {
            let html = invite(locale, &mail("")).html;
            assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{html}");
            assert!(
                html.contains("name=\"viewport\" content=\"width=device-width"),
                "{html}"
            );
            let button = format!("<a href=\"{LINK}\" style=\"display:inline-block;");
            assert!(html.contains(&button), "{html}");
            assert!(html.contains(">Open Ons Plan</a>"), "{html}");
        }
        let relative = invite(Locale::Nl, &mail("")).text;
        assert!(!relative.contains("naaste"), "{relative}");
    }

    #[test]
    fn html_escapes_what_people_typed() {
        let rendered = invite(
            Locale::Nl,
            &InviteMail {
                inviter: "<b>Fatima</b>",
                family: "Jansen & \"zonen\"",
                ..mail("<script>alert('x')</script>")
            },
        );
        assert!(!rendered.html.contains("<script>"));
        assert!(!rendered.html.contains("<b>Fatima"));
        assert!(rendered
            .html
            .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assert!(rendered.html.contains("Jansen &amp; &quot;zonen&quot;"));
        assert!(rendered.text.contains("<script>alert('x')</script>"));
    }

    #[test]
    fn reset_mail_carries_the_link_and_expiry_in_both_languages() {
        for locale in [Locale::Nl, Locale::En] {
            let rendered = password_reset(
                locale,
                &ResetMail {
                    name: "Fatima",
                    link: LINK,
                    expires_at_ms: 1_796_057_100_000,
                },
            );
            assert!(rendered.text.contains(LINK) && rendered.html.contains(LINK));
            assert!(rendered.text.contains("Fatima") && rendered.text.contains("2026"));
        }
    }
}
