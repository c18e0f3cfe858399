//! `GET /api/v1/families/{family}/export.pdf`: a PDF of the living plan or a fixed version.
//! Thin: reads the query, the rules and the log live in [`crate::services::plan_pdf`].

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use onsplan_shared::export::PdfQuery;
use onsplan_shared::validate::FieldError;
use onsplan_shared::ApiError;
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::errors::AppResult;
use crate::http::logging::RequestId;
use crate::services::plan_pdf::{self, PdfAsk};
use crate::state::AppState;

/// The query as it arrives; read into a [`PdfAsk`] with field errors.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PdfParams {
    /// A fixed version of the plan; without it, the plan as it is now.
    version: Option<String>,
    /// Section kinds separated by commas (`goals,agreements`); without it, every section the
    /// caller may take out.
    sections: Option<String>,
}

impl PdfParams {
    fn read(self) -> Result<PdfAsk, FieldError> {
        let version = match self.version.as_deref() {
            None | Some("") => None,
            Some(text) => Some(
                text.parse::<Uuid>()
                    .map_err(|_| FieldError::new("version", "is not the id of a version"))?,
            ),
        };
        let sections = self
            .sections
            .as_deref()
            .map(PdfQuery::parse_sections)
            .transpose()?;
        Ok(PdfAsk { version, sections })
    }
}

#[utoipa::path(get, path = "/api/v1/families/{family}/export.pdf", tag = "versions",
    security(("bearer" = [])), params(("family" = Uuid, Path), PdfParams),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>,
        description = "A tagged PDF (PDF/UA-1 where the text allows) of the sections the caller may take out: parents what they read, professionals what a grant with `can_export` names"),
        (status = 403, body = ApiError, description = "A named section the caller knows but may not take out"),
        (status = 404, body = ApiError, description = "No such family, version or section for this caller"),
        (status = 422, body = ApiError, description = "An unknown section kind or a malformed version id")))]
pub async fn export_pdf(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    family: web::Path<Uuid>,
    query: web::Query<PdfParams>,
) -> AppResult<HttpResponse> {
    let ask = query.into_inner().read()?;
    let pdf = plan_pdf::export(&state.db, &user, rid.owned(), family.into_inner(), ask).await?;
    tracing::info!(
        bytes = pdf.bytes.len(),
        pages = pdf.pages,
        pdf_ua = pdf.universal_access,
        "plan PDF made"
    );
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", pdf.file_name),
        ))
        .body(pdf.bytes))
}
