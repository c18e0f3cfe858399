//! The API's paths: the contract between server, app and tests. Templates use `{name}`
//! placeholders, the syntax actix-web and OpenAPI share.

/// Every route the server mounts, as (method, path template). The OpenAPI document and the
/// server's router must both match this list exactly; a test holds them to it.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", HEALTHZ),
    ("GET", LIVEZ),
    ("GET", PLAN),
    ("GET", OPENAPI),
    ("POST", AUTH_REGISTER),
    ("POST", AUTH_REGISTER_CONFIRM),
    ("POST", AUTH_LOGIN),
    ("POST", AUTH_REFRESH),
    ("POST", AUTH_LOGOUT),
    ("GET", ME),
    ("PUT", ME_LOCALE),
    ("POST", FAMILIES),
    ("GET", FAMILIES),
    ("GET", FAMILY),
    ("GET", FAMILY_EXPORT),
    ("POST", FAMILY_IMPORT),
    ("GET", SECTIONS),
    ("GET", SECTION),
    ("PUT", SECTION),
    ("GET", SECTION_REVISIONS),
    ("GET", MY_SECTIONS),
    ("GET", MY_SECTION),
    ("PUT", MY_SECTION),
    ("GET", MY_SECTION_REVISIONS),
    ("GET", PRIVATE_SECTION),
    ("POST", SECTION_COMMENTS),
    ("GET", SECTION_COMMENTS),
    ("PUT", FAMILY_POLICY),
    ("POST", FAMILY_POLICY_APPROVE),
    ("POST", FAMILY_POLICY_DECLINE),
    ("DELETE", FAMILY_MEMBER),
    ("POST", AGREEMENT_TAKE),
    ("POST", AGREEMENT_DONE),
    ("POST", AGREEMENT_RELEASE),
    ("POST", AGREEMENT_ASSIGN),
    ("GET", COMMITMENTS),
    ("POST", PROFESSIONALS),
    ("GET", PROFESSIONALS),
    ("DELETE", PROFESSIONAL),
    ("POST", GRANTS),
    ("GET", GRANTS),
    ("POST", GRANT_APPROVE),
    ("POST", GRANT_REVOKE),
    ("POST", ACCESS_REQUESTS),
    ("GET", ACCESS_REQUESTS),
    ("POST", ACCESS_REQUEST_APPROVE),
    ("POST", ACCESS_REQUEST_DECLINE),
    ("GET", ACCESS_LOG),
    ("GET", PROFESSIONAL_FAMILIES),
    ("POST", ORG_PROFESSIONALS),
    ("GET", ORG_PROFESSIONALS),
    ("POST", ORG_PROFESSIONAL_DEACTIVATE),
    ("POST", AUTH_ACTIVATE),
    ("POST", INVITES),
    ("GET", INVITES),
    ("DELETE", INVITE),
    ("POST", INVITE_RESEND),
    ("POST", INVITE_LOOKUP),
    ("POST", INVITE_ACCEPT),
    ("POST", PASSWORD_RESET),
    ("POST", PASSWORD_RESET_CONFIRM),
    ("POST", VERSIONS),
    ("GET", VERSIONS),
    ("GET", VERSION),
    ("POST", VERSION_ENDORSEMENT),
    ("DELETE", VERSION_ENDORSEMENT),
    ("GET", VERSION_COMPARE),
    ("GET", ME_AGENDA),
    ("GET", ME_CALENDAR),
    ("POST", ME_CALENDAR),
    ("DELETE", ME_CALENDAR),
    ("GET", CALENDAR_FEED),
    ("DELETE", FAMILY),
    ("GET", FAMILY_DELETION),
    ("DELETE", FAMILY_DELETION),
    ("POST", FAMILY_DELETION_APPROVE),
    ("DELETE", ME),
    ("GET", ME_NOTIFICATIONS),
    ("PUT", ME_NOTIFICATIONS),
    ("GET", UNSUBSCRIBE),
    ("POST", UNSUBSCRIBE),
    ("GET", EXPORT_PDF),
];

pub const HEALTHZ: &str = "/healthz";
pub const LIVEZ: &str = "/livez";
pub const PLAN: &str = "/api/v1/families/{family}/plan";
pub const API_PREFIX: &str = "/api/v1";
pub const OPENAPI: &str = "/api/v1/openapi.json";

