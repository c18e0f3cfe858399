//! libFuzzer entry for [`onsplan_fuzz::request_bodies`]: `cargo +nightly fuzz run request_bodies --features libfuzzer`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| onsplan_fuzz::request_bodies(data));
