//! "Wie heeft wat bekeken?": the family's access log, newest first, each row said as a
//! sentence ("Jan de Vries (Jeugdbescherming) las Veiligheidsplan op 3 maart om 14:05"),
//! filtered by person, section and period. Repeated refused attempts show how often they came
//! ("3 keer geprobeerd"); older rows come a page at a time ("Meer laden"). Every row stays in
//! the log, but one person's looks on one day show as one line ("Riet Bakker keek 6 keer naar
//! het plan op 30 november") that opens to the rows.

use chrono::{DateTime, NaiveDate, Utc};
use dioxus::prelude::*;
use onsplan_shared::access_log::{AccessLogEntry, AccessLogQuery, LogAction, LogOutcome};
use onsplan_shared::auth::Locale;
use onsplan_shared::section::SectionKind;
use uuid::Uuid;

use crate::api::use_session;
use crate::components::form::{Loading, Notice};
use crate::components::outcome::failure_key;
use crate::components::parent_nav::ParentNav;
use crate::i18n::{fill, format_date, format_moment, text, use_i18n, K};
use crate::open_family::family_id;
use crate::{dates, schema};

/// The catalogue sentence for an action and how it ended.
fn sentence_key(action: LogAction, outcome: LogOutcome) -> K {
    use LogAction as A;
    match (action, outcome) {
        (A::Read, LogOutcome::Allowed) => K::LogRead,
        (A::Read, LogOutcome::Denied) => K::LogReadDenied,
        (A::Write, _) => K::LogWriteDenied,
        (A::Comment, LogOutcome::Allowed) => K::LogComment,
        (A::Comment, LogOutcome::Denied) => K::LogCommentDenied,
        (_, LogOutcome::Denied) => K::LogOtherDenied,
        (A::Export, _) => K::LogExport,
        (A::Grant, _) => K::LogGrant,
        (A::ApproveGrant, _) => K::LogApproveGrant,
        (A::RevokeGrant, _) => K::LogRevokeGrant,
        (A::RequestAccess, _) => K::LogRequestAccess,
        (A::ApproveRequest, _) => K::LogApproveRequest,
        (A::DeclineRequest, _) => K::LogDeclineRequest,
        (A::LinkProfessional, _) => K::LogLinkProfessional,
        (A::Invite, _) => K::LogInvite,
        (A::ResendInvite, _) => K::LogResendInvite,
        (A::RevokeInvite, _) => K::LogRevokeInvite,
        (A::AcceptInvite, _) => K::LogAcceptInvite,
        (A::Login, _) => K::LogLogin,
        (A::PasswordReset, _) => K::LogPasswordReset,
        (A::PolicyOn, _) => K::LogPolicyOn,
        (A::PolicyOffAsked, _) => K::LogPolicyOffAsked,
        (A::PolicyOffApproved, _) => K::LogPolicyOffApproved,
        (A::PolicyOffDeclined, _) => K::LogPolicyOffDeclined,
        (A::PolicyOff, _) => K::LogPolicyOff,
        (A::RemoveMember, _) => K::LogRemoveMember,
        (A::LeaveFamily, _) => K::LogLeaveFamily,
        (A::TakeAgreement, _) => K::LogTakeAgreement,
        (A::FinishAgreement, _) => K::LogFinishAgreement,
        (A::ReleaseAgreement, _) => K::LogReleaseAgreement,
        (A::AssignAgreement, _) => K::LogAssignAgreement,
        (A::DeletionAsked, _) => K::LogDeletionAsked,
        (A::DeletionApproved, _) => K::LogDeletionApproved,
        (A::DeletionCancelled, _) => K::LogDeletionCancelled,
        (A::UnlinkProfessional, _) => K::LogUnlinkProfessional,
    }
}

/// Rows of one person on one day of one kind of look, newest first: allowed reads go
/// together, refused attempts go together, anything else stands alone.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub rows: Vec<AccessLogEntry>,
}

