//! Launches Ons Plan on the platform the build selected: the browser (`web`, the default),
//! or the desktop and mobile WebViews (`desktop`, `mobile`).

fn main() {
    #[cfg(feature = "desktop")]
    {
        let app = if std::env::var_os("ONSPLAN_DESKTOP_PROBE").is_some() {
            probe::Probed
        } else {
            onsplan_app::App
        };
        dioxus::LaunchBuilder::desktop()
            .with_cfg(desktop_window())
            .launch(app);
    }
    #[cfg(not(feature = "desktop"))]
    dioxus::launch(onsplan_app::App);
}

/// The desktop window: the app's name as its title, a phone-and-laptop friendly size, and
/// the web app's own stylesheet (the browser gets it from `index.html`).
#[cfg(feature = "desktop")]
fn desktop_window() -> dioxus::desktop::Config {
    use dioxus::desktop::{Config, LogicalSize, WindowBuilder};
    Config::new()
        .with_window(
            WindowBuilder::new()
                .with_title("Ons Plan")
                .with_inner_size(LogicalSize::new(1024.0, 768.0)),
        )
        .with_custom_head(format!("<style>{}</style>", include_str!("../style.css")))
}

/// The desktop build's start-up check (`cargo xtask test` runs it under Xvfb): the app as
/// always, plus one line on stdout with the first heading the WebView shows.
#[cfg(feature = "desktop")]
mod probe {
    use dioxus::prelude::*;

    /// Waits in the page until a heading has text, and hands it back.
    const FIRST_HEADING: &str = r#"
        return await new Promise((done) => {
            const look = () => {
                const h1 = document.querySelector("h1");
                if (h1 && h1.textContent.trim()) done(h1.textContent.trim());
                else setTimeout(look, 100);
            };
            look();
        });
    "#;

    #[component]
    pub fn Probed() -> Element {
        use_future(|| async {
            match document::eval(FIRST_HEADING).join::<String>().await {
                Ok(heading) => println!("desktop probe: h1={heading}"),
                Err(err) => println!("desktop probe: failed: {err:?}"),
            }
        });
        rsx! { onsplan_app::App {} }
    }
}