pub const AUTH_REGISTER: &str = "/api/v1/auth/register";
/// Makes the account of a registration with the token from its email link.
pub const AUTH_REGISTER_CONFIRM: &str = "/api/v1/auth/register/confirm";
pub const AUTH_LOGIN: &str = "/api/v1/auth/login";
pub const AUTH_REFRESH: &str = "/api/v1/auth/refresh";
pub const AUTH_LOGOUT: &str = "/api/v1/auth/logout";
pub const ME: &str = "/api/v1/me";
pub const PASSWORD_RESET: &str = "/api/v1/auth/password-reset";
pub const PASSWORD_RESET_CONFIRM: &str = "/api/v1/auth/password-reset/confirm";
pub const ME_LOCALE: &str = "/api/v1/me/locale";
/// The caller's on/off setting per kind of email (reminders, the weekly word).
pub const ME_NOTIFICATIONS: &str = "/api/v1/me/notifications";
/// One-click unsubscribe from an email's `List-Unsubscribe` link (no login): `POST` switches
/// that kind of message off; `GET` shows a small page with a button that does the same.
pub const UNSUBSCRIBE: &str = "/api/v1/unsubscribe/{token}";
/// The app page with the switches per kind of email.
pub const APP_NOTIFICATIONS_PAGE: &str = "/berichten";

pub const FAMILIES: &str = "/api/v1/families";
pub const FAMILY: &str = "/api/v1/families/{family}";
/// The family's file: everything it holds, as JSON (`onsplan_shared::family_file`).
pub const FAMILY_EXPORT: &str = "/api/v1/families/{family}/export.json";
/// Makes a new family from a family file.
pub const FAMILY_IMPORT: &str = "/api/v1/families/import";
/// A member of the family: a parent removes a relative, anyone leaves (their own id).
pub const FAMILY_MEMBER: &str = "/api/v1/families/{family}/members/{user}";
pub const SECTIONS: &str = "/api/v1/families/{family}/sections";
pub const SECTION: &str = "/api/v1/families/{family}/sections/{kind}";
pub const SECTION_REVISIONS: &str = "/api/v1/families/{family}/sections/{kind}/revisions";
pub const MY_SECTIONS: &str = "/api/v1/families/{family}/my-sections";
pub const MY_SECTION: &str = "/api/v1/families/{family}/my-sections/{kind}";
pub const MY_SECTION_REVISIONS: &str = "/api/v1/families/{family}/my-sections/{kind}/revisions";
pub const INVITES: &str = "/api/v1/families/{family}/invites";
pub const INVITE: &str = "/api/v1/families/{family}/invites/{invite}";
pub const INVITE_RESEND: &str = "/api/v1/families/{family}/invites/{invite}/resend";
pub const INVITE_LOOKUP: &str = "/api/v1/invites/lookup";
pub const INVITE_ACCEPT: &str = "/api/v1/invites/accept";

/// Where an invitation link points in the web app; the token follows in the fragment.
pub const APP_INVITE_PAGE: &str = "/uitnodiging";
/// Where a registration's confirmation link points in the web app; the token follows in the
/// fragment.
pub const APP_REGISTER_CONFIRM_PAGE: &str = "/account-bevestigen";
/// The app's login page.
pub const APP_LOGIN_PAGE: &str = "/inloggen";
/// The app page where someone asks for a password reset link.
pub const APP_FORGOT_PASSWORD_PAGE: &str = "/wachtwoord-vergeten";
/// Where a password reset link points in the web app; the token follows in the fragment.
pub const APP_PASSWORD_RESET_PAGE: &str = "/wachtwoord-herstellen";
/// The app page where someone an organisation made an account for sets their first password.
pub const APP_ACTIVATION_PAGE: &str = "/account-activeren";
/// The app page with the family's members and its rules for sharing.
pub const APP_NETWORK_PAGE: &str = "/wie-helpt-mee";
/// The app page where parents answer professionals' requests for access.
pub const APP_ACCESS_REQUESTS_PAGE: &str = "/verzoeken";

