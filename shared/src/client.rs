//! A typed client for the Ons Plan API: the app and the end-to-end tests use it, so every
//! request they make goes through the same types as the server's. The HTTP itself is in
//! [`crate::transport`] (reqwest natively, the browser's `fetch` on wasm).

#[cfg(not(target_arch = "wasm32"))]
use reqwest::{Method, RequestBuilder};
use serde::{de::DeserializeOwned, Serialize};
use uuid::Uuid;

use crate::access_log::{AccessLogEntry, AccessLogPage, AccessLogQuery};
use crate::agenda::{Agenda, CalendarFeed};
use crate::auth::{
    ActivateAccountRequest, LoginRequest, LogoutRequest, Me, RefreshRequest, RegisterConfirm,
    RegisterRequest, SessionResponse, UpdateLocaleRequest,
};
use crate::commitment::{
    AssignAgreementRequest, CommitmentsResponse, ReleaseAgreementRequest, TakeAgreementRequest,
};
use crate::consent::{
    AccessRequest, ApproveAccessRequest, CreateAccessRequest, CreateGrantRequest,
    CreateProfessionalRequest, DeclineAccessRequest, Grant, LinkProfessionalRequest,
    LinkedProfessional, ProfessionalAccount, ProfessionalFamily, UpdatePolicyRequest,
};
use crate::erasure::{DeleteAccountRequest, DeleteFamilyRequest, PendingDeletion};
use crate::error::{ApiError, ErrorCode};
use crate::family::{CreateFamilyRequest, FamilyDetail, FamilySummary};
use crate::family_file::ImportedFamily;
use crate::invite::{
    AcceptInviteRequest, AcceptInviteResponse, CreateInviteRequest, Invite, InviteLookup,
    InviteLookupRequest, PasswordResetConfirm, PasswordResetRequest,
};
use crate::notification::{NotificationSettings, UnsubscribeResponse};
use crate::routes::{self, fill};
use crate::section::{
    etag_for, parse_if_match, Comment, CommentThread, CreateCommentRequest, Revision,
    SaveSectionRequest, SectionKind, SectionResponse, SectionSummary,
};
use crate::transport::{self, Answer, Call, Http, Verb};
use crate::version::{
    FixVersionRequest, PlanVersion, VersionComparison, VersionList, VersionSummary,
};

/// What went wrong with a call.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server answered with its error shape.
    #[error("HTTP {status}: {error}")]
    Api { status: u16, error: ApiError },
    /// The request did not get an answer (network down, server gone).
    #[error("transport: {0}")]
    Transport(String),
    /// The server answered something that is not the expected shape.
    #[error("unexpected answer (HTTP {status}): {detail}")]
    Unexpected { status: u16, detail: String },
}

impl ClientError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Api { status, .. } | ClientError::Unexpected { status, .. } => {
                Some(*status)
            }
            ClientError::Transport(_) => None,
        }
    }

    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ClientError::Api { error, .. } => Some(error.code),
            _ => None,
        }
    }
}

pub type ClientResult<T> = Result<T, ClientError>;

/// Which of a family's sections: the shared plan, or the caller's private ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionScope {
    Shared,
    Mine,
}

impl SectionScope {
    fn templates(self) -> (&'static str, &'static str, &'static str) {
        match self {
            SectionScope::Shared => (routes::SECTIONS, routes::SECTION, routes::SECTION_REVISIONS),
            SectionScope::Mine => (
                routes::MY_SECTIONS,
                routes::MY_SECTION,
                routes::MY_SECTION_REVISIONS,
            ),
        }
    }
}

/// An API client bound to one server and, once logged in, one access token.
#[derive(Debug, Clone)]
pub struct ApiClient {
    base_url: String,
    http: Http,
    access_token: Option<String>,
}

impl ApiClient {
    /// `base_url` without a trailing slash, e.g. `http://127.0.0.1:8080` (or `""` in a browser
    /// page served by the same origin).
    pub fn new(base_url: impl Into<String>) -> Self {
        Self::with_http(base_url, transport::http())
    }

