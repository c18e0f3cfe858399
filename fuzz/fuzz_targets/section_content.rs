//! libFuzzer entry for [`onsplan_fuzz::section_content`]: `cargo +nightly fuzz run section_content --features libfuzzer`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| onsplan_fuzz::section_content(data));
