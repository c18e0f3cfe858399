//! `cargo xtask bench-web`: how the web app does on a cheap phone. Builds it, reports the
//! bytes a first load fetches (raw and brotli), then runs the throttled first-load measurement
//! in headless Chromium (1.6 Mbit/s down, 750 kbit/s up, 150 ms latency, CPU 9x slower): the
//! largest contentful paint of the plan overview with real data, from a remembered session,
//! cold and on a repeat visit. Last, where the wasm's bytes go by crate.

use crate::{cargo, run_cmd, setup, step, wasm_size, web};

pub fn bench_web() -> anyhow::Result<()> {
    let report = web::build()?;
    setup::ensure_browser()?;
    step("throttled first load in headless Chromium");
    run_cmd(
        cargo()
            .args(["test", "-p", "onsplan-tests", "--test", "browser", "--"])
            .args([
                "--ignored",
                "--nocapture",
                "--test-threads",
                "1",
                "first_load",
            ])
            .env("ONSPLAN_TEST_WEB_DIR", web::web_dir())
            .env("ONSPLAN_BROWSER_TESTS", "required"),
    )?;
    step("bytes of the first visit");
    web::print_report(&report);
    step("where the wasm's bytes go");
    wasm_size::report(&web::bindgen_wasm())?;
    Ok(())
}