/// What puts two rows in one group; `None` for rows that stand alone.
fn group_key(entry: &AccessLogEntry) -> Option<(String, NaiveDate, bool)> {
    let allowed = match (entry.action, entry.outcome) {
        (_, LogOutcome::Denied) => false,
        (LogAction::Read, LogOutcome::Allowed) => true,
        _ => return None,
    };
    let who = entry
        .actor_id
        .map(|id| id.to_string())
        .or_else(|| entry.actor_name.clone())?;
    Some((who, dates::today(entry.occurred_at), allowed))
}

/// The rows in groups, each group where its newest row was.
pub fn grouped(entries: Vec<AccessLogEntry>) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut keys: Vec<Option<(String, NaiveDate, bool)>> = Vec::new();
    for entry in entries {
        let key = group_key(&entry);
        match key
            .as_ref()
            .and_then(|k| keys.iter().position(|o| o.as_ref() == Some(k)))
        {
            Some(at) => groups[at].rows.push(entry),
            None => {
                keys.push(key);
                groups.push(Group { rows: vec![entry] });
            }
        }
    }
    groups
}

/// A group of more than one row in one line: who, how often, which day.
pub fn group_sentence(lang: Locale, group: &Group) -> String {
    let first = &group.rows[0];
    let who = first
        .actor_name
        .clone()
        .unwrap_or_else(|| text(lang, K::Someone).to_string());
    let who = match first.organisation.as_deref().filter(|o| !o.is_empty()) {
        Some(org) => format!("{who} ({org})"),
        None => who,
    };
    let key = match first.outcome {
        LogOutcome::Denied => K::LogGroupDenied,
        LogOutcome::Allowed => K::LogGroupRead,
    };
    let n: u32 = group.rows.iter().map(|r| r.count.max(1)).sum();
    let day = format_date(lang, first.occurred_at);
    fill(
        text(lang, key),
        &[("who", &who), ("n", &n.to_string()), ("day", &day)],
    )
}

/// One log row in words, on the Dutch clock.
pub fn sentence(lang: Locale, entry: &AccessLogEntry, now: DateTime<Utc>) -> String {
    let name = entry
        .actor_name
        .clone()
        .unwrap_or_else(|| text(lang, K::Someone).to_string());
    let who = match entry.organisation.as_deref().filter(|o| !o.is_empty()) {
        Some(org) => format!("{name} ({org})"),
        None => name,
    };
    let section = text(
        lang,
        entry
            .section
            .map_or(K::PlanTitle, |kind| schema::title(kind).0),
    );
    let when = format_moment(lang, entry.occurred_at, now);
    let said = fill(
        text(lang, sentence_key(entry.action, entry.outcome)),
        &[("who", &who), ("section", section), ("when", &when)],
    );
    if entry.count > 1 {
        let times = fill(text(lang, K::LogTimes), &[("n", &entry.count.to_string())]);
        format!("{said} {times}")
    } else {
        said
    }
}

/// The filters as the server's query; an empty field filters nothing.
fn query(person: &str, section: &str, from: &str, until: &str) -> AccessLogQuery {
    AccessLogQuery {
        actor: person.parse().ok(),
        section: SectionKind::parse(section),
        from: dates::parse(from).map(dates::start_of),
        until: dates::parse(until).map(dates::end_of),
        ..AccessLogQuery::default()
    }
}

