//! `onsplan-instance`: one test server in its own process, so a test can kill it the hard way
//! (SIGKILL) in the middle of its work. Its settings come from the `ONSPLAN_*` variables, as
//! for `onsplan serve`; its scheduling clock (`ONSPLAN_TEST_CLOCK=1`) follows the moment (ms
//! since the epoch) the test writes into the file `ONSPLAN_TEST_CLOCK_FILE` names. It prints
//! `ready` once it serves.

use std::time::Duration;

use onsplan_server::clock::Clock;
use onsplan_server::config::Settings;
use onsplan_server::startup::Application;

fn main() -> anyhow::Result<()> {
    if std::env::var("TEST_LOG").is_ok() {
        onsplan_server::telemetry::init();
    }
    let clock_file = std::env::var("ONSPLAN_TEST_CLOCK_FILE")?;
    let settings = Settings::from_env()?;
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(settings).await?;
        let clock = app.clock();
        follow(&clock, &clock_file);
        actix_web::rt::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(10)).await;
                follow(&clock, &clock_file);
            }
        });
        println!("ready");
        app.run_until_stopped().await?;
        Ok(())
    })
}

/// Sets the clock to the file's moment when it differs.
fn follow(clock: &Clock, file: &str) {
    let Ok(text) = std::fs::read_to_string(file) else {
        return;
    };
    if let Ok(at) = text.trim().parse::<i64>() {
        if at != clock.now_ms() {
            clock.set(at).expect("started with ONSPLAN_TEST_CLOCK=1");
        }
    }
}
