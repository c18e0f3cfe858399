//! `AuthUser`: the account behind a request's bearer token, looked up in the database on
//! every request so a disabled or deleted account loses access at once, and so does a token
//! whose session epoch the account has moved past (logout, password reset). The same query brings
//! the account's organisation (name, and whether it is active), which a professional's
//! access decision and access-log rows need later in the same request.

use std::future::Future;
use std::pin::Pin;

use actix_web::{dev::Payload, http::header, web, FromRequest, HttpRequest};
use onsplan_shared::auth::AccountKind;

use crate::db::models::UserRow;
use crate::db::{self, users};
use crate::errors::AppError;
use crate::state::AppState;

#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: String,
    pub email: String,
    pub name: String,
    pub locale: String,
    pub kind: AccountKind,
    pub org_id: Option<String>,
    /// The organisation's name, as it is now.
    pub org_name: Option<String>,
    /// Whether the account belongs to an organisation that is not deactivated.
    pub org_active: bool,
}

impl AuthUser {
    pub fn is_professional(&self) -> bool {
        self.kind == AccountKind::Professional
    }
}

impl FromRequest for AuthUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer_token(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| AppError::Internal(anyhow::anyhow!("no state")))?;
            let verified = token
                .and_then(|token| state.jwt.verify(&token))
                .ok_or(AppError::Unauthorized)?;
            let user_id = verified.user_id;
            let (user, org) = state
                .db
                .read(move |conn| {
                    users::find_active_with_org(conn, &user_id).map_err(AppError::from)
                })
                .await?
                .filter(|(user, _)| user.session_epoch == verified.epoch)
                .ok_or(AppError::Unauthorized)?;
            AuthUser::from_rows(user, org)
        })
    }
}

impl AuthUser {
    /// The account as [`users::find_active_with_org`] read it (also for requests that prove
    /// who they are otherwise, such as a calendar address).
    pub fn from_rows(user: UserRow, org: Option<users::OrgFacts>) -> Result<Self, AppError> {
        Ok(AuthUser {
            org_active: matches!(org, Some((_, None))),
            org_name: org.map(|(name, _)| name),
            id: user.id,
            email: user.email,
            name: user.name,
            locale: user.locale,
            kind: AccountKind::parse(&user.kind)
                .ok_or_else(|| AppError::from(db::corrupt("account kind")))?,
            org_id: user.org_id,
        })
    }
}

fn bearer_token(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
        .filter(|token| !token.is_empty())
}
