//! Security headers on every answer: no MIME sniffing, no framing (also as the content
//! security policy's `frame-ancestors`, which a `<meta>` policy cannot carry), no referrer,
//! no powerful browser features, HSTS in production, and `Cache-Control: no-store` on every
//! API answer (they carry family data that must not stay in a shared or browser cache).
//! Headers a handler set itself (the web app's page policy and caching) are kept.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;
use onsplan_shared::routes::API_PREFIX;

use crate::config::Environment;
use crate::state::AppState;

/// Refusing to be framed, as a policy directive.
pub const FRAME_ANCESTORS: &str = "frame-ancestors 'none'";
/// The policy of answers that are not the web app's page: they load nothing.
pub const DEFAULT_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";
/// The policy of the web app's service worker (`/sw.js`): a worker's own answer sets its
/// policy, and it fetches the app shell from this origin, nothing else.
pub const WORKER_POLICY: &str = "default-src 'none'; connect-src 'self'; frame-ancestors 'none'";
/// Browser features the app never uses, switched off for every page.
pub const PERMISSIONS_POLICY: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
/// Two years, subdomains included (production only: development runs on plain HTTP).
pub const HSTS: &str = "max-age=63072000; includeSubDomains";

pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let path = req.path();
    let is_api = path == API_PREFIX || path.starts_with(&format!("{API_PREFIX}/"));
    let production = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.settings.environment == Environment::Production);
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    set_default(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set_default(headers, header::X_FRAME_OPTIONS, "DENY");
    set_default(headers, header::REFERRER_POLICY, "no-referrer");
    set_default(headers, header::CONTENT_SECURITY_POLICY, DEFAULT_POLICY);
    set_default(
        headers,
        HeaderName::from_static("permissions-policy"),
        PERMISSIONS_POLICY,
    );
    if production {
        set_default(headers, header::STRICT_TRANSPORT_SECURITY, HSTS);
    }
    if is_api {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(response)
}

fn set_default(headers: &mut HeaderMap, name: HeaderName, value: &'static str) {
    if !headers.contains_key(&name) {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

/// The header policy for the web app's page: the policy of its `<meta>` element (which the
/// web build computes from the page's inline scripts) plus `frame-ancestors 'none'`. A page
/// without one gets a same-origin policy.
pub fn page_policy(html: &str) -> String {
    let meta = meta_policy(html).unwrap_or_else(|| "default-src 'self'".to_string());
    format!("{}; {FRAME_ANCESTORS}", meta.trim().trim_end_matches(';'))
}

/// The `content` of `<meta http-equiv="Content-Security-Policy" content="…">`.
fn meta_policy(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(start) = lower[from..].find("<meta").map(|i| from + i) {
        let end = lower[start..].find('>').map(|i| start + i)?;
        let tag = &lower[start..end];
        if tag.contains("http-equiv=\"content-security-policy\"") {
            let content = tag.find("content=\"")? + "content=\"".len();
            let close = tag[content..].find('"')? + content;
            // The original text, not the lowercased one: hashes are case-sensitive.
            return Some(html[start + content..start + close].to_string());
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_policy_is_the_meta_policy_plus_frame_ancestors() {
        let html = "<head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" \
                    content=\"default-src 'self'; script-src 'self' 'sha256-AbC='\"></head>";
        assert_eq!(
            page_policy(html),
            "default-src 'self'; script-src 'self' 'sha256-AbC='; frame-ancestors 'none'"
        );
        assert_eq!(
            page_policy("<html>no policy</html>"),
            "default-src 'self'; frame-ancestors 'none'"
        );
    }
}
