//! Settings from environment variables, with defaults that let a newcomer start the server
//! with no configuration at all. Secrets are wrapped so they never reach a log line.
//!
//! | variable | default |
//! |---|---|
//! | `ONSPLAN_DATA_DIR` | `./data` |
//! | `ONSPLAN_DATABASE_URL` | `sqlite://<data dir>/onsplan.sqlite3`; `postgres://…` selects PostgreSQL |
//! | `ONSPLAN_BIND` | `127.0.0.1:8080` |
//! | `ONSPLAN_PUBLIC_URL` | `http://<bind>` |
//! | `ONSPLAN_JWT_SECRET` | generated once into `<data dir>/jwt-secret` (development only); at least 32 bytes |
//! | `ONSPLAN_SEAL_KEY` | the JWT secret (development only): the email outbox's sealing key is derived from it |
//! | `ONSPLAN_SEAL_KEYS_OLD` | none: earlier sealing keys, comma-separated, that still open queued email |
//! | `ONSPLAN_ENV` | `development` (or `production`) |
//! | `ONSPLAN_DB_MAX_CONNECTIONS` | `10` (the PostgreSQL pool; SQLite reads use one connection per thread) |
//! | `ONSPLAN_WORKERS` | one per core |
//! | `ONSPLAN_SMTP_URL` | none: emails become .eml files in `<data dir>/mail/` (development only) |
//! | `ONSPLAN_MAIL_FROM` | `Ons Plan <noreply@ons-plan.invalid>` |
//! | `ONSPLAN_MAIL_POLL_MS` | `1000` |
//! | `ONSPLAN_MAIL_RETRY_BASE_MS` | `30000` (doubles per failed try, up to `ONSPLAN_MAIL_RETRY_MAX_MS`, `3600000`) |
//! | `ONSPLAN_MAIL_MAX_ATTEMPTS` | `8` |
//! | `ONSPLAN_WEB_DIR` | `target/web` (the built web app, served at `/`) |
//! | `ONSPLAN_TRUSTED_PROXIES` | none: addresses/networks whose `X-Forwarded-For`/`Forwarded` is believed |
//! | `ONSPLAN_ACCESS_TOKEN_SECS` | `900`, the most allowed (shorter lifetimes for tests) |
//! | `ONSPLAN_REMINDER_POLL_MS` | `30000`: how often each instance's reminder scheduler looks for due work |
//! | `ONSPLAN_REMINDER_SCAN_MS` | `300000`: how long after a family was scanned it is due again (clock time) |
//! | `ONSPLAN_TEST_CLOCK` | off; `1` makes the scheduling clock movable by the tests that start the server in their own process (refused in production) |

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use base64::Engine;

use crate::db::DatabaseUrl;
use crate::http::forwarded::TrustedProxies;

/// Shortest JWT signing secret accepted, in bytes.
pub const MIN_SECRET_BYTES: usize = 32;
/// Longest lifetime of an access token, in seconds (DESIGN.md: at most 15 minutes).
pub const MAX_ACCESS_TOKEN_SECS: i64 = 15 * 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

/// Bytes that must never be printed.
#[derive(Clone)]
pub struct Secret(Vec<u8>);

impl Secret {
    pub fn new(bytes: Vec<u8>) -> anyhow::Result<Self> {
        Self::named("the JWT secret", bytes)
    }

    /// Like [`Secret::new`]; a refusal names the secret.
    pub fn named(name: &str, bytes: Vec<u8>) -> anyhow::Result<Self> {
        if bytes.len() < MIN_SECRET_BYTES {
            bail!("{name} must be at least {MIN_SECRET_BYTES} bytes long");
        }
        Ok(Self(bytes))
    }

    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

/// A URL that may carry credentials (`smtps://user:password@host`): never printed.
#[derive(Clone)]
pub struct SecretUrl(String);

impl SecretUrl {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretUrl([redacted])")
    }
}

/// How emails leave the server and how hard the outbox worker tries.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// `None`: write .eml files into `<data dir>/mail/` and log each link (development only).
    pub smtp_url: Option<SecretUrl>,
    pub from: String,
    pub poll_ms: u64,
    pub retry_base_ms: i64,
    pub retry_max_ms: i64,
    pub max_attempts: i64,
}

