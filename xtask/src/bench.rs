//! `cargo xtask bench`: builds the release server and load generator, then runs the benchmark
//! on SQLite and PostgreSQL (extra arguments go to `onsplan-bench`, e.g. `--families 100000`).

use std::process::Command;

use crate::{cargo, run_cmd, setup, step, workspace_root};

pub fn bench(args: &[String]) -> anyhow::Result<()> {
    setup::prepare()?;
    step("building release binaries (server and load generator)");
    run_cmd(cargo().args([
        "build",
        "--release",
        "-p",
        "onsplan-server",
        "-p",
        "onsplan-bench",
    ]))?;
    step("running the benchmark (127.0.0.1 only)");
    let root = workspace_root();
    run_cmd(
        Command::new(root.join("target/release/onsplan-bench"))
            .args(args)
            .env("ONSPLAN_BIN", root.join("target/release/onsplan")),
    )
}
