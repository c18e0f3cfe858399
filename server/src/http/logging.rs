//! One log line per request: method, route pattern (never the raw path or query, which could
//! carry ids worth keeping out of logs), status, duration and a request id that is also sent
//! back as `X-Request-Id`. Bodies and headers are never logged.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::HttpMessage;

/// The id of the request being served, for log rows written while serving it.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

pub async fn log_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let request_id = uuid::Uuid::new_v4().to_string();
    req.extensions_mut().insert(RequestId(request_id.clone()));
    // Finding the route pattern walks the router again: only when the line is written.
    let line = tracing::enabled!(tracing::Level::INFO).then(|| {
        let pattern = req
            .match_pattern()
            .unwrap_or_else(|| "<unmatched>".to_string());
        (req.method().to_string(), pattern)
    });
    let mut response = next.call(req).await?;
    if let Some((method, pattern)) = line {
        tracing::info!(
            request_id = %request_id,
            method = %method,
            route = %pattern,
            status = response.status().as_u16(),
            duration_ms = started.elapsed().as_millis() as u64,
            "request"
        );
    }
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response
            .headers_mut()
            .insert(HeaderName::from_static("x-request-id"), value);
    }
    Ok(response)
}

impl actix_web::FromRequest for RequestId {
    type Error = std::convert::Infallible;
    type Future = std::future::Ready<Result<Self, Self::Error>>;

    fn from_request(req: &actix_web::HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let id = req
            .extensions()
            .get::<RequestId>()
            .cloned()
            .unwrap_or_else(|| RequestId(String::new()));
        std::future::ready(Ok(id))
    }
}

impl RequestId {
    /// The id, or `None` outside a logged request.
    pub fn owned(&self) -> Option<String> {
        (!self.0.is_empty()).then(|| self.0.clone())
    }
}