impl MailSettings {
    fn from_lookup(
        var: impl Fn(&str) -> Option<String>,
        environment: Environment,
    ) -> anyhow::Result<Self> {
        let smtp_url = var("ONSPLAN_SMTP_URL").map(|url| url.trim().to_string());
        if environment == Environment::Production {
            match smtp_url.as_deref() {
                None => bail!(
                    "ONSPLAN_SMTP_URL is required in production: the file mail transport is for \
                     development only"
                ),
                Some(url) if !smtp_url_requires_tls(url) => bail!(
                    "ONSPLAN_SMTP_URL must use TLS in production: smtps://host or \
                     smtp://host?tls=required"
                ),
                Some(_) => {}
            }
        }
        let settings = Self {
            smtp_url: smtp_url.map(SecretUrl),
            from: var("ONSPLAN_MAIL_FROM")
                .unwrap_or_else(|| "Ons Plan <noreply@ons-plan.invalid>".into()),
            poll_ms: parse_or(var("ONSPLAN_MAIL_POLL_MS"), 1000)?,
            retry_base_ms: parse_or(var("ONSPLAN_MAIL_RETRY_BASE_MS"), 30_000)?,
            retry_max_ms: parse_or(var("ONSPLAN_MAIL_RETRY_MAX_MS"), 3_600_000)?,
            max_attempts: parse_or(var("ONSPLAN_MAIL_MAX_ATTEMPTS"), 8)?,
        };
        anyhow::ensure!(
            settings.poll_ms > 0 && settings.retry_base_ms > 0 && settings.max_attempts > 0,
            "mail poll interval, retry delay and attempts must be positive"
        );
        Ok(settings)
    }
}

/// True for `smtps://…` and `smtp://…?tls=required`: the only SMTP URLs production accepts.
pub fn smtp_url_requires_tls(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("smtps://")
        || (lower.starts_with("smtp://")
            && lower
                .split_once('?')
                .is_some_and(|(_, query)| query.split('&').any(|pair| pair == "tls=required")))
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub data_dir: PathBuf,
    pub database_url: DatabaseUrl,
    pub bind: String,
    pub public_url: String,
    pub jwt_secret: Secret,
    /// The email outbox's sealing key material (HKDF input); the same on every instance.
    pub seal_key: Secret,
    /// Earlier sealing keys, still used to open email they sealed.
    pub old_seal_keys: Vec<Secret>,
    pub environment: Environment,
    pub access_token_secs: i64,
    pub refresh_token_days: i64,
    pub db_max_connections: u32,
    pub workers: Option<usize>,
    pub mail: MailSettings,
    /// The built web app (`cargo xtask run` writes it), served at `/`.
    pub web_dir: PathBuf,
    /// Reverse proxies whose forwarding headers name the client (rate limits key on it).
    pub trusted_proxies: TrustedProxies,
    pub reminders: ReminderSettings,
}

/// How the reminder scheduler runs.
#[derive(Debug, Clone)]
pub struct ReminderSettings {
    /// Real time between two looks for due work on one instance.
    pub poll_ms: u64,
    /// Clock time after which a scanned family is due for another scan.
    pub scan_every_ms: i64,
    /// Whether the clock can be moved by tests (never in production).
    pub test_clock: bool,
}

impl ReminderSettings {
    fn from_lookup(
        var: impl Fn(&str) -> Option<String>,
        environment: Environment,
    ) -> anyhow::Result<Self> {
        let test_clock = match var("ONSPLAN_TEST_CLOCK").as_deref() {
            None | Some("0") => false,
            Some("1") if environment == Environment::Production => {
                bail!("ONSPLAN_TEST_CLOCK is for tests only and refused in production")
            }
            Some("1") => true,
            Some(other) => bail!("ONSPLAN_TEST_CLOCK must be 0 or 1, not {other:?}"),
        };
        let settings = Self {
            poll_ms: parse_or(var("ONSPLAN_REMINDER_POLL_MS"), 30_000)?,
            scan_every_ms: parse_or(var("ONSPLAN_REMINDER_SCAN_MS"), 300_000)?,
            test_clock,
        };
        anyhow::ensure!(
            settings.poll_ms > 0 && settings.scan_every_ms > 0,
            "ONSPLAN_REMINDER_POLL_MS and ONSPLAN_REMINDER_SCAN_MS must be positive"
        );
        Ok(settings)
    }
}

