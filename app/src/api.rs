//! The session and the glue to the typed API client. The access token lives only in memory
//! (inside the [`ApiClient`]); the refresh token is an HttpOnly cookie the page cannot read, so
//! a reload asks `POST /auth/refresh` for a new access token. Every server call goes through
//! [`Session::call`], which refreshes once on a 401 and otherwise marks the session expired so
//! the parent logs in again and comes back where they were.

use std::future::Future;

use dioxus::prelude::*;
use onsplan_shared::auth::{
    Locale, LogoutRequest, Me, RefreshRequest, SessionResponse, UpdateLocaleRequest,
};
use onsplan_shared::client::{ClientResult, SectionScope};
use onsplan_shared::family::{FamilySummary, Role};
use onsplan_shared::section::{SaveSectionRequest, SectionKind, SectionResponse, Visibility};
use onsplan_shared::validate::FieldError;
use onsplan_shared::{ApiClient, ClientError, ErrorCode};

use crate::i18n::K;
use crate::platform;

/// Everything the app knows about who is logged in. Copyable handles to signals.
#[derive(Clone, Copy, PartialEq)]
pub struct Session {
    pub client: Signal<Option<ApiClient>>,
    pub me: Signal<Option<Me>>,
    /// True until the first refresh attempt after a page load has answered.
    pub booting: Signal<bool>,
    /// The family whose plan is shown (the first one the parent belongs to).
    pub family: Signal<Option<FamilySummary>>,
    /// Set when a call found the session gone; the login screen says why.
    pub expired: Signal<bool>,
    pub lang: Signal<Locale>,
    /// The overview's plan (sections with content), fetched during boot alongside the family list.
    pub prefetched: Signal<Option<(uuid::Uuid, Vec<SectionResponse>)>>,
    /// Whether the overview already showed the prefetched list (it is used once).
    pub prefetch_used: Signal<bool>,
    /// A draft whose save found the session gone, kept in memory (never in storage) until the
    /// same person logs in again and reopens the section.
    pub kept: Signal<Option<KeptDraft>>,
    /// Set when the page started without a connection on the person's own phone, so no
    /// session could be found: the frame then shows the plan kept on the phone.
    pub offline: Signal<bool>,
    /// How the saves kept on the phone while offline went when they were last sent.
    pub sent: Signal<Vec<crate::outbox::Sent>>,
    /// Counts the times the connection came back; the screens' data follow it, so what failed
    /// for want of a signal is fetched again by itself.
    pub back_online: Signal<u32>,
}

/// What a parent had written when their session ended, and what it was based on.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptDraft {
    pub user: uuid::Uuid,
    pub family: uuid::Uuid,
    pub kind: SectionKind,
    pub data: serde_json::Value,
    pub base: i64,
    pub visibility: Visibility,
}

pub fn use_session() -> Session {
    use_context::<Session>()
}

/// A client for the page's own origin, with no session.
pub fn anonymous_client() -> ApiClient {
    ApiClient::new(platform::origin())
}

impl Session {
    pub fn new(lang: Signal<Locale>) -> Self {
        Self {
            client: Signal::new(None),
            me: Signal::new(None),
            booting: Signal::new(true),
            family: Signal::new(None),
            expired: Signal::new(false),
            lang,
            prefetched: Signal::new(None),
            prefetch_used: Signal::new(false),
            kept: Signal::new(None),
            offline: Signal::new(false),
            sent: Signal::new(Vec::new()),
            back_online: Signal::new(0),
        }
    }

    pub fn logged_in(&self) -> bool {
        self.client.read().is_some()
    }

    /// Takes a fresh client that holds an access token, and the account it belongs to.
    pub fn start(mut self, client: ApiClient, me: Me) {
        if self
            .kept
            .peek()
            .as_ref()
            .is_some_and(|kept| kept.user != me.id)
        {
            self.kept.set(None);
        }
        self.set_lang(me.locale);
        self.client.set(Some(client));
        self.me.set(Some(me));
        self.expired.set(false);
    }

