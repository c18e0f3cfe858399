//! `cargo xtask test`: every check and test, in the order that fails fastest. The browser
//! journeys (headless Chromium against the built web app) run in the SQLite and the PostgreSQL
//! pass; screenshots land in `tests/artifacts/`.

use crate::{cargo, desktop, run_cmd, setup, smoke, step, web};

/// The most a first load of the plan overview may fetch (brotli bytes: the page, the glue, the
/// main module and the overview's own code; other screens and what the service worker fetches
/// after load are reported apart). The budget is 300 KB, which the app does not meet
/// (see the README for why the ceiling moved); this keeps it from growing unnoticed.
const FIRST_LOAD_CEILING: usize = 430_000;

/// What dioxus-desktop (wry, tao) links against on Debian.
const DESKTOP_LIBRARIES: [&str; 4] = [
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "libxdo-dev",
    "libsoup-3.0-dev",
];

pub fn test(args: &[String]) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    setup::prepare()?;

    step("formatting (cargo fmt --check)");
    run_cmd(cargo().args(["fmt", "--all", "--", "--check"]))?;

    step("lints (cargo clippy --all-targets -D warnings)");
    run_cmd(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;

    step("the app's desktop and mobile launch paths compile (system WebView libraries)");
    for package in DESKTOP_LIBRARIES {
        setup::ensure_debian_package(package)?;
    }
    for platform in ["desktop", "mobile"] {
        run_cmd(cargo().args([
            "clippy",
            "-p",
            "onsplan-app",
            "--no-default-features",
            "--features",
            platform,
            "--",
            "-D",
            "warnings",
        ]))?;
    }

    step("the desktop build starts under Xvfb and shows the welcome screen");
    desktop::probe()?;

    step("shared crate builds for the browser (wasm32-unknown-unknown)");
    run_cmd(cargo().args([
        "build",
        "-p",
        "onsplan-shared",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;

    // The browser journeys need the built web app and Chromium.
    let first_load = web::brotli_total(&web::build()?);
    step("the first load stays under its ceiling");
    anyhow::ensure!(
        first_load <= FIRST_LOAD_CEILING,
        "a first load now fetches {first_load} bytes (brotli), over the ceiling of \
         {FIRST_LOAD_CEILING}: make it smaller, or raise the ceiling as a decision (README)"
    );
    println!("{first_load} bytes brotli (ceiling {FIRST_LOAD_CEILING})");
    setup::ensure_browser()?;

    step("unit, component and end-to-end tests on SQLite, with the browser journeys");
    run_cmd(
        cargo()
            .args(["test", "--workspace"])
            .args(args)
            .env("ONSPLAN_TEST_WEB_DIR", web::web_dir())
            .env("ONSPLAN_BROWSER_TESTS", "required"),
    )?;

    // The same selection as the SQLite pass, so it reuses that build (a narrower `-p` would
    // resolve other features and rebuild dependencies).
    step("end-to-end tests on PostgreSQL, with the browser journeys");
    run_cmd(
        cargo()
            .args(["test", "--workspace"])
            .args(args)
            .env("ONSPLAN_TEST_BACKEND", "postgres")
            .env("ONSPLAN_TEST_WEB_DIR", web::web_dir())
            .env("ONSPLAN_BROWSER_TESTS", "required"),
    )?;

    step("smoke test of the `onsplan` binary (migrate, serve, healthz)");
    smoke::binary_serves_health()?;

    println!(
        "\nAll checks passed in {:.0} s (SQLite and PostgreSQL).",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
