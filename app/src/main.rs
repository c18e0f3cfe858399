//! Launches Ons Plan on the platform the build selected: the browser (`web`, the default),
//! or the desktop and mobile WebViews (`desktop`, `mobile`).

fn main() {
    dioxus::launch(onsplan_app::App);
}
