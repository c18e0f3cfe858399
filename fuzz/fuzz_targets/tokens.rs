//! libFuzzer entry for [`onsplan_fuzz::tokens`]: `cargo +nightly fuzz run tokens --features libfuzzer`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| onsplan_fuzz::tokens(data));
