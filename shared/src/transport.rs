//! The HTTP under the typed client: one call out, one answer back. Native builds (the tests,
//! desktop and mobile) send with reqwest; the browser build calls `fetch` itself, which keeps
//! reqwest, http and url out of the wasm a parent's phone downloads.

/// The HTTP methods the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Get,
    Post,
    Put,
    Delete,
}

impl Verb {
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Get => "GET",
            Verb::Post => "POST",
            Verb::Put => "PUT",
            Verb::Delete => "DELETE",
        }
    }
}

/// A call, ready to send.
#[derive(Debug, Clone)]
pub struct Call {
    pub verb: Verb,
    pub url: String,
    /// The access token, sent as `Authorization: Bearer …`.
    pub bearer: Option<String>,
    pub if_match: Option<String>,
    /// A JSON body, already serialised.
    pub json: Option<Vec<u8>>,
}

/// What the server answered.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub etag: Option<String>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// The connection state a client keeps between calls.
#[cfg(not(target_arch = "wasm32"))]
pub type Http = reqwest::Client;

/// The browser keeps connections itself; the refresh cookie goes along (same origin).
#[cfg(target_arch = "wasm32")]
#[derive(Debug, Clone)]
pub struct Http;

/// A fresh connection state.
pub fn http() -> Http {
    #[cfg(not(target_arch = "wasm32"))]
    return reqwest::Client::new();
    #[cfg(target_arch = "wasm32")]
    return Http;
}

/// Sends `call`; an `Err` means no answer came (network down, server gone).
#[cfg(not(target_arch = "wasm32"))]
pub async fn send(http: &Http, call: Call) -> Result<Answer, String> {
    use reqwest::header;

    let method = match call.verb {
        Verb::Get => reqwest::Method::GET,
        Verb::Post => reqwest::Method::POST,
        Verb::Put => reqwest::Method::PUT,
        Verb::Delete => reqwest::Method::DELETE,
    };
    let mut request = http.request(method, &call.url);
    if let Some(token) = &call.bearer {
        request = request.bearer_auth(token);
    }
    if let Some(version) = call.if_match {
        request = request.header(header::IF_MATCH, version);
    }
    if let Some(body) = call.json {
        request = request
            .header(header::CONTENT_TYPE, "application/json")
            .body(body);
    }
    let response = request.send().await.map_err(|err| err.to_string())?;
    let status = response.status().as_u16();
    let etag = response
        .headers()
        .get(header::ETAG)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let body = response.bytes().await.map_err(|err| err.to_string())?;
    Ok(Answer {
        status,
        etag,
        body: body.to_vec(),
    })
}

/// Sends `call` with the browser's `fetch`; an `Err` means no answer came.
#[cfg(target_arch = "wasm32")]
pub async fn send(_http: &Http, call: Call) -> Result<Answer, String> {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    fn failed(err: JsValue) -> String {
        err.dyn_ref::<js_sys::Error>()
            .map(|err| String::from(err.message()))
            .unwrap_or_else(|| "fetch failed".to_string())
    }

    /// Cancels the request when the caller stops waiting (a screen left, a filter changed), as
    /// reqwest did, so a slow phone does not keep downloading answers nobody reads.
    struct AbortOnDrop(Option<web_sys::AbortController>);
    impl Drop for AbortOnDrop {
        fn drop(&mut self) {
            if let Some(controller) = self.0.take() {
                controller.abort();
            }
        }
    }

    let init = web_sys::RequestInit::new();
    let mut abort = AbortOnDrop(web_sys::AbortController::new().ok());
    if let Some(controller) = &abort.0 {
        init.set_signal(Some(&controller.signal()));
    }
    init.set_method(call.verb.as_str());
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    let headers = web_sys::Headers::new().map_err(failed)?;
    if let Some(token) = &call.bearer {
        headers
            .set("authorization", &format!("Bearer {token}"))
            .map_err(failed)?;
    }
    if let Some(version) = &call.if_match {
        headers.set("if-match", version).map_err(failed)?;
    }
    if let Some(body) = &call.json {
        headers
            .set("content-type", "application/json")
            .map_err(failed)?;
        init.set_body(&js_sys::Uint8Array::from(body.as_slice()));
    }
    init.set_headers(&headers);
    let window = web_sys::window().ok_or_else(|| "no window".to_string())?;
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str_and_init(&call.url, &init))
            .await
            .map_err(failed)?
            .unchecked_into();
    let etag = response.headers().get("etag").ok().flatten();
    let buffer = JsFuture::from(response.array_buffer().map_err(failed)?)
        .await
        .map_err(failed)?;
    abort.0 = None;
    Ok(Answer {
        status: response.status(),
        etag,
        body: js_sys::Uint8Array::new(&buffer).to_vec(),
    })
}
