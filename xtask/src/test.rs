//! `cargo xtask test`: every check and test, in the order that fails fastest.

use crate::{cargo, run_cmd, setup, smoke, step};

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

    step("shared crate builds for the browser (wasm32-unknown-unknown)");
    run_cmd(cargo().args([
        "build",
        "-p",
        "onsplan-shared",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;

    step("unit and end-to-end tests on SQLite");
    run_cmd(cargo().args(["test", "--workspace"]).args(args))?;

    step("end-to-end tests on PostgreSQL");
    run_cmd(
        cargo()
            .args(["test", "-p", "onsplan-tests"])
            .args(args)
            .env("ONSPLAN_TEST_BACKEND", "postgres"),
    )?;

    step("smoke test of the `onsplan` binary (migrate, serve, healthz)");
    smoke::binary_serves_health()?;

    println!(
        "\nAll checks passed in {:.0} s (SQLite and PostgreSQL).",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
