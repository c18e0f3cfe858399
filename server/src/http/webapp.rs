//! Serves the built web app from a folder (`ONSPLAN_WEB_DIR`) on the same origin as the API.
//!
//! - Precompressed variants (`<file>.br`, `<file>.gz`) are preferred when the browser accepts
//!   them, with `Content-Encoding` and `Vary: Accept-Encoding`.
//! - Files under `/assets/` carry a content hash in their name and are cached for a year;
//!   everything else (`index.html`) must be revalidated.
//! - Any other GET path that names no file is a deep link into the app: `index.html` answers.
//! - An HTML page carries its `<meta>` content security policy as a header too, with
//!   `frame-ancestors 'none'` added (browsers ignore that directive in `<meta>`).
//! - The service worker (`/sw.js`) gets a policy that lets it fetch from this origin; like the
//!   page and the manifest it must be revalidated, so a new build is found on the next start.
//! - `/api/...` and `/healthz` never fall back to the app: unknown API routes keep answering
//!   the JSON `route_not_found`.

use std::path::{Component, Path, PathBuf};

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::Method;
use actix_web::{web, HttpRequest, HttpResponse};
use onsplan_shared::routes::{API_PREFIX, HEALTHZ};

use crate::state::AppState;

/// The web app's service worker, at the root so that its scope is the whole app.
const SERVICE_WORKER: &str = "sw.js";

/// The fallback for every request no API route matched.
pub async fn fallback(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let path = req.path();
    let is_api = path == API_PREFIX || path.starts_with(&format!("{API_PREFIX}/"));
    if is_api || path == HEALTHZ || !(req.method() == Method::GET || req.method() == Method::HEAD) {
        return super::route_not_found(req).await;
    }
    let dir = state.settings.web_dir.clone();
    let accept = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let wanted = path.to_string();
    let found = web::block(move || find(&dir, &wanted, &accept))
        .await
        .ok()
        .flatten();
    match found {
        Some(file) => respond(file, req.method() == Method::HEAD),
        None => super::route_not_found(req).await,
    }
}

/// A file chosen for a request.
#[derive(Debug)]
struct Found {
    bytes: Vec<u8>,
    content_type: &'static str,
    encoding: Option<&'static str>,
    immutable: bool,
    /// The content security policy header of an HTML page.
    policy: Option<String>,
}

fn respond(file: Found, head: bool) -> HttpResponse {
    let mut response = HttpResponse::Ok();
    response.insert_header((header::CONTENT_TYPE, file.content_type));
    response.insert_header((header::VARY, "Accept-Encoding"));
    response.insert_header((
        header::CACHE_CONTROL,
        if file.immutable {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        },
    ));
    if let Some(encoding) = file.encoding {
        response.insert_header((header::CONTENT_ENCODING, HeaderValue::from_static(encoding)));
    }
    if let Some(policy) = file.policy.and_then(|p| HeaderValue::from_str(&p).ok()) {
        response.insert_header((header::CONTENT_SECURITY_POLICY, policy));
    }
    if head {
        response.insert_header((header::CONTENT_LENGTH, file.bytes.len()));
        response.finish()
    } else {
        response.body(file.bytes)
    }
}

/// Maps a URL path to a file in `dir`, or to `index.html` for deep links.
fn find(dir: &Path, url_path: &str, accept_encoding: &str) -> Option<Found> {
    let relative = safe_relative(url_path)?;
    let is_file = !relative.as_os_str().is_empty() && dir.join(&relative).is_file();
    if is_file {
        let immutable = relative.starts_with("assets");
        return read_variant(dir, &relative, accept_encoding, immutable);
    }
    // A missing asset is a real 404, not the app: a stale index.html must not get HTML for JS.
    if relative.starts_with("assets") || relative.extension().is_some() {
        return None;
    }
    read_variant(dir, Path::new("index.html"), accept_encoding, false)
}

