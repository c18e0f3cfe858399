//! A test server in its own process (`onsplan-instance`), for tests that kill one the hard way
//! (SIGKILL) mid-run: it runs on a test's database with the settings an in-process
//! [`TestApp`](crate::TestApp) gets, and its scheduling clock follows a file the test writes.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use crate::{variables_for, AppOptions, TestDatabase};

pub struct ProcessInstance {
    child: Child,
    clock_file: PathBuf,
}

impl ProcessInstance {
    /// Starts `binary` (the test's `env!("CARGO_BIN_EXE_onsplan-instance")`) on `database`
    /// with its clock at `at` (ms since the epoch) and waits until it serves.
    pub fn start(binary: &str, database: &TestDatabase, options: AppOptions, at: i64) -> Self {
        let clock_file = database
            .data_dir
            .join(format!("clock-{}", uuid::Uuid::new_v4().simple()));
        std::fs::write(&clock_file, at.to_string()).expect("the clock file is written");
        let mut command = Command::new(binary);
        // Only the settings an in-process server would get, none of the test run's own.
        for (name, _) in std::env::vars().filter(|(name, _)| name.starts_with("ONSPLAN_")) {
            command.env_remove(name);
        }
        let mut child = command
            .envs(variables_for(database, options))
            .env("ONSPLAN_TEST_CLOCK", "1")
            .env("ONSPLAN_TEST_CLOCK_FILE", &clock_file)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("onsplan-instance starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped stdout"))
            .read_line(&mut line)
            .expect("onsplan-instance reports");
        assert_eq!(line.trim(), "ready", "onsplan-instance did not start");
        Self { child, clock_file }
    }

    /// Moves the instance's clock to `at`; it follows within a few milliseconds.
    pub fn set_clock(&self, at: i64) {
        let next = self.clock_file.with_extension("next");
        std::fs::write(&next, at.to_string()).expect("the clock file is written");
        std::fs::rename(&next, &self.clock_file).expect("the clock file is replaced");
    }

    /// Kills the process with SIGKILL, as a power cut would: no cleanup of any kind.
    pub fn kill_hard(mut self) {
        self.child.kill().expect("SIGKILL is sent");
        self.child.wait().expect("the process is reaped");
    }
}

impl Drop for ProcessInstance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