pub const SECTION_COMMENTS: &str = "/api/v1/families/{family}/sections/{kind}/comments";
pub const PRIVATE_SECTION: &str = "/api/v1/families/{family}/private-sections/{owner}/{kind}";
pub const FAMILY_POLICY: &str = "/api/v1/families/{family}/policy";
/// A parent approves the waiting change of the family's rules.
pub const FAMILY_POLICY_APPROVE: &str = "/api/v1/families/{family}/policy/approve";
/// A parent declines the waiting change of the family's rules.
pub const FAMILY_POLICY_DECLINE: &str = "/api/v1/families/{family}/policy/decline";
/// The family's waiting deletion (while every parent must agree): see it, or cancel it.
pub const FAMILY_DELETION: &str = "/api/v1/families/{family}/deletion";
/// A parent approves the family's waiting deletion; the last approval deletes the family.
pub const FAMILY_DELETION_APPROVE: &str = "/api/v1/families/{family}/deletion/approve";
/// The app page where a parent deletes the family.
pub const APP_FAMILY_DELETION_PAGE: &str = "/gezin-verwijderen";
/// "Ik doe dit": the caller takes an agreement of the `agreements` section.
pub const AGREEMENT_TAKE: &str = "/api/v1/families/{family}/agreements/{agreement}/take";
/// The taker marks the agreement done.
pub const AGREEMENT_DONE: &str = "/api/v1/families/{family}/agreements/{agreement}/done";
/// The taker hands the agreement back.
pub const AGREEMENT_RELEASE: &str = "/api/v1/families/{family}/agreements/{agreement}/release";
/// A parent gives the agreement to a member.
pub const AGREEMENT_ASSIGN: &str = "/api/v1/families/{family}/agreements/{agreement}/assign";
/// Who has which agreement, due when, done when.
pub const COMMITMENTS: &str = "/api/v1/families/{family}/commitments";
pub const PROFESSIONALS: &str = "/api/v1/families/{family}/professionals";
/// A parent unlinks a professional (DELETE), which ends the professional's grants.
pub const PROFESSIONAL: &str = "/api/v1/families/{family}/professionals/{professional}";
pub const GRANTS: &str = "/api/v1/families/{family}/grants";
pub const GRANT_APPROVE: &str = "/api/v1/families/{family}/grants/{grant}/approve";
pub const GRANT_REVOKE: &str = "/api/v1/families/{family}/grants/{grant}/revoke";
pub const ACCESS_REQUESTS: &str = "/api/v1/families/{family}/access-requests";
pub const ACCESS_REQUEST_APPROVE: &str =
    "/api/v1/families/{family}/access-requests/{request}/approve";
pub const ACCESS_REQUEST_DECLINE: &str =
    "/api/v1/families/{family}/access-requests/{request}/decline";
pub const ACCESS_LOG: &str = "/api/v1/families/{family}/access-log";
pub const PROFESSIONAL_FAMILIES: &str = "/api/v1/professional/families";
pub const ORG_PROFESSIONALS: &str = "/api/v1/org/professionals";
pub const ORG_PROFESSIONAL_DEACTIVATE: &str = "/api/v1/org/professionals/{professional}/deactivate";
pub const AUTH_ACTIVATE: &str = "/api/v1/auth/activate";

/// Fixed versions of the plan: a parent fixes one, members read them.
pub const VERSIONS: &str = "/api/v1/families/{family}/versions";
pub const VERSION: &str = "/api/v1/families/{family}/versions/{version}";
/// The caller stands behind a version (POST) or takes that back (DELETE).
pub const VERSION_ENDORSEMENT: &str = "/api/v1/families/{family}/versions/{version}/endorsement";
/// What changed from `{version}` to `{other}`.
pub const VERSION_COMPARE: &str = "/api/v1/families/{family}/versions/{version}/compare/{other}";

/// What is due for the caller this week and what is overdue, across their families.
pub const ME_AGENDA: &str = "/api/v1/me/agenda";
/// The caller's private calendar address: whether it is on (GET), switch on or renew (POST),
/// switch off (DELETE).
pub const ME_CALENDAR: &str = "/api/v1/me/calendar";
/// The calendar feed itself (RFC 5545), by its secret token; no login.
pub const CALENDAR_FEED: &str = "/api/v1/calendar/{token}.ics";
/// The app's agreements page ("Afspraken"), where a reminder's link lands.
pub const APP_COMMITMENTS_PAGE: &str = "/afspraken";
/// The app's calendar page: switch the calendar address on, copy, renew, switch off.
pub const APP_CALENDAR_PAGE: &str = "/agenda-in-je-telefoon";
/// A PDF of the living plan or a fixed version (`?version=&sections=`, see `export::PdfQuery`).
pub const EXPORT_PDF: &str = "/api/v1/families/{family}/export.pdf";

/// The path the server sets the refresh-token cookie on: only the auth endpoints see it.
pub const AUTH_COOKIE_PATH: &str = "/api/v1/auth";
/// Name of the refresh-token cookie.
pub const REFRESH_COOKIE: &str = "onsplan_refresh";

/// Fills a template's placeholders in order: `fill(SECTION, &[family, "goals"])`.
///
/// # Panics
/// When the number of values differs from the number of placeholders (a programming error).
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 40);
    let mut values = values.iter();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').expect("unclosed placeholder") + start;
        out.push_str(&rest[..start]);
        out.push_str(values.next().expect("too few values for the template"));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    assert!(values.next().is_none(), "too many values for the template");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_placeholders_in_order() {
        assert_eq!(
            fill(SECTION, &["f1", "goals"]),
            "/api/v1/families/f1/sections/goals"
        );
        assert_eq!(fill(ME, &[]), ME);
    }

    #[test]
    fn every_route_is_unique() {
        let mut seen = std::collections::HashSet::new();
        for route in ROUTES {
            assert!(seen.insert(route), "{route:?} listed twice");
        }
    }
}
