//! `cargo xtask bench` and `cargo xtask crash`: build the release server and the load tools,
//! then run the benchmark (extra arguments go to `onsplan-bench`, e.g. `--families 100000`) or
//! the kill -9 crash test (`onsplan-crash`, e.g. `--rounds 50`) on SQLite and PostgreSQL, or
//! time the PDF of a plan with 500 agreements (`cargo xtask bench-pdf`, `onsplan-pdf-bench`).

use std::process::Command;

use crate::{cargo, run_cmd, setup, step, workspace_root};

pub fn bench(args: &[String]) -> anyhow::Result<()> {
    release_tool(
        "onsplan-bench",
        "running the benchmark (127.0.0.1 only)",
        args,
    )
}

pub fn bench_pdf(args: &[String]) -> anyhow::Result<()> {
    release_tool(
        "onsplan-pdf-bench",
        "making the PDF of a plan with 500 agreements (127.0.0.1 only)",
        args,
    )
}

pub fn crash(args: &[String]) -> anyhow::Result<()> {
    release_tool(
        "onsplan-crash",
        "killing the server under load and checking what survived",
        args,
    )
}

fn release_tool(tool: &str, title: &str, args: &[String]) -> anyhow::Result<()> {
    setup::prepare()?;
    step("building release binaries (server and load tools)");
    run_cmd(cargo().args([
        "build",
        "--release",
        "-p",
        "onsplan-server",
        "-p",
        "onsplan-bench",
    ]))?;
    step(title);
    let root = workspace_root();
    run_cmd(
        Command::new(root.join("target/release").join(tool))
            .args(args)
            .env("ONSPLAN_BIN", root.join("target/release/onsplan")),
    )
}