/// The path below the web folder, refusing anything that could climb out of it.
fn safe_relative(url_path: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in Path::new(url_path.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

fn read_variant(dir: &Path, relative: &Path, accept: &str, immutable: bool) -> Option<Found> {
    let path = dir.join(relative);
    let content_type = content_type(&path);
    // The policy comes from the plain page, whichever variant is sent.
    let policy = if content_type.starts_with("text/html") {
        std::fs::read_to_string(&path)
            .ok()
            .map(|html| super::headers::page_policy(&html))
    } else if relative == Path::new(SERVICE_WORKER) {
        Some(super::headers::WORKER_POLICY.to_string())
    } else {
        None
    };
    for (encoding, suffix) in [("br", "br"), ("gzip", "gz")] {
        if accepts(accept, encoding) {
            let mut name = path.clone().into_os_string();
            name.push(".");
            name.push(suffix);
            if let Ok(bytes) = std::fs::read(&name) {
                return Some(Found {
                    bytes,
                    content_type,
                    encoding: Some(encoding),
                    immutable,
                    policy,
                });
            }
        }
    }
    let bytes = std::fs::read(&path).ok()?;
    Some(Found {
        bytes,
        content_type,
        encoding: None,
        immutable,
        policy,
    })
}

/// True when an `Accept-Encoding` value lists `encoding` without `q=0`.
fn accepts(header: &str, encoding: &str) -> bool {
    header.split(',').any(|part| {
        let mut pieces = part.split(';').map(str::trim);
        pieces.next() == Some(encoding)
            && !pieces.any(|p| p.replace(' ', "") == "q=0" || p.replace(' ', "") == "q=0.0")
    })
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn web_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("onsplan-web-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        std::fs::write(dir.join("index.html"), "<html>app</html>").unwrap();
        std::fs::write(dir.join("index.html.br"), "br-index").unwrap();
        std::fs::write(dir.join("assets/app-1234.wasm"), "wasm").unwrap();
        std::fs::write(dir.join("assets/app-1234.wasm.gz"), "gz-wasm").unwrap();
        dir
    }

    #[test]
    fn deep_links_get_index_html_and_missing_assets_do_not() {
        let dir = web_dir();
        let deep = find(&dir, "/gezin/abc/plan", "").unwrap();
        assert_eq!(deep.bytes, b"<html>app</html>");
        assert!(!deep.immutable);
        assert!(find(&dir, "/assets/gone-999.js", "").is_none());
        assert!(find(&dir, "/favicon.ico", "").is_none());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn precompressed_variants_follow_accept_encoding() {
        let dir = web_dir();
        let br = find(&dir, "/", "gzip, deflate, br").unwrap();
        assert_eq!(
            (br.encoding, br.bytes.as_slice()),
            (Some("br"), &b"br-index"[..])
        );
        let wasm = find(&dir, "/assets/app-1234.wasm", "gzip, br").unwrap();
        assert_eq!(wasm.encoding, Some("gzip"));
        assert_eq!(wasm.content_type, "application/wasm");
        assert!(wasm.immutable);
        let plain = find(&dir, "/assets/app-1234.wasm", "gzip;q=0").unwrap();
        assert_eq!(plain.encoding, None);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_service_worker_may_fetch_from_this_origin_and_is_revalidated() {
        let dir = web_dir();
        std::fs::write(dir.join("sw.js"), "self.x = 1;").unwrap();
        std::fs::write(dir.join("manifest.webmanifest"), "{}").unwrap();
        let worker = find(&dir, "/sw.js", "").unwrap();
        assert_eq!(worker.content_type, "text/javascript; charset=utf-8");
        assert!(!worker.immutable);
        assert_eq!(
            worker.policy.as_deref(),
            Some(super::super::headers::WORKER_POLICY)
        );
        let manifest = find(&dir, "/manifest.webmanifest", "").unwrap();
        assert_eq!(manifest.content_type, "application/manifest+json");
        assert!(!manifest.immutable);
        assert_eq!(manifest.policy, None);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn paths_cannot_climb_out_of_the_web_folder() {
        assert!(safe_relative("/../etc/passwd").is_none());
        assert!(safe_relative("/assets/../../x").is_none());
        assert_eq!(safe_relative("/a/./b").unwrap(), PathBuf::from("a/b"));
    }
}