    /// After a page load: trade the refresh cookie for an access token, if there is one, then
    /// find the family. The overview's plan of the family opened last on this device is fetched
    /// at the same time, saving a round trip on slow networks. `index.html` starts these calls
    /// while the app downloads; their answers are used when they came, else the app asks.
    pub async fn boot(mut self) {
        let early = platform::early_answers().await.unwrap_or_default();
        let mut client = anonymous_client();
        let session = match json::<SessionResponse>(Some(&early.session)) {
            Some(session) => {
                client.set_access_token(Some(session.access_token.clone()));
                Ok(session)
            }
            None => client.refresh(&RefreshRequest::default()).await,
        };
        if let Ok(session) = session {
            let early_plan = early.plan.as_ref().and_then(|(family, plan)| {
                Some((family.parse::<uuid::Uuid>().ok()?, json(Some(plan))?))
            });
            match early_plan {
                Some(plan) => self.prefetched.set(Some(plan)),
                None => self.prefetch_plan(&client),
            }
            let families = match json::<Vec<FamilySummary>>(early.families.as_deref()) {
                Some(list) => Ok(list),
                None => client.families().await,
            };
            if let Ok(list) = families {
                let family = list
                    .iter()
                    .find(|f| f.my_role == Role::Parent)
                    .or(list.first())
                    .cloned();
                if let Some(family) = family {
                    self.choose_family(family);
                }
            }
            self.start(client, session.user);
        } else if let Err(ClientError::Transport(_)) = session {
            // Only the person's own phone has a plan to read offline; elsewhere the app starts
            // as usual (welcome, log in) and says "no connection" when asked for something.
            self.offline.set(crate::device::is_own());
        }
        self.booting.set(false);
    }

    /// Fetches the plan of the family opened last on this device, in the background.
    fn prefetch_plan(self, client: &ApiClient) {
        let remembered = platform::storage_get(platform::FAMILY_KEY)
            .and_then(|id| id.parse::<uuid::Uuid>().ok());
        if let Some(family) = remembered {
            let (early, mut prefetched) = (client.clone(), self.prefetched);
            spawn(async move {
                if let Ok(list) = early.plan(family).await {
                    prefetched.set(Some((family, list)));
                }
            });
        }
    }

    /// Shows this family's plan, and remembers its id (not its name) on this device.
    pub fn choose_family(mut self, family: FamilySummary) {
        platform::storage_set(platform::FAMILY_KEY, &family.id.to_string());
        self.family.set(Some(family));
    }

    /// Forgets the family shown: after leaving it, or once told the person no longer belongs
    /// to it. The next screen behind `Authed` finds a family afresh.
    pub fn forget_family(mut self) {
        platform::storage_set(platform::FAMILY_KEY, "");
        self.family.set(None);
        self.prefetched.set(None);
    }

    /// The family this device showed last, if any, forgotten from now on: on a screen that
    /// found no family, it is the one the person no longer belongs to.
    pub fn take_remembered_family() -> Option<uuid::Uuid> {
        let id = platform::storage_get(platform::FAMILY_KEY)?.parse().ok()?;
        platform::storage_set(platform::FAMILY_KEY, "");
        Some(id)
    }

    /// Runs `call` with the session's client; on a 401 refreshes once and tries again.
    pub async fn call<T, F, Fut>(mut self, call: F) -> ClientResult<T>
    where
        F: Fn(ApiClient) -> Fut,
        Fut: Future<Output = ClientResult<T>>,
    {
        let client = self.client.peek().clone().unwrap_or_else(anonymous_client);
        match call(client).await {
            Err(err) if err.status() == Some(401) => {
                let mut fresh = anonymous_client();
                match fresh.refresh(&RefreshRequest::default()).await {
                    Ok(session) => {
                        self.client.set(Some(fresh.clone()));
                        self.me.set(Some(session.user));
                        call(fresh).await
                    }
                    Err(_) => {
                        self.client.set(None);
                        self.expired.set(true);
                        Err(err)
                    }
                }
            }
            other => other,
        }
    }

    /// Ends the session on the server and forgets everything about it on the page.
    pub async fn logout(mut self) {
        let client = self.client.peek().clone();
        if let Some(mut client) = client {
            let _ = client.logout(&LogoutRequest::default()).await;
        }
        self.client.set(None);
        self.me.set(None);
        self.family.set(None);
        self.prefetched.set(None);
        self.kept.set(None);
        self.sent.set(Vec::new());
        crate::drafts::forget_all();
        self.expired.set(false);
        platform::vault_wipe().await;
        platform::storage_clear();
        platform::storage_set(platform::LANG_KEY, self.lang.peek().as_str());
    }

    /// The id of the person logged in, if anyone (read without following changes).
    pub fn user_id(&self) -> Option<uuid::Uuid> {
        self.me.peek().as_ref().map(|me| me.id)
    }

    /// Saves a section of the shared plan, based on version `base` (`If-Match`).
    pub async fn save_shared(
        self,
        family: uuid::Uuid,
        kind: SectionKind,
        base: i64,
        body: SaveSectionRequest,
    ) -> ClientResult<SectionResponse> {
        self.call(move |c| {
            let body = body.clone();
            async move {
                c.save_section(SectionScope::Shared, family, kind, Some(base), &body)
                    .await
            }
        })
        .await
    }

