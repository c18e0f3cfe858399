//! The one clock the scheduling reads: real time, or — only when the server was started with
//! `ONSPLAN_TEST_CLOCK=1`, which production refuses — a time that tests set from outside and
//! move forward in jumps. Moving it wakes the reminder scheduler at once.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use tokio::sync::Notify;

#[derive(Debug, Clone)]
pub struct Clock {
    /// `Some`: a test clock at this many ms since the epoch; `None`: real time.
    set: Option<Arc<AtomicI64>>,
    moved: Arc<Notify>,
}

impl Clock {
    /// Real time; cannot be moved.
    pub fn real() -> Self {
        Self {
            set: None,
            moved: Arc::new(Notify::new()),
        }
    }

    /// A clock that starts at real time and moves only when [`Clock::set`] is called.
    pub fn movable() -> Self {
        Self {
            set: Some(Arc::new(AtomicI64::new(crate::db::now_ms()))),
            moved: Arc::new(Notify::new()),
        }
    }

    pub fn now_ms(&self) -> i64 {
        match &self.set {
            Some(at) => at.load(Ordering::SeqCst),
            None => crate::db::now_ms(),
        }
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        crate::db::to_utc(self.now_ms())
    }

    /// Sets a test clock to `at_ms` and wakes whoever waits on it. A real clock refuses.
    pub fn set(&self, at_ms: i64) -> anyhow::Result<()> {
        let Some(at) = &self.set else {
            anyhow::bail!("the real clock cannot be moved (start with ONSPLAN_TEST_CLOCK=1)");
        };
        at.store(at_ms, Ordering::SeqCst);
        self.moved.notify_waiters();
        Ok(())
    }

    pub(crate) fn moved(&self) -> Arc<Notify> {
        self.moved.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_real_clock_refuses_to_move_and_a_test_clock_moves() {
        assert!(Clock::real().set(0).is_err());
        let clock = Clock::movable();
        clock.set(1_000).unwrap();
        assert_eq!(clock.now_ms(), 1_000);
    }
}