    pub fn with_http(base_url: impl Into<String>, http: Http) -> Self {
        Self {
            base_url: base_url.into().trim_end_matches('/').to_string(),
            http,
            access_token: None,
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn access_token(&self) -> Option<&str> {
        self.access_token.as_deref()
    }

    pub fn set_access_token(&mut self, token: Option<String>) {
        self.access_token = token;
    }

    /// A copy of this client that sends `token`.
    pub fn with_access_token(&self, token: impl Into<String>) -> Self {
        let mut copy = self.clone();
        copy.access_token = Some(token.into());
        copy
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// A request to `path` carrying the access token, for calls this client has no method for
    /// (tests that send raw or hostile requests).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let builder = self.http.request(method, self.url(path));
        match &self.access_token {
            Some(token) => builder.bearer_auth(token),
            None => builder,
        }
    }

    /// A call to `path` carrying the access token.
    fn call(&self, verb: Verb, path: &str) -> Call {
        Call {
            bearer: self.access_token.clone(),
            ..self.anonymous(verb, path)
        }
    }

    /// A call to `path` without the access token (the refresh token travels as a cookie).
    fn anonymous(&self, verb: Verb, path: &str) -> Call {
        Call {
            verb,
            url: self.url(path),
            bearer: None,
            if_match: None,
            json: None,
        }
    }

    async fn send(&self, call: Call) -> ClientResult<Answer> {
        transport::send(&self.http, call)
            .await
            .map_err(ClientError::Transport)
    }

    async fn send_json<T: DeserializeOwned>(&self, call: Call) -> ClientResult<T> {
        read_json(self.send(call).await?)
    }

    async fn send_empty(&self, call: Call) -> ClientResult<()> {
        let answer = self.send(call).await?;
        if answer.is_success() {
            Ok(())
        } else {
            Err(error_from(&answer))
        }
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> ClientResult<T> {
        self.send_json(self.call(Verb::Get, path)).await
    }

    async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> ClientResult<T> {
        self.send_json(self.call(Verb::Post, path).json(body)).await
    }

    // --- accounts and sessions ---

    /// Asks for an account. The answer is the same whether the address is new or not: the
    /// server emails a link to confirm (or, for a known address, a note), and the account only
    /// exists once [`ApiClient::confirm_registration`] is called with the link's token.
    pub async fn register(&self, body: &RegisterRequest) -> ClientResult<()> {
        self.send_empty(self.anonymous(Verb::Post, routes::AUTH_REGISTER).json(body))
            .await
    }

    /// Makes the account of a registration with its link's token and keeps the new session's
    /// access token.
    pub async fn confirm_registration(
        &mut self,
        body: &RegisterConfirm,
    ) -> ClientResult<SessionResponse> {
        let session: SessionResponse = self
            .send_json(
                self.anonymous(Verb::Post, routes::AUTH_REGISTER_CONFIRM)
                    .json(body),
            )
            .await?;
        self.access_token = Some(session.access_token.clone());
        Ok(session)
    }

    /// Logs in and keeps the new session's access token.
    pub async fn login(&mut self, body: &LoginRequest) -> ClientResult<SessionResponse> {
        let session: SessionResponse = self
            .send_json(self.call(Verb::Post, routes::AUTH_LOGIN).json(body))
            .await?;
        self.access_token = Some(session.access_token.clone());
        Ok(session)
    }

    /// Trades a refresh token for a new session and keeps its access token.
    pub async fn refresh(&mut self, body: &RefreshRequest) -> ClientResult<SessionResponse> {
        let session: SessionResponse = self
            .send_json(self.anonymous(Verb::Post, routes::AUTH_REFRESH).json(body))
            .await?;
        self.access_token = Some(session.access_token.clone());
        Ok(session)
    }

    /// Ends the session of the refresh token and forgets the access token.
    pub async fn logout(&mut self, body: &LogoutRequest) -> ClientResult<()> {
        self.send_empty(self.anonymous(Verb::Post, routes::AUTH_LOGOUT).json(body))
            .await?;
        self.access_token = None;
        Ok(())
    }

    pub async fn me(&self) -> ClientResult<Me> {
        self.send_json(self.call(Verb::Get, routes::ME)).await
    }

    /// Remembers the caller's language; answers the updated account.
    pub async fn update_locale(&self, body: &UpdateLocaleRequest) -> ClientResult<Me> {
        self.send_json(self.call(Verb::Put, routes::ME_LOCALE).json(body))
            .await
    }

    /// The caller's on/off setting for every kind of email.
    pub async fn notifications(&self) -> ClientResult<NotificationSettings> {
        self.get(routes::ME_NOTIFICATIONS).await
    }

    /// Changes the settings of the kinds in `body`; answers every kind's setting.
    pub async fn update_notifications(
        &self,
        body: &NotificationSettings,
    ) -> ClientResult<NotificationSettings> {
        self.send_json(self.call(Verb::Put, routes::ME_NOTIFICATIONS).json(body))
            .await
    }

    /// One-click unsubscribe with an email's token (no session needed).
    pub async fn unsubscribe(&self, token: &str) -> ClientResult<UnsubscribeResponse> {
        let path = routes::fill(routes::UNSUBSCRIBE, &[token]);
        self.send_json(self.anonymous(Verb::Post, &path)).await
    }

    // --- families ---

    pub async fn create_family(&self, body: &CreateFamilyRequest) -> ClientResult<FamilyDetail> {
        self.send_json(self.call(Verb::Post, routes::FAMILIES).json(body))
            .await
    }

    pub async fn families(&self) -> ClientResult<Vec<FamilySummary>> {
        self.send_json(self.call(Verb::Get, routes::FAMILIES)).await
    }

    pub async fn family(&self, family: Uuid) -> ClientResult<FamilyDetail> {
        let path = fill(routes::FAMILY, &[&family.to_string()]);
        self.send_json(self.call(Verb::Get, &path)).await
    }

    /// The family's file (parents only): the JSON bytes as the server wrote them, ready to
    /// save.
    pub async fn export_family_file(&self, family: Uuid) -> ClientResult<Vec<u8>> {
        let path = fill(routes::FAMILY_EXPORT, &[&family.to_string()]);
        let answer = self.send(self.call(Verb::Get, &path)).await?;
        if answer.is_success() {
            Ok(answer.body)
        } else {
            Err(error_from(&answer))
        }
    }

    /// Makes a new family from a family file's bytes; the caller becomes its parent.
    pub async fn import_family_file(&self, file: Vec<u8>) -> ClientResult<ImportedFamily> {
        let mut call = self.call(Verb::Post, routes::FAMILY_IMPORT);
        call.json = Some(file);
        self.send_json(call).await
    }

    // --- invitations ---

    pub async fn invite(&self, family: Uuid, body: &CreateInviteRequest) -> ClientResult<Invite> {
        let path = fill(routes::INVITES, &[&family.to_string()]);
        self.send_json(self.call(Verb::Post, &path).json(body))
            .await
    }

    /// The family's pending invitations (parents only).
    pub async fn invites(&self, family: Uuid) -> ClientResult<Vec<Invite>> {
        let path = fill(routes::INVITES, &[&family.to_string()]);
        self.send_json(self.call(Verb::Get, &path)).await
    }

    /// Withdraws an invitation: its link stops working.
    pub async fn revoke_invite(&self, family: Uuid, invite: Uuid) -> ClientResult<()> {
        let path = fill(routes::INVITE, &[&family.to_string(), &invite.to_string()]);
        self.send_empty(self.call(Verb::Delete, &path)).await
    }

    /// Sends a new link; the old one stops working. Returns the new invitation.
    pub async fn resend_invite(&self, family: Uuid, invite: Uuid) -> ClientResult<Invite> {
        let path = fill(
            routes::INVITE_RESEND,
            &[&family.to_string(), &invite.to_string()],
        );
        self.send_json(self.call(Verb::Post, &path)).await
    }

    /// What an invitation link is about; changes nothing.
    pub async fn lookup_invite(&self, token: &str) -> ClientResult<InviteLookup> {
        let body = InviteLookupRequest {
            token: token.to_string(),
        };
        self.send_json(self.call(Verb::Post, routes::INVITE_LOOKUP).json(&body))
            .await
    }

    /// Accepts an invitation; keeps the new session's access token when an account was made.
    pub async fn accept_invite(
        &mut self,
        body: &AcceptInviteRequest,
    ) -> ClientResult<AcceptInviteResponse> {
        let accepted: AcceptInviteResponse = self
            .send_json(self.call(Verb::Post, routes::INVITE_ACCEPT).json(body))
            .await?;
        if let Some(session) = &accepted.session {
            self.access_token = Some(session.access_token.clone());
        }
        Ok(accepted)
    }

    /// Asks for a password reset link. The answer is the same whether or not the account exists.
    pub async fn request_password_reset(&self, body: &PasswordResetRequest) -> ClientResult<()> {
        self.send_empty(
            self.anonymous(Verb::Post, routes::PASSWORD_RESET)
                .json(body),
        )
        .await
    }

    /// Sets a new password with a reset link's token; every session of the account ends.
    pub async fn confirm_password_reset(&self, body: &PasswordResetConfirm) -> ClientResult<()> {
        self.send_empty(
            self.anonymous(Verb::Post, routes::PASSWORD_RESET_CONFIRM)
                .json(body),
        )
        .await
    }

    // --- plan sections ---

    /// The whole shared plan the caller may see, with content.
    pub async fn plan(&self, family: Uuid) -> ClientResult<Vec<SectionResponse>> {
        self.get(&fill(routes::PLAN, &[&family.to_string()])).await
    }

    pub async fn sections(
        &self,
        scope: SectionScope,
        family: Uuid,
    ) -> ClientResult<Vec<SectionSummary>> {
        let path = fill(scope.templates().0, &[&family.to_string()]);
        self.send_json(self.call(Verb::Get, &path)).await
    }

    /// Reads a section; its `version` equals the `ETag` the server sent.
    pub async fn section(
        &self,
        scope: SectionScope,
        family: Uuid,
        kind: SectionKind,
    ) -> ClientResult<SectionResponse> {
        let path = fill(scope.templates().1, &[&family.to_string(), kind.as_str()]);
        let answer = self.send(self.call(Verb::Get, &path)).await?;
        let etag = answer.etag.as_deref().and_then(parse_if_match);
        let section: SectionResponse = read_json(answer)?;
        if etag != Some(section.version) {
            return Err(ClientError::Unexpected {
                status: 200,
                detail: format!("ETag {etag:?} differs from version {}", section.version),
            });
        }
        Ok(section)
    }

    /// Saves a section based on `based_on` (sent as `If-Match`; `None` sends no header, which
    /// the server refuses with 428).
    pub async fn save_section(
        &self,
        scope: SectionScope,
        family: Uuid,
        kind: SectionKind,
        based_on: Option<i64>,
        body: &SaveSectionRequest,
    ) -> ClientResult<SectionResponse> {
        let path = fill(scope.templates().1, &[&family.to_string(), kind.as_str()]);
        let call = Call {
            if_match: based_on.map(etag_for),
            ..self.call(Verb::Put, &path).json(body)
        };
        self.send_json(call).await
    }

    pub async fn revisions(
        &self,
        scope: SectionScope,
        family: Uuid,
        kind: SectionKind,
    ) -> ClientResult<Vec<Revision>> {
        let path = fill(scope.templates().2, &[&family.to_string(), kind.as_str()]);
        self.send_json(self.call(Verb::Get, &path)).await
    }
}

impl ApiClient {
    // --- professionals, consent and the access log ---

    pub async fn link_professional(
        &self,
        family: Uuid,
        body: &LinkProfessionalRequest,
    ) -> ClientResult<LinkedProfessional> {
        self.post(&fill(routes::PROFESSIONALS, &[&family.to_string()]), body)
            .await
    }

    pub async fn professionals(&self, family: Uuid) -> ClientResult<Vec<LinkedProfessional>> {
        self.get(&fill(routes::PROFESSIONALS, &[&family.to_string()]))
            .await
    }

    /// Unlinks a professional from the family; their grants end and open requests are declined.
    pub async fn unlink_professional(&self, family: Uuid, professional: Uuid) -> ClientResult<()> {
        let path = fill(
            routes::PROFESSIONAL,
            &[&family.to_string(), &professional.to_string()],
        );
        self.send_empty(self.call(Verb::Delete, &path)).await
    }

    pub async fn create_grant(
        &self,
        family: Uuid,
        body: &CreateGrantRequest,
    ) -> ClientResult<Grant> {
        self.post(&fill(routes::GRANTS, &[&family.to_string()]), body)
            .await
    }

    pub async fn grants(&self, family: Uuid) -> ClientResult<Vec<Grant>> {
        self.get(&fill(routes::GRANTS, &[&family.to_string()]))
            .await
    }

    pub async fn approve_grant(&self, family: Uuid, grant: Uuid) -> ClientResult<Grant> {
        let path = fill(
            routes::GRANT_APPROVE,
            &[&family.to_string(), &grant.to_string()],
        );
        self.post(&path, &serde_json::json!({})).await
    }

    pub async fn revoke_grant(&self, family: Uuid, grant: Uuid) -> ClientResult<Grant> {
        let path = fill(
            routes::GRANT_REVOKE,
            &[&family.to_string(), &grant.to_string()],
        );
        self.post(&path, &serde_json::json!({})).await
    }

    pub async fn request_access(
        &self,
        family: Uuid,
        body: &CreateAccessRequest,
    ) -> ClientResult<AccessRequest> {
        self.post(&fill(routes::ACCESS_REQUESTS, &[&family.to_string()]), body)
            .await
    }

    pub async fn access_requests(&self, family: Uuid) -> ClientResult<Vec<AccessRequest>> {
        self.get(&fill(routes::ACCESS_REQUESTS, &[&family.to_string()]))
            .await
    }

    pub async fn approve_access_request(
        &self,
        family: Uuid,
        request: Uuid,
        body: &ApproveAccessRequest,
    ) -> ClientResult<AccessRequest> {
        let path = fill(
            routes::ACCESS_REQUEST_APPROVE,
            &[&family.to_string(), &request.to_string()],
        );
        self.post(&path, body).await
    }

    pub async fn decline_access_request(
        &self,
        family: Uuid,
        request: Uuid,
        body: &DeclineAccessRequest,
    ) -> ClientResult<AccessRequest> {
        let path = fill(
            routes::ACCESS_REQUEST_DECLINE,
            &[&family.to_string(), &request.to_string()],
        );
        self.post(&path, body).await
    }

    /// The newest page of the family's log (see [`ApiClient::access_log_page`]).
    pub async fn access_log(
        &self,
        family: Uuid,
        query: &AccessLogQuery,
    ) -> ClientResult<Vec<AccessLogEntry>> {
        Ok(self.access_log_page(family, query).await?.entries)
    }

    /// One page of the family's log; pass its `next_cursor` as `query.before` for the next.
    pub async fn access_log_page(
        &self,
        family: Uuid,
        query: &AccessLogQuery,
    ) -> ClientResult<AccessLogPage> {
        let path = fill(routes::ACCESS_LOG, &[&family.to_string()]);
        self.get(&format!("{path}{}", query.to_query_string()))
            .await
    }

    pub async fn professional_families(&self) -> ClientResult<Vec<ProfessionalFamily>> {
        self.get(routes::PROFESSIONAL_FAMILIES).await
    }

    /// A parent's private section that parent granted to the calling professional.
    pub async fn private_section(
        &self,
        family: Uuid,
        owner: Uuid,
        kind: SectionKind,
    ) -> ClientResult<SectionResponse> {
        let path = fill(
            routes::PRIVATE_SECTION,
            &[&family.to_string(), &owner.to_string(), kind.as_str()],
        );
        self.get(&path).await
    }

    pub async fn update_policy(
        &self,
        family: Uuid,
        body: &UpdatePolicyRequest,
    ) -> ClientResult<FamilyDetail> {
        let path = fill(routes::FAMILY_POLICY, &[&family.to_string()]);
        self.send_json(self.call(Verb::Put, &path).json(body)).await
    }

    /// Approves the waiting change of the family's rules (as a parent).
    pub async fn approve_policy_change(&self, family: Uuid) -> ClientResult<FamilyDetail> {
        let path = fill(routes::FAMILY_POLICY_APPROVE, &[&family.to_string()]);
        self.post(&path, &serde_json::json!({})).await
    }

    /// Deletes the family (as a parent, with its name typed in `body`). `None`: it is gone;
    /// `Some`: with "every parent must agree" on, the deletion now waits for the other parents.
    pub async fn delete_family(
        &self,
        family: Uuid,
        body: &DeleteFamilyRequest,
    ) -> ClientResult<Option<PendingDeletion>> {
        let path = fill(routes::FAMILY, &[&family.to_string()]);
        read_json_unless_empty(self.send(self.call(Verb::Delete, &path).json(body)).await?)
    }

    /// The family's deletion that waits for every parent (404 when none waits).
    pub async fn family_deletion(&self, family: Uuid) -> ClientResult<PendingDeletion> {
        self.get(&fill(routes::FAMILY_DELETION, &[&family.to_string()]))
            .await
    }

    /// Approves the family's waiting deletion. `None`: that was the last approval and the
    /// family is gone; `Some`: it still waits for others.
    pub async fn approve_family_deletion(
        &self,
        family: Uuid,
    ) -> ClientResult<Option<PendingDeletion>> {
        let path = fill(routes::FAMILY_DELETION_APPROVE, &[&family.to_string()]);
        let call = self.call(Verb::Post, &path).json(&serde_json::json!({}));
        read_json_unless_empty(self.send(call).await?)
    }

    /// Cancels the family's waiting deletion (any parent).
    pub async fn cancel_family_deletion(&self, family: Uuid) -> ClientResult<()> {
        let path = fill(routes::FAMILY_DELETION, &[&family.to_string()]);
        self.send_empty(self.call(Verb::Delete, &path)).await
    }

    /// Deletes the caller's own account (its password typed again) and forgets the access
    /// token: every session of the account ends.
    pub async fn delete_account(&mut self, body: &DeleteAccountRequest) -> ClientResult<()> {
        self.send_empty(self.call(Verb::Delete, routes::ME).json(body))
            .await?;
        self.access_token = None;
        Ok(())
    }

    /// Removes `user` from the family (as a parent, a relative), or leaves it (`user` is the
    /// caller).
    pub async fn remove_member(&self, family: Uuid, user: Uuid) -> ClientResult<()> {
        let path = fill(
            routes::FAMILY_MEMBER,
            &[&family.to_string(), &user.to_string()],
        );
        self.send_empty(self.call(Verb::Delete, &path)).await
    }

    /// "Ik doe dit": takes the agreement, by `body.due` (default its `by_when`).
    pub async fn take_agreement(
        &self,
        family: Uuid,
        agreement: &str,
        body: &TakeAgreementRequest,
    ) -> ClientResult<CommitmentsResponse> {
        let path = fill(routes::AGREEMENT_TAKE, &[&family.to_string(), agreement]);
        self.post(&path, body).await
    }

    /// Marks the caller's agreement done.
    pub async fn finish_agreement(
        &self,
        family: Uuid,
        agreement: &str,
    ) -> ClientResult<CommitmentsResponse> {
        let path = fill(routes::AGREEMENT_DONE, &[&family.to_string(), agreement]);
        self.post(&path, &serde_json::json!({})).await
    }

    /// Hands the caller's agreement back, with an optional word.
    pub async fn release_agreement(
        &self,
        family: Uuid,
        agreement: &str,
        body: &ReleaseAgreementRequest,
    ) -> ClientResult<CommitmentsResponse> {
        let path = fill(routes::AGREEMENT_RELEASE, &[&family.to_string(), agreement]);
        self.post(&path, body).await
    }

    /// Gives the agreement to a member (as a parent).
    pub async fn assign_agreement(
        &self,
        family: Uuid,
        agreement: &str,
        body: &AssignAgreementRequest,
    ) -> ClientResult<CommitmentsResponse> {
        let path = fill(routes::AGREEMENT_ASSIGN, &[&family.to_string(), agreement]);
        self.post(&path, body).await
    }

    /// Who has which agreement: what the caller may see, plus their own.
    pub async fn commitments(&self, family: Uuid) -> ClientResult<CommitmentsResponse> {
        self.get(&fill(routes::COMMITMENTS, &[&family.to_string()]))
            .await
    }

    /// Declines the waiting change of the family's rules (as a parent): the rule stays on.
    pub async fn decline_policy_change(&self, family: Uuid) -> ClientResult<FamilyDetail> {
        let path = fill(routes::FAMILY_POLICY_DECLINE, &[&family.to_string()]);
        self.post(&path, &serde_json::json!({})).await
    }

    pub async fn comment(
        &self,
        family: Uuid,
        kind: SectionKind,
        body: &CreateCommentRequest,
    ) -> ClientResult<Comment> {
        self.post(
            &fill(
                routes::SECTION_COMMENTS,
                &[&family.to_string(), kind.as_str()],
            ),
            body,
        )
        .await
    }

    /// The comments on a section the caller may see, and whether the caller may comment.
    pub async fn comments(&self, family: Uuid, kind: SectionKind) -> ClientResult<CommentThread> {
        self.get(&fill(
            routes::SECTION_COMMENTS,
            &[&family.to_string(), kind.as_str()],
        ))
        .await
    }

    // --- fixed versions of the plan ---

    /// A parent fixes the living plan as a version.
    pub async fn fix_version(
        &self,
        family: Uuid,
        body: &FixVersionRequest,
    ) -> ClientResult<PlanVersion> {
        self.post(&fill(routes::VERSIONS, &[&family.to_string()]), body)
            .await
    }

    /// The family's versions, newest first, and whether the caller may fix one.
    pub async fn versions(&self, family: Uuid) -> ClientResult<VersionList> {
        self.get(&fill(routes::VERSIONS, &[&family.to_string()]))
            .await
    }

    /// One version with the sections the caller may read.
    pub async fn version(&self, family: Uuid, version: Uuid) -> ClientResult<PlanVersion> {
        self.get(&fill(
            routes::VERSION,
            &[&family.to_string(), &version.to_string()],
        ))
        .await
    }

    /// "Ik sta achter dit plan": once, however often it is sent.
    pub async fn endorse_version(
        &self,
        family: Uuid,
        version: Uuid,
    ) -> ClientResult<VersionSummary> {
        let path = fill(
            routes::VERSION_ENDORSEMENT,
            &[&family.to_string(), &version.to_string()],
        );
        self.send_json(self.call(Verb::Post, &path)).await
    }

    /// Takes the caller's endorsement of a version back.
    pub async fn withdraw_endorsement(
        &self,
        family: Uuid,
        version: Uuid,
    ) -> ClientResult<VersionSummary> {
        let path = fill(
            routes::VERSION_ENDORSEMENT,
            &[&family.to_string(), &version.to_string()],
        );
        self.send_json(self.call(Verb::Delete, &path)).await
    }

    /// What changed from version `from` to version `to`.
    pub async fn compare_versions(
        &self,
        family: Uuid,
        from: Uuid,
        to: Uuid,
    ) -> ClientResult<VersionComparison> {
        self.get(&fill(
            routes::VERSION_COMPARE,
            &[&family.to_string(), &from.to_string(), &to.to_string()],
        ))
        .await
    }

    // --- what is due, and the calendar address ---

    /// What is due for the caller this week and what is overdue, across their families.
    pub async fn agenda(&self) -> ClientResult<Agenda> {
        self.get(routes::ME_AGENDA).await
    }

    /// Whether the caller's calendar address is on (never the address itself).
    pub async fn calendar(&self) -> ClientResult<CalendarFeed> {
        self.get(routes::ME_CALENDAR).await
    }

    /// Switches the calendar address on, or renews it (the old address stops at once); the
    /// answer holds the new address, once.
    pub async fn enable_calendar(&self) -> ClientResult<CalendarFeed> {
        self.send_json(self.call(Verb::Post, routes::ME_CALENDAR))
            .await
    }

    /// Switches the calendar address off: it answers 404 from now on.
    pub async fn disable_calendar(&self) -> ClientResult<CalendarFeed> {
        self.send_json(self.call(Verb::Delete, routes::ME_CALENDAR))
            .await
    }

    /// The PDF of the living plan or a version (see [`crate::export::PdfQuery`]): its bytes.
    pub async fn export_pdf(
        &self,
        family: Uuid,
        query: &crate::export::PdfQuery,
    ) -> ClientResult<Vec<u8>> {
        let answer = self.send(self.call(Verb::Get, &query.path(family))).await?;
        if answer.is_success() {
            Ok(answer.body)
        } else {
            Err(error_from(&answer))
        }
    }

    // --- organisation admins ---

    pub async fn create_professional(
        &self,
        body: &CreateProfessionalRequest,
    ) -> ClientResult<ProfessionalAccount> {
        self.post(routes::ORG_PROFESSIONALS, body).await
    }

    pub async fn org_professionals(&self) -> ClientResult<Vec<ProfessionalAccount>> {
        self.get(routes::ORG_PROFESSIONALS).await
    }

    pub async fn deactivate_professional(&self, professional: Uuid) -> ClientResult<()> {
        let path = fill(
            routes::ORG_PROFESSIONAL_DEACTIVATE,
            &[&professional.to_string()],
        );
        self.send_empty(self.call(Verb::Post, &path)).await
    }

    /// Sets the first password of an account with the token from its activation link.
    pub async fn activate_account(&self, body: &ActivateAccountRequest) -> ClientResult<()> {
        self.send_empty(self.call(Verb::Post, routes::AUTH_ACTIVATE).json(body))
            .await
    }
}

impl Call {
    /// Adds `body` as JSON. The API's types always serialise; if one ever did not, the server
    /// refuses the empty body with a clear error instead of the client panicking.
    fn json<B: Serialize>(mut self, body: &B) -> Self {
        self.json = Some(serde_json::to_vec(body).unwrap_or_default());
        self
    }
}

fn read_json<T: DeserializeOwned>(answer: Answer) -> ClientResult<T> {
    if !answer.is_success() {
        return Err(error_from(&answer));
    }
    serde_json::from_slice(&answer.body).map_err(|err| ClientError::Unexpected {
        status: answer.status,
        detail: err.to_string(),
    })
}

fn error_from(answer: &Answer) -> ClientError {
    match serde_json::from_slice::<ApiError>(&answer.body) {
        Ok(error) => ClientError::Api {
            status: answer.status,
            error,
        },
        Err(_) => ClientError::Unexpected {
            status: answer.status,
            detail: String::from_utf8_lossy(&answer.body)
                .chars()
                .take(200)
                .collect(),
        },
    }
}

/// A success without a body (204) is `None`; one with a body is read as `T`.
fn read_json_unless_empty<T: DeserializeOwned>(answer: Answer) -> ClientResult<Option<T>> {
    if answer.status == 204 {
        return Ok(None);
    }
    read_json(answer).map(Some)
}
