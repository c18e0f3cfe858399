//! Accessibility checks of every screen a journey visits: axe-core (npm, `node_modules`,
//! installed by `cargo xtask`) is injected through WebDriver's script execution, which the
//! page's content security policy does not govern, and run with the WCAG 2.0, 2.1 and 2.2 A
//! and AA rules and axe's best practices. Each screen's result is written to
//! `tests/artifacts/axe/<journey>/<n>-<screen>.json`; a WCAG violation, or a screen without
//! one `h1` or with content outside landmarks, fails the journey.
//! `ONSPLAN_AXE=record` writes the results without failing, to survey a change.

use std::path::PathBuf;
use std::sync::Mutex;

use serde_json::{json, Value};

use crate::webdriver::Browser;

/// The rule sets a screen must pass.
const WCAG: [&str; 6] = [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa",
];
/// Rules outside WCAG's A and AA that a screen must pass too: one `h1`, and everything inside
/// landmarks with one `main`. axe's other best practices are run and recorded, not enforced.
const STRUCTURE: [&str; 4] = [
    "page-has-heading-one",
    "landmark-one-main",
    "landmark-no-duplicate-main",
    "region",
];

/// What identifies a screen: its address and its main heading (`name`), and what changes on
/// it without a new heading, such as sub-headings, errors, notes and open dialogs (`state`).
const SCREEN: &str = "const texts = css => [...document.querySelectorAll(css)]
        .map(e => e.textContent).join(' / ');
    return {name: location.pathname + ' | ' + texts('#main h1'),
        state: texts('#main h2') + ' | ' + document.querySelectorAll('#main [role=alert], \
            #main [role=status], #main .notice, #main [aria-invalid=true], #main dialog, \
            #main details[open]').length};";

/// Runs axe on the document and answers the violations with their elements.
const RUN: &str = "return axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},
        resultTypes: ['violations']}).then(r => ({
      url: location.pathname,
      title: [...document.querySelectorAll('#main h1')].map(h => h.textContent).join(' / '),
      passes: r.passes.map(p => p.id),
      incomplete: r.incomplete.map(i => i.id),
      violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        tags: v.tags, nodes: v.nodes.map(n => ({target: n.target, html: n.html,
          summary: n.failureSummary}))}))
    }))";

/// The screens one browser has checked.
#[derive(Default)]
pub struct Audits {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    last_screen: String,
    count: usize,
}

fn axe_source() -> Option<String> {
    let path = std::env::var_os("ONSPLAN_AXE_SCRIPT").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../node_modules/axe-core/axe.min.js"),
        PathBuf::from,
    );
    std::fs::read_to_string(path).ok()
}

fn journey() -> String {
    let name = std::thread::current()
        .name()
        .unwrap_or("journey")
        .to_string();
    name.rsplit("::").next().unwrap_or("journey").to_string()
}

fn slug(text: &str) -> String {
    let slug: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    slug.chars().take(60).collect()
}

impl Audits {
    /// Checks the screen now open even when it is the one checked last (a part of it changed).
    pub async fn check_again(&self, browser: &Browser) {
        self.state.lock().unwrap().last_screen.clear();
        self.check(browser).await;
    }

    /// Checks the screen now open, unless it is the one checked last.
    pub async fn check(&self, browser: &Browser) {
        let found = browser.js(SCREEN, json!([])).await;
        let Some(screen) = found["name"].as_str().map(String::from) else {
            return;
        };
        let key = format!("{screen} | {}", found["state"]);
        let number = {
            let mut state = self.state.lock().unwrap();
            if state.last_screen == key {
                return;
            }
            state.last_screen = key;
            state.count += 1;
            state.count
        };
        let Some(source) = axe_source() else {
            let required = std::env::var("ONSPLAN_BROWSER_TESTS").as_deref() == Ok("required");
            assert!(
                !required,
                "axe-core is not installed (node_modules/axe-core): run `cargo xtask build-web`"
            );
            return;
        };
        let loaded = browser
            .js(
                &format!("if (!window.axe) {{ {source}\n }} return typeof window.axe"),
                json!([]),
            )
            .await;
        assert_eq!(loaded, json!("object"), "axe-core did not load: {loaded}");
        let tags: Vec<&str> = WCAG.iter().copied().chain(["best-practice"]).collect();
        let result = browser.js(RUN, json!([tags])).await;
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("artifacts/axe")
            .join(journey())
            .join(format!("{number:02}-{}.json", slug(&screen)));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, serde_json::to_string_pretty(&result).unwrap()).unwrap();
        let violations: Vec<Value> = result["violations"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|v| enforced(v))
            .cloned()
            .collect();
        if violations.is_empty() || std::env::var("ONSPLAN_AXE").as_deref() == Ok("record") {
            return;
        }
        let summary: Vec<String> = violations.iter().map(describe).collect();
        panic!(
            "accessibility violations on {screen} (details in {}):\n{}",
            path.display(),
            summary.join("\n")
        );
    }
}

/// Whether a violation fails the journey.
fn enforced(violation: &Value) -> bool {
    let id = violation["id"].as_str().unwrap_or_default();
    let wcag = violation["tags"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .any(|tag| WCAG.contains(&tag));
    wcag || STRUCTURE.contains(&id)
}

fn describe(violation: &Value) -> String {
    let targets: Vec<String> = violation["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| n["target"].to_string())
        .collect();
    format!(
        "- {} ({}): {} at {}",
        violation["id"].as_str().unwrap_or_default(),
        violation["impact"].as_str().unwrap_or_default(),
        violation["help"].as_str().unwrap_or_default(),
        targets.join(", ")
    )
}