#[component]
pub fn AccessLog() -> Element {
    let i = use_i18n();
    let session = use_session();
    let family = family_id();
    let person = use_signal(String::new);
    let section = use_signal(String::new);
    let from = use_signal(String::new);
    let until = use_signal(String::new);
    let people = use_resource(move || async move {
        let detail = session
            .call(move |c| async move { c.family(family).await })
            .await;
        let pros = session
            .call(move |c| async move { c.professionals(family).await })
            .await;
        let mut people: Vec<(Uuid, String)> = detail
            .map(|d| d.members.into_iter().map(|m| (m.user_id, m.name)).collect())
            .unwrap_or_default();
        people.extend(
            pros.unwrap_or_default()
                .into_iter()
                .map(|p| (p.id, format!("{} ({})", p.name, p.organisation))),
        );
        people
    });
    // Older pages loaded with "Meer laden", and the cursor after them (`None` until then).
    let mut older = use_signal(Vec::<AccessLogEntry>::new);
    let mut older_cursor = use_signal(|| None::<Option<String>>);
    let mut loading_more = use_signal(|| false);
    let log = use_resource(move || async move {
        let filter = query(&person(), &section(), &from(), &until());
        older.set(Vec::new());
        older_cursor.set(None);
        session
            .call(move |c| {
                let filter = filter.clone();
                async move { c.access_log_page(family, &filter).await }
            })
            .await
    });
    let mut load_more = move |cursor: String| {
        let filter = AccessLogQuery {
            before: Some(cursor),
            ..query(&person(), &section(), &from(), &until())
        };
        loading_more.set(true);
        spawn(async move {
            let page = session
                .call(move |c| {
                    let filter = filter.clone();
                    async move { c.access_log_page(family, &filter).await }
                })
                .await;
            if let Ok(page) = page {
                older.write().extend(page.entries);
                older_cursor.set(Some(page.next_cursor));
            }
            loading_more.set(false);
        });
    };
    let people = people.read().clone().unwrap_or_default();
    let options: Vec<(String, String)> =
        std::iter::once((String::new(), i.t(K::FilterEveryone).to_string()))
            .chain(people.into_iter().map(|(id, name)| (id.to_string(), name)))
            .collect();
    let kinds: Vec<(String, String)> =
        std::iter::once((String::new(), i.t(K::FilterAllSections).to_string()))
            .chain(
                SectionKind::ALL
                    .into_iter()
                    .map(|k| (k.as_str().to_string(), i.t(schema::title(k).0).to_string())),
            )
            .collect();
    rsx! {
        ParentNav {}
        h1 { {i.t(K::NavLog)} }
        p { class: "lead", {i.t(K::LogIntro)} }
        details { class: "filters", id: "log-filters",
            summary { {i.t(K::FilterTitle)} }
            form { role: "search", onsubmit: move |e: FormEvent| e.prevent_default(),
                Choice { id: "log-person", label: K::FilterPerson, value: person, options }
                Choice { id: "log-section", label: K::FilterSection, value: section, options: kinds }
                DayField { id: "log-from", label: K::FilterFrom, value: from }
                DayField { id: "log-until", label: K::FilterUntil, value: until }
            }
        }
        match &*log.read() {
            None => rsx! { Loading {} },
            Some(Err(err)) => rsx! { Notice { text: failure_key(err), error: true } },
            Some(Ok(page)) => {
                let mut entries = page.entries.clone();
                entries.extend(older.read().iter().cloned());
                let cursor = older_cursor().unwrap_or_else(|| page.next_cursor.clone());
                rsx! {
                    LogList { entries }
                    if let Some(cursor) = cursor {
                        button {
                            id: "log-more",
                            class: "button",
                            r#type: "button",
                            disabled: loading_more(),
                            onclick: move |_| load_more(cursor.clone()),
                            {i.t(K::LogMore)}
                        }
                    }
                }
            }
        }
    }
}

