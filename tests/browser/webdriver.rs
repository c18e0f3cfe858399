//! A small WebDriver client on reqwest, enough to drive headless Chromium through
//! chromedriver: sessions, navigation, elements, scripts, screenshots and DevTools commands
//! (`goog/cdp/execute`, for network and CPU throttling). Every screen it waits on is checked
//! for accessibility with axe-core ([`crate::accessibility`]).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A chromedriver process with one browser session; both end when this is dropped.
pub struct Browser {
    http: reqwest::Client,
    base: String,
    driver: Child,
    profile: std::path::PathBuf,
    /// The accessibility checks of this browser's screens.
    audits: crate::accessibility::Audits,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Killing chromedriver leaves the Chromium it started running; every process of this
        // browser carries the unique profile path, so end exactly those first.
        let _ = Command::new("pkill")
            .args(["-9", "-f", &self.profile.display().to_string()])
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Browser {
    /// Starts chromedriver on a free port and opens a 360x740 headless Chromium.
    pub async fn start() -> Self {
        Self::launch(false).await
    }

    /// Like [`Browser::start`], and the browser also records the page's DevTools network
    /// events, which [`Browser::network_events`] hands out.
    pub async fn start_recording_network() -> Self {
        Self::launch(true).await
    }

    async fn launch(record_network: bool) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let http = reqwest::Client::new();
        let root = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while http.get(format!("{root}/status")).send().await.is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile =
            std::env::temp_dir().join(format!("onsplan-chromium-{}", uuid::Uuid::new_v4()));
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=360,740",
        ]
        .into_iter()
        .map(String::from)
        .chain([format!("--user-data-dir={}", profile.display())])
        .collect::<Vec<_>>();
        let mut options = json!({"binary": CHROMIUM, "args": args});
        let mut always = json!({"browserName": "chrome"});
        if record_network {
            options["perfLoggingPrefs"] = json!({"enableNetwork": true, "enablePage": false});
            always["goog:loggingPrefs"] = json!({"performance": "ALL"});
        }
        always["goog:chromeOptions"] = options;
        let capabilities = json!({"capabilities": {"alwaysMatch": always}});
        let created: Value = http
            .post(format!("{root}/session"))
            .json(&capabilities)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = created["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no browser session: {created}"));
        let browser = Self {
            base: format!("{root}/session/{id}"),
            http,
            driver,
            profile,
            audits: crate::accessibility::Audits::default(),
        };
        // Headless windows have a minimum width; the viewport must be a 360 px phone.
        browser
            .cdp(
                "Emulation.setDeviceMetricsOverride",
                json!({"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": true}),
            )
            .await;
        // Every page records what its content security policy blocked, for `goto`/`refresh`
        // to check before they leave it.
        browser
            .cdp(
                "Page.addScriptToEvaluateOnNewDocument",
                json!({"source": "window.onsplanCspViolations = [];\
                    document.addEventListener('securitypolicyviolation', e =>\
                    window.onsplanCspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"}),
            )
            .await;
        browser
    }

    /// What the page's content security policy blocked since the page loaded.
    pub async fn csp_violations(&self) -> Vec<String> {
        let found = self
            .js("return window.onsplanCspViolations || []", json!([]))
            .await;
        serde_json::from_value(found).unwrap_or_default()
    }

    /// Fails the test when the page now open broke its content security policy.
    pub async fn assert_no_csp_violations(&self) {
        let violations = self.csp_violations().await;
        assert!(
            violations.is_empty(),
            "the page broke its content security policy: {violations:?}"
        );
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let answer: Value = request.send().await.unwrap().json().await.unwrap();
        answer["value"].clone()
    }

    async fn post(&self, path: &str, body: Value) -> Value {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }

    pub async fn goto(&self, url: &str) {
        self.assert_no_csp_violations().await;
        let answer = self.post("/url", json!({"url": url})).await;
        assert!(answer.get("error").is_none(), "go to {url}: {answer}");
    }

    pub async fn refresh(&self) {
        self.assert_no_csp_violations().await;
        self.post("/refresh", json!({})).await;
    }

    /// Runs `script` (a function body; may return a promise) with `args`.
    pub async fn js(&self, script: &str, args: Value) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": args}))
            .await
    }

    async fn find(&self, css: &str) -> Option<String> {
        let found = self
            .post("/element", json!({"using": "css selector", "value": css}))
            .await;
        found[ELEMENT].as_str().map(String::from)
    }

    /// Waits up to 20 s for an element, then checks the screen's accessibility when the
    /// journey has not been on this screen before.
    pub async fn wait(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(id) = self.find(css).await {
                self.audits.check(self).await;
                return id;
            }
            if Instant::now() > deadline {
                let html = self.html().await;
                let last = self
                    .post("/element", json!({"using": "css selector", "value": css}))
                    .await;
                let url = self.js("return location.href", json!([])).await;
                panic!("no element {css} within 20 s at {url} ({last}); page: {html}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Checks the accessibility of the screen now open, also when only a part of it changed.
    pub async fn check_accessibility(&self) {
        self.audits.check_again(self).await;
    }

    /// Waits up to 20 s until the page's text contains `text`.
    pub async fn wait_text(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let body = self.js("return document.body.innerText", json!([])).await;
            if body.as_str().unwrap_or_default().contains(text) {
                self.audits.check(self).await;
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no text {text:?} within 20 s; page: {body}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn click(&self, css: &str) {
        let id = self.wait(css).await;
        let answer = self.post(&format!("/element/{id}/click"), json!({})).await;
        assert!(answer.get("error").is_none(), "click on {css}: {answer}");
    }

    /// Types into a field after clearing it.
    pub async fn type_into(&self, css: &str, text: &str) {
        let id = self.wait(css).await;
        self.post(&format!("/element/{id}/clear"), json!({})).await;
        self.post(&format!("/element/{id}/value"), json!({"text": text}))
            .await;
    }

    /// Sets a field's value the way a picker would (dates, sliders) and announces the change.
    pub async fn set_value(&self, css: &str, value: &str) {
        self.wait(css).await;
        self.js(
            "const e = document.querySelector(arguments[0]); e.value = arguments[1]; \
             e.dispatchEvent(new Event('input', {bubbles: true})); \
             e.dispatchEvent(new Event('change', {bubbles: true}));",
            json!([css, value]),
        )
        .await;
    }

    pub async fn value_of(&self, css: &str) -> String {
        self.wait(css).await;
        self.js(
            "return document.querySelector(arguments[0]).value",
            json!([css]),
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// The page's markup plus the values of its fields (which markup does not show).
    pub async fn html(&self) -> String {
        self.js(
            "return document.documentElement.outerHTML + [...document.querySelectorAll('input,textarea')].map(e => e.value).join('\\n')",
            json!([]),
        )
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub async fn screenshot(&self, path: &Path) {
        let png = self.call(reqwest::Method::GET, "/screenshot", None).await;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().unwrap_or_default())
            .unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// The DevTools events (`{"method", "params"}`) recorded since the last call; only for a
    /// browser started with [`Browser::start_recording_network`].
    pub async fn network_events(&self) -> Vec<Value> {
        let entries = self.post("/se/log", json!({"type": "performance"})).await;
        entries
            .as_array()
            .unwrap_or_else(|| panic!("no performance log: {entries}"))
            .iter()
            .filter_map(|entry| entry["message"].as_str())
            .filter_map(|message| serde_json::from_str::<Value>(message).ok())
            .map(|message| message["message"].clone())
            .collect()
    }

    /// A Chrome DevTools Protocol command.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.post("/goog/cdp/execute", json!({"cmd": cmd, "params": params}))
            .await
    }
}