    /// Keeps a draft whose save found the session gone (see [`Session::take_kept`]).
    pub fn keep(mut self, draft: impl FnOnce(uuid::Uuid) -> KeptDraft) {
        if let Some(user) = self.user_id() {
            self.kept.set(Some(draft(user)));
        }
    }

    /// The kept draft of this section; it is handed out once. It always belongs to the person
    /// logged in now: [`Session::start`] drops a draft when someone else logs in.
    pub fn take_kept(mut self, family: uuid::Uuid, kind: SectionKind) -> Option<KeptDraft> {
        let matches = self
            .kept
            .peek()
            .as_ref()
            .is_some_and(|kept| kept.family == family && kept.kind == kind);
        if matches {
            self.kept.take()
        } else {
            None
        }
    }

    /// Switches the language now, and remembers it for the account when logged in.
    pub fn set_lang(mut self, lang: Locale) {
        self.lang.set(lang);
        platform::set_lang_attribute(lang.as_str());
        platform::storage_set(platform::LANG_KEY, lang.as_str());
    }

    pub async fn remember_lang(self, lang: Locale) {
        self.set_lang(lang);
        if self.logged_in() {
            let _ = self
                .call(
                    |c| async move { c.update_locale(&UpdateLocaleRequest { locale: lang }).await },
                )
                .await;
        }
    }
}

/// A JSON answer the page fetched early, if it came and reads as `T`.
fn json<T: serde::de::DeserializeOwned>(text: Option<&str>) -> Option<T> {
    serde_json::from_slice(text?.as_bytes()).ok()
}

/// The language to start with: the one chosen on this device before, else Dutch.
pub fn initial_lang() -> Locale {
    platform::storage_get(platform::LANG_KEY)
        .and_then(|l| Locale::parse(&l))
        .unwrap_or_default()
}

/// A field's problem, said in the catalogue's words.
pub fn problem_key(problem: &str) -> K {
    if problem.contains("must not be empty") {
        K::ErrRequired
    } else if problem.contains("longer than") || problem.contains("more than") {
        K::ErrTooLong
    } else if problem.contains("email") {
        K::ErrEmail
    } else if problem.contains("at least") {
        K::ErrPasswordShort
    } else {
        K::ErrInvalid
    }
}

/// A problem with one field, to show next to it: (dotted field path, text key).
pub type FieldProblem = (String, K);

pub fn field_problem(err: &FieldError) -> FieldProblem {
    (err.field.clone(), problem_key(&err.problem))
}

/// What to tell the parent about a failed call.
pub fn error_key(err: &ClientError) -> K {
    match err {
        ClientError::Transport(_) => K::ErrNetwork,
        ClientError::Api { error, .. } => match error.code {
            ErrorCode::InvalidCredentials => K::ErrCredentials,
            ErrorCode::EmailTaken => K::ErrEmailTaken,
            ErrorCode::RateLimited => K::ErrRateLimited,
            ErrorCode::WeakPassword => K::ErrPasswordWeak,
            ErrorCode::ServiceUnavailable => K::ErrBusy,
            ErrorCode::NotFound => K::ErrNotFound,
            ErrorCode::ProfessionalAccount => K::ErrProfessionalAccount,
            ErrorCode::TooManyOpenRequests => K::ErrTooManyOpenRequests,
            ErrorCode::ConfirmNameMismatch => K::ErrConfirmName,
            ErrorCode::WrongPassword => K::ErrWrongPassword,
            ErrorCode::DeletionPending => K::ErrDeletionPending,
            ErrorCode::ManagedByOrganisation => K::ErrManagedByOrganisation,
            ErrorCode::ValidationFailed => error
                .message
                .split_once(": ")
                .map_or(K::ErrInvalid, |(_, problem)| problem_key(problem)),
            _ => K::ErrServer,
        },
        ClientError::Unexpected { .. } => K::ErrServer,
    }
}

/// The field a server-side validation error names, if any.
pub fn error_field(err: &ClientError) -> Option<FieldProblem> {
    match err {
        ClientError::Api { error, .. }
            if matches!(
                error.code,
                ErrorCode::ValidationFailed
                    | ErrorCode::WeakPassword
                    | ErrorCode::WrongPassword
                    | ErrorCode::ConfirmNameMismatch
            ) =>
        {
            error.field.clone().map(|field| (field, error_key(err)))
        }
        _ => None,
    }
}