impl Settings {
    /// Reads the process environment.
    pub fn from_env() -> anyhow::Result<Self> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup` (the environment, or a map in tests). May create the
    /// data folder and the generated JWT secret.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let var = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let data_dir = PathBuf::from(var("ONSPLAN_DATA_DIR").unwrap_or_else(|| "data".into()));
        crate::private_fs::create_dir(&data_dir)
            .with_context(|| format!("cannot create the data folder {}", data_dir.display()))?;
        let database_url =
            DatabaseUrl::parse(&var("ONSPLAN_DATABASE_URL").unwrap_or_else(|| {
                format!("sqlite://{}", data_dir.join("onsplan.sqlite3").display())
            }));
        let bind = var("ONSPLAN_BIND").unwrap_or_else(|| "127.0.0.1:8080".into());
        let public_url = var("ONSPLAN_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{bind}"))
            .trim_end_matches('/')
            .to_string();
        let environment = match var("ONSPLAN_ENV").as_deref() {
            None | Some("development") => Environment::Development,
            Some("production") => Environment::Production,
            Some(other) => bail!("ONSPLAN_ENV must be development or production, not {other:?}"),
        };
        let production = environment == Environment::Production;
        let jwt_secret = match var("ONSPLAN_JWT_SECRET") {
            Some(secret) => Secret::new(secret.into_bytes())?,
            None if production => bail!(
                "ONSPLAN_JWT_SECRET is required in production: every instance must sign and \
                 check tokens with the same secret (at least {MIN_SECRET_BYTES} bytes)"
            ),
            None => load_or_create_secret(&data_dir.join("jwt-secret"))?,
        };
        let seal_key = match var("ONSPLAN_SEAL_KEY") {
            Some(key) => Secret::named("ONSPLAN_SEAL_KEY", key.into_bytes())?,
            None if production => bail!(
                "ONSPLAN_SEAL_KEY is required in production: every instance must open the \
                 email the others queued, also after the JWT secret is rotated (at least \
                 {MIN_SECRET_BYTES} bytes)"
            ),
            None => jwt_secret.clone(),
        };
        let old_seal_keys = var("ONSPLAN_SEAL_KEYS_OLD")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|key| !key.is_empty())
            .map(|key| Secret::named("each of ONSPLAN_SEAL_KEYS_OLD", key.as_bytes().to_vec()))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let db_max_connections = parse_or(var("ONSPLAN_DB_MAX_CONNECTIONS"), 10)?;
        let access_token_secs = parse_or(var("ONSPLAN_ACCESS_TOKEN_SECS"), MAX_ACCESS_TOKEN_SECS)?;
        let workers = var("ONSPLAN_WORKERS").map(|w| w.parse()).transpose()?;
        let mail = MailSettings::from_lookup(var, environment)?;
        let reminders = ReminderSettings::from_lookup(var, environment)?;
        let web_dir = PathBuf::from(var("ONSPLAN_WEB_DIR").unwrap_or_else(|| "target/web".into()));
        let trusted_proxies =
            TrustedProxies::parse(&var("ONSPLAN_TRUSTED_PROXIES").unwrap_or_default())?;
        Ok(Self {
            data_dir,
            database_url,
            bind,
            public_url,
            jwt_secret,
            seal_key,
            old_seal_keys,
            environment,
            access_token_secs,
            refresh_token_days: 30,
            db_max_connections,
            workers,
            mail,
            web_dir,
            trusted_proxies,
            reminders,
        })
    }
}

fn parse_or<T: std::str::FromStr>(value: Option<String>, default: T) -> anyhow::Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    value.map_or(Ok(default), |v| Ok(v.parse()?))
}

/// Reads the generated secret, or creates it (64 random bytes, readable by the owner only).
fn load_or_create_secret(path: &Path) -> anyhow::Result<Secret> {
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    if let Ok(text) = std::fs::read_to_string(path) {
        let bytes = engine
            .decode(text.trim())
            .with_context(|| format!("{} is not base64url", path.display()))?;
        return Secret::new(bytes);
    }
    let bytes = crate::auth::tokens::random_bytes::<64>().to_vec();
    match crate::private_fs::open_options()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut file) => {
            file.write_all(engine.encode(&bytes).as_bytes())?;
            file.sync_all()?;
            Secret::new(bytes)
        }
        // Another process created it first: use theirs.
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => load_or_create_secret(path),
        Err(err) => Err(err).with_context(|| format!("cannot write {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn settings(vars: &[(&str, &str)]) -> anyhow::Result<Settings> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(|name| map.get(name).cloned())
    }

    fn temp_dir() -> PathBuf {
        std::env::temp_dir().join(format!("onsplan-config-{}", uuid::Uuid::new_v4()))
    }

    #[test]
    fn short_jwt_secret_is_refused() {
        let dir = temp_dir();
        let err = settings(&[
            ("ONSPLAN_DATA_DIR", dir.to_str().unwrap()),
            ("ONSPLAN_JWT_SECRET", "too-short"),
        ])
        .unwrap_err();
        assert!(err.to_string().contains("at least 32 bytes"));
    }

    #[test]
    fn generated_secret_is_kept_and_reused() {
        let dir = temp_dir();
        let first = settings(&[("ONSPLAN_DATA_DIR", dir.to_str().unwrap())]).unwrap();
        let second = settings(&[("ONSPLAN_DATA_DIR", dir.to_str().unwrap())]).unwrap();
        assert_eq!(first.jwt_secret.expose(), second.jwt_secret.expose());
        assert_eq!(first.jwt_secret.expose().len(), 64);
        assert_eq!(
            first.database_url,
            DatabaseUrl::Sqlite(dir.join("onsplan.sqlite3").display().to_string())
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn production_refuses_the_file_transport_and_plaintext_smtp() {
        let dir = temp_dir();
        let data = dir.to_str().unwrap();
        let base = [
            ("ONSPLAN_DATA_DIR", data),
            ("ONSPLAN_ENV", "production"),
            (
                "ONSPLAN_JWT_SECRET",
                "a-production-secret-of-at-least-32-bytes",
            ),
            (
                "ONSPLAN_SEAL_KEY",
                "a-production-seal-key-of-at-least-32-bytes",
            ),
        ];
        let err = settings(&base).unwrap_err().to_string();
        assert!(
            err.contains("ONSPLAN_SMTP_URL is required in production"),
            "{err}"
        );
        let plain = [
            &base[..],
            &[("ONSPLAN_SMTP_URL", "smtp://mail.example.nl:25")],
        ]
        .concat();
        let err = settings(&plain).unwrap_err().to_string();
        assert!(err.contains("must use TLS"), "{err}");
        for good in [
            "smtps://u:p@mail.example.nl",
            "smtp://mail.example.nl?tls=required",
        ] {
            let with_tls = [&base[..], &[("ONSPLAN_SMTP_URL", good)]].concat();
            assert!(settings(&with_tls).is_ok(), "{good}");
        }
        let dev = settings(&[("ONSPLAN_DATA_DIR", data)]).unwrap();
        assert!(dev.mail.smtp_url.is_none());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn production_refuses_to_start_without_its_own_jwt_secret_and_seal_key() {
        let dir = temp_dir();
        let data = dir.to_str().unwrap();
        let smtp = ("ONSPLAN_SMTP_URL", "smtps://mail.example.nl");
        let jwt = (
            "ONSPLAN_JWT_SECRET",
            "a-production-secret-of-at-least-32-bytes",
        );
        let seal = (
            "ONSPLAN_SEAL_KEY",
            "a-production-seal-key-of-at-least-32-bytes",
        );
        let base = [
            ("ONSPLAN_DATA_DIR", data),
            ("ONSPLAN_ENV", "production"),
            smtp,
        ];
        let err = settings(&[&base[..], &[seal]].concat())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("ONSPLAN_JWT_SECRET is required in production"),
            "{err}"
        );
        assert!(!dir.join("jwt-secret").exists(), "a secret was generated");
        let err = settings(&[&base[..], &[jwt]].concat())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("ONSPLAN_SEAL_KEY is required in production"),
            "{err}"
        );
        let good = settings(&[&base[..], &[jwt, seal]].concat()).unwrap();
        assert_eq!(good.seal_key.expose(), seal.1.as_bytes());

        // Development falls back to the (generated) JWT secret for both.
        let dev = settings(&[("ONSPLAN_DATA_DIR", data)]).unwrap();
        assert_eq!(dev.seal_key.expose(), dev.jwt_secret.expose());
        assert!(dev.old_seal_keys.is_empty());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_new_data_folder_and_the_generated_secret_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = temp_dir().join("nested");
        settings(&[("ONSPLAN_DATA_DIR", dir.to_str().unwrap())]).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join("jwt-secret")), 0o600);
        std::fs::remove_dir_all(dir.parent().unwrap()).unwrap();
    }

    #[test]
    fn secret_never_shows_in_debug_output() {
        let secret = Secret::new(vec![b'x'; 40]).unwrap();
        assert_eq!(format!("{secret:?}"), "Secret([redacted])");
    }
}
