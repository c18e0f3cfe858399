//! Shared parts of the benchmark (`onsplan-bench`) and the crash test (`onsplan-crash`):
//! a seeded database, the release server as a child process, and load generation.

pub mod load;
pub mod seed;
pub mod server;