/// The rows, newest first as the server sends them, one person's looks of a day as one line
/// that opens to its rows; refused attempts stand out.
#[component]
pub fn LogList(entries: Vec<AccessLogEntry>) -> Element {
    let i = use_i18n();
    let now = Utc::now();
    if entries.is_empty() {
        return rsx! { p { id: "log-empty", {i.t(K::LogEmpty)} } };
    }
    rsx! {
        ol { class: "log", id: "log",
            for group in grouped(entries) {
                li {
                    key: "{group.rows[0].id}",
                    class: if group.rows[0].outcome == LogOutcome::Denied { "denied" } else { "" },
                    if group.rows.len() == 1 {
                        {sentence(i.lang(), &group.rows[0], now)}
                    } else {
                        details { class: "log-group",
                            summary { {group_sentence(i.lang(), &group)} }
                            ol {
                                for entry in group.rows.iter() {
                                    li { key: "{entry.id}", {sentence(i.lang(), entry, now)} }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A labelled drop-down list of (value, words).
#[component]
fn Choice(id: String, label: K, value: Signal<String>, options: Vec<(String, String)>) -> Element {
    let i = use_i18n();
    let mut value = value;
    rsx! {
        div { class: "field",
            label { r#for: "{id}", {i.t(label)} }
            select { id: "{id}", onchange: move |e| value.set(e.value()),
                for (choice, words) in options {
                    option { key: "{choice}", value: "{choice}", selected: value() == choice, "{words}" }
                }
            }
        }
    }
}

/// A labelled day field.
#[component]
fn DayField(id: String, label: K, value: Signal<String>) -> Element {
    let i = use_i18n();
    let mut value = value;
    rsx! {
        div { class: "field",
            label { r#for: "{id}", {i.t(label)} }
            input { id: "{id}", r#type: "date", value: "{value}", onchange: move |e| value.set(e.value()) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use onsplan_shared::access_log::ActorRole;

    /// A row by `who` at `secs` after the epoch.
    fn row(
        n: u128,
        who: u128,
        secs: i64,
        action: LogAction,
        outcome: LogOutcome,
    ) -> AccessLogEntry {
        AccessLogEntry {
            id: Uuid::from_u128(n),
            occurred_at: DateTime::from_timestamp(secs, 0).unwrap(),
            actor_id: Some(Uuid::from_u128(who)),
            actor_name: Some(format!("Persoon {who}")),
            actor_role: ActorRole::Relative,
            organisation: None,
            section: Some(SectionKind::Goals),
            section_version: None,
            action,
            outcome,
            basis: None,
            denial_reason: None,
            count: 1,
        }
    }

    // 30 November 2026, 12:00 UTC, and the day before.
    const NOON: i64 = 1_796_040_000;
    const DAY: i64 = 86_400;

    #[test]
    fn one_persons_reads_of_one_day_become_one_line() {
        use LogAction::Read;
        use LogOutcome::{Allowed, Denied};
        let rows = vec![
            row(1, 7, NOON + 30, Read, Allowed),
            row(2, 8, NOON + 20, Read, Allowed),
            row(3, 7, NOON + 10, Read, Allowed),
            row(4, 7, NOON + 5, Read, Denied),
            row(5, 7, NOON, LogAction::Grant, Allowed),
            row(6, 7, NOON - 2, LogAction::Grant, Allowed),
            row(7, 7, NOON - DAY, Read, Allowed),
        ];
        let groups = grouped(rows);
        let ids: Vec<Vec<u128>> = groups
            .iter()
            .map(|g| g.rows.iter().map(|r| r.id.as_u128()).collect())
            .collect();
        assert_eq!(
            ids,
            vec![vec![1, 3], vec![2], vec![4], vec![5], vec![6], vec![7]]
        );
        assert_eq!(
            group_sentence(Locale::Nl, &groups[0]),
            "Persoon 7 keek 2 keer naar het plan op 30 november 2026"
        );
    }

    #[test]
    fn a_day_ends_at_midnight_on_the_dutch_clock() {
        use LogAction::Read;
        use LogOutcome::Allowed;
        // 23:30 UTC is after midnight in Amsterdam (UTC+1): two days there, one day in UTC;
        // 22:30 UTC is still the same Dutch day.
        let late = NOON + 11 * 3600 + 1800;
        let rows = vec![
            row(1, 7, late, Read, Allowed),
            row(2, 7, NOON, Read, Allowed),
        ];
        assert_eq!(grouped(rows).len(), 2);
        let same_day = vec![
            row(1, 7, late - 3600, Read, Allowed),
            row(2, 7, NOON, Read, Allowed),
        ];
        assert_eq!(grouped(same_day).len(), 1);
    }
}
