//! End-to-end test harness: starts the real server on a random port against a fresh database
//! per test (a SQLite file in its own folder, or a new PostgreSQL database), and offers the
//! typed client plus helpers to set up people and families.
//!
//! `ONSPLAN_TEST_BACKEND=postgres` selects PostgreSQL (at `ONSPLAN_TEST_POSTGRES_URL`, default
//! `postgres://postgres@127.0.0.1:5432/postgres`); anything else, or nothing, selects SQLite.

pub mod instance;
pub mod mail;
pub mod proxy;
pub mod reminders;
pub mod smtp;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use actix_web::dev::ServerHandle;
use diesel::{Connection, PgConnection, RunQueryDsl};
use onsplan_server::config::Settings;
use onsplan_server::db::Db;
use onsplan_server::email::seal::Sealer;
use onsplan_server::startup::Application;
use onsplan_shared::auth::{Me, RegisterConfirm, RegisterRequest, SessionResponse, TokenDelivery};
use onsplan_shared::client::SectionScope;
use onsplan_shared::family::{CreateFamilyRequest, FamilyDetail, Role};
use onsplan_shared::section::{SaveSectionRequest, SectionResponse};
use onsplan_shared::section_content::SectionContent;
use onsplan_shared::ApiClient;
use uuid::Uuid;

/// The password every test account uses.
pub const PASSWORD: &str = "een lang genoeg wachtwoord";
/// The JWT secret of every test server, so tests can forge tokens.
pub const JWT_SECRET: &str = "test-secret-that-is-long-enough-for-hs256-signing";
/// The issuer test servers put in their tokens.
pub const PUBLIC_URL: &str = "http://onsplan.test";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub fn backend() -> Backend {
    match std::env::var("ONSPLAN_TEST_BACKEND").as_deref() {
        Ok("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    }
}

fn postgres_admin_url() -> String {
    std::env::var("ONSPLAN_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// A database that exists for one test and is removed when the test ends.
pub struct TestDatabase {
    pub url: String,
    pub data_dir: PathBuf,
    postgres_name: Option<String>,
}

impl TestDatabase {
    /// A fresh database on the backend `ONSPLAN_TEST_BACKEND` selects.
    pub fn create() -> Self {
        Self::create_on(backend())
    }

    /// A fresh database on `backend`, whatever `ONSPLAN_TEST_BACKEND` says (tests that move
    /// data from one backend to the other).
    pub fn create_on(backend: Backend) -> Self {
        let id = Uuid::new_v4().simple().to_string();
        let data_dir = std::env::temp_dir().join(format!("onsplan-test-{id}"));
        std::fs::create_dir_all(&data_dir).expect("create test data folder");
        match backend {
            Backend::Sqlite => Self {
                url: format!("sqlite://{}", data_dir.join("onsplan.sqlite3").display()),
                data_dir,
                postgres_name: None,
            },
            Backend::Postgres => {
                let name = format!("onsplan_test_{id}");
                let admin = postgres_admin_url();
                let mut conn = PgConnection::establish(&admin)
                    .unwrap_or_else(|err| panic!("PostgreSQL at {admin} is needed: {err}"));
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .expect("create test database");
                let base = admin
                    .rsplit_once('/')
                    .map_or(admin.as_str(), |(base, _)| base);
                Self {
                    url: format!("{base}/{name}"),
                    data_dir,
                    postgres_name: Some(name),
                }
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(name) = &self.postgres_name {
            if let Ok(mut conn) = PgConnection::establish(&postgres_admin_url()) {
                let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut conn);
            }
        }
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// A running server and what a test needs to talk to it. Dropping it stops the server and
/// waits for its threads, then removes the database: no connection outlives its test (libpq
/// crashes at process exit when connections are still open on other threads).
pub struct TestApp {
    pub address: String,
    pub http: reqwest::Client,
    pub db: Db,
    server: Option<ServerThread>,
    /// Shared by every instance started on it; removed when the last one stops.
    pub database: Arc<TestDatabase>,
    /// Opens the server's queued emails (the harness reads registration links from them).
    pub sealer: Sealer,
    /// Whether emails go to an SMTP server (else the file transport writes them to `mail/`).
    pub smtp: bool,
    /// The server's scheduling clock: movable when started with `ONSPLAN_TEST_CLOCK=1`.
    pub clock: onsplan_server::clock::Clock,
}

/// The server's own thread with its own actix system, so it can be stopped and joined.
struct ServerThread {
    handle: ServerHandle,
    thread: std::thread::JoinHandle<()>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            let handle = server.handle;
            // Stopping needs an executor; the test's own runtime is busy dropping us.
            let _ = std::thread::spawn(move || {
                tokio::runtime::Builder::new_current_thread()
                    .build()
                    .expect("a small runtime")
                    .block_on(handle.stop(false))
            })
            .join();
            let _ = server.thread.join();
        }
    }
}

/// How to start a test server; the default is what [`spawn_app`] does.
#[derive(Default, Clone)]
pub struct AppOptions {
    /// `ONSPLAN_SMTP_URL`; without it emails are written as files into the data folder.
    pub smtp_url: Option<String>,
    /// Run on this database (a second instance, or a restart) instead of a fresh one.
    pub database: Option<Arc<TestDatabase>>,
    /// More `ONSPLAN_*` variables, overriding the defaults.
    pub env: Vec<(&'static str, String)>,
    /// Serve this built web app at `/`.
    pub web_dir: Option<PathBuf>,
}

/// Starts a server on a random port with a fresh database.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(AppOptions::default()).await
}

/// Starts a server with a fresh database on `backend`, whatever `ONSPLAN_TEST_BACKEND` says.
pub async fn spawn_app_on(backend: Backend) -> TestApp {
    spawn_app_with(AppOptions {
        database: Some(Arc::new(TestDatabase::create_on(backend))),
        ..AppOptions::default()
    })
    .await
}

/// Like [`spawn_app`], and the server also serves the built web app in `web_dir` at `/`.
pub async fn spawn_app_serving(web_dir: &std::path::Path) -> TestApp {
    spawn_app_with(AppOptions {
        web_dir: Some(web_dir.to_path_buf()),
        ..AppOptions::default()
    })
    .await
}

/// Starts a server as `options` say. The email worker polls often and retries quickly, so
/// tests about delivery take fractions of a second.
pub async fn spawn_app_with(options: AppOptions) -> TestApp {
    if std::env::var("TEST_LOG").is_ok() {
        onsplan_server::telemetry::init();
    }
    let database = options
        .database
        .clone()
        .unwrap_or_else(|| Arc::new(TestDatabase::create()));
    let smtp = options.smtp_url.is_some()
        || options
            .env
            .iter()
            .any(|(name, _)| *name == "ONSPLAN_SMTP_URL");
    let settings = settings_for(&database, options);
    let sealer = Sealer::from_settings(&settings);
    let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
    let thread = std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let app = Application::build(settings).await.expect("server starts");
            let _ = ready_tx.send((app.port(), app.db(), app.handle(), app.clock()));
            app.run_until_stopped().await.expect("server runs");
        })
    });
    let (port, db, handle, clock) = ready_rx.await.expect("server thread reports its port");
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        // Idle connections are dropped before the server's 5-second keep-alive closes them,
        // so a request after a slow step (a scan of every table) never meets a closed socket.
        http: reqwest::Client::builder()
            .pool_idle_timeout(std::time::Duration::from_secs(2))
            .build()
            .expect("test HTTP client"),
        db,
        server: Some(ServerThread { handle, thread }),
        database,
        sealer,
        smtp,
        clock,
    }
}

/// The settings of a test server on `database`, as `options` say (`options.database` is
/// ignored): for tests that build an [`Application`] themselves.
pub fn settings_for(database: &TestDatabase, options: AppOptions) -> Settings {
    let vars = variables_for(database, options);
    Settings::from_lookup(|name| vars.get(name).cloned()).expect("test settings")
}

/// The `ONSPLAN_*` variables of a test server on `database`, as `options` say.
pub fn variables_for(
    database: &TestDatabase,
    options: AppOptions,
) -> HashMap<&'static str, String> {
    let mut vars: HashMap<&'static str, String> = HashMap::from([
        ("ONSPLAN_DATA_DIR", database.data_dir.display().to_string()),
        ("ONSPLAN_DATABASE_URL", database.url.clone()),
        ("ONSPLAN_BIND", "127.0.0.1:0".to_string()),
        ("ONSPLAN_PUBLIC_URL", PUBLIC_URL.to_string()),
        ("ONSPLAN_JWT_SECRET", JWT_SECRET.to_string()),
        ("ONSPLAN_WORKERS", "2".to_string()),
        ("ONSPLAN_DB_MAX_CONNECTIONS", "8".to_string()),
        ("ONSPLAN_MAIL_POLL_MS", "50".to_string()),
        ("ONSPLAN_MAIL_RETRY_BASE_MS", "100".to_string()),
        ("ONSPLAN_MAIL_RETRY_MAX_MS", "1000".to_string()),
        // Reminders only where a test asks for them (a shorter poll and a test clock): other
        // tests count the email they cause.
        ("ONSPLAN_REMINDER_POLL_MS", "3600000".to_string()),
        (
            "ONSPLAN_WEB_DIR",
            options.web_dir.as_ref().map_or_else(
                || database.data_dir.join("no-web-app").display().to_string(),
                |dir| dir.display().to_string(),
            ),
        ),
    ]);
    vars.extend(options.smtp_url.map(|url| ("ONSPLAN_SMTP_URL", url)));
    vars.extend(options.env);
    vars
}

/// A person with an account and a client that acts as them.
pub struct Person {
    pub client: ApiClient,
    pub me: Me,
    pub session: SessionResponse,
}

impl Person {
    pub fn id(&self) -> Uuid {
        self.me.id
    }

    /// Writes the first version of one of `family`'s sections (nobody wrote it before),
    /// keeping its visibility.
    pub async fn write_first(
        &self,
        scope: SectionScope,
        family: Uuid,
        content: SectionContent,
    ) -> SectionResponse {
        let kind = content.kind();
        let request = SaveSectionRequest {
            visibility: None,
            content,
        };
        self.client
            .save_section(scope, family, kind, Some(0), &request)
            .await
            .unwrap()
    }
}

pub fn unique_email(prefix: &str) -> String {
    let prefix: String = prefix
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{prefix}-{}@example.nl", Uuid::new_v4().simple())
}

impl TestApp {
    /// A client with no session.
    pub fn client(&self) -> ApiClient {
        ApiClient::with_http(&self.address, self.http.clone())
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Registers a new account (refresh token in the body) and returns it logged in: asks for
    /// the account, opens the link the server emailed and confirms it, and clears that email
    /// away so tests only see the mail they cause themselves.
    pub async fn register(&self, name: &str) -> Person {
        let email = unique_email(&name.to_lowercase());
        self.client()
            .register(&RegisterRequest {
                email: email.clone(),
                name: name.to_string(),
                password: PASSWORD.to_string(),
                locale: Default::default(),
                token_delivery: TokenDelivery::Body,
            })
            .await
            .expect("registration is taken");
        let (row_id, link) = self.queued_link_to(&email, "registration").await;
        let mut client = self.client();
        let session = client
            .confirm_registration(&RegisterConfirm {
                token: token_of(&link),
                token_delivery: TokenDelivery::Body,
            })
            .await
            .expect("registration is confirmed");
        self.clear_email(&row_id, &link).await;
        Person {
            client,
            me: session.user.clone(),
            session,
        }
    }

    /// The outbox row id and link of the email of `kind` queued to `address`.
    pub async fn queued_link_to(&self, address: &str, kind: &str) -> (String, String) {
        use diesel::prelude::*;
        use onsplan_server::db::models::OutboxRow;
        use onsplan_server::db::schema::email_outbox as ob;
        let kind = kind.to_string();
        let rows: Vec<OutboxRow> = self
            .db
            .read(move |conn| -> Result<_, onsplan_server::errors::AppError> {
                Ok(ob::table
                    .filter(ob::kind.eq(kind))
                    .select(OutboxRow::as_select())
                    .load::<OutboxRow>(conn)?)
            })
            .await
            .expect("outbox is read");
        rows.iter()
            .find_map(|row| {
                let plain = self.sealer.open(&row.id, &row.sealed).ok()?;
                let email: onsplan_server::email::Email = serde_json::from_slice(&plain).ok()?;
                (email.to == address).then(|| (row.id.clone(), email.link))
            })
            .unwrap_or_else(|| panic!("no email queued to {address}"))
    }

    /// Takes an email the harness used out of the way, so tests count only the mail they
    /// cause: its outbox row is dropped (sent or not; the test SMTP server does not keep
    /// registration links), and with the file transport its file is removed once written.
    async fn clear_email(&self, row_id: &str, link: &str) {
        if self.smtp {
            self.sql_execute(&format!("DELETE FROM email_outbox WHERE id = '{row_id}'"));
            return;
        }
        let token = token_of(link);
        let dir = self.database.data_dir.join("mail");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let written = std::fs::read_dir(&dir)
                .into_iter()
                .flatten()
                .flatten()
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|e| e == "eml"))
                .find(|path| {
                    std::fs::read_to_string(path).is_ok_and(|raw| {
                        mail::ParsedMail::parse(&raw)
                            .parts
                            .iter()
                            .any(|part| part.text.contains(&token))
                    })
                });
            if let Some(path) = written {
                std::fs::remove_file(path).expect("remove the registration email");
                self.sql_execute(&format!("DELETE FROM email_outbox WHERE id = '{row_id}'"));
                return;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the registration email was not written"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// A family created by `parent`.
    pub async fn family_of(&self, parent: &Person, name: &str) -> FamilyDetail {
        parent
            .client
            .create_family(&CreateFamilyRequest { name: name.into() })
            .await
            .expect("family is created")
    }

    /// Adds a person to a family through the service layer (invitations come later).
    pub async fn add_member(&self, family: Uuid, person: &Person, role: Role) {
        onsplan_server::services::families::add_member(&self.db, family, person.id(), role)
            .await
            .expect("member is added");
    }
}

/// The token in a one-time link (`…#<token>`).
pub fn token_of(link: &str) -> String {
    link.rsplit_once('#')
        .expect("a link with a token")
        .1
        .to_string()
}

impl TestApp {
    /// Logs in with the test password.
    pub async fn login(&self, email: &str) -> Person {
        let mut client = self.client();
        let session = client
            .login(&onsplan_shared::auth::LoginRequest {
                email: email.to_string(),
                password: PASSWORD.to_string(),
                token_delivery: TokenDelivery::Body,
            })
            .await
            .expect("login succeeds");
        Person {
            client,
            me: session.user.clone(),
            session,
        }
    }

    /// Sets the password of an account through its activation link, then logs in.
    pub async fn activate(&self, link: &str, email: &str) -> Person {
        self.client()
            .activate_account(&onsplan_shared::auth::ActivateAccountRequest {
                token: token_of(link),
                password: PASSWORD.to_string(),
            })
            .await
            .expect("activation succeeds");
        self.login(email).await
    }

    /// An organisation and its admin, logged in, as the operator's CLI would make them.
    pub async fn organisation(&self, name: &str) -> (String, Person) {
        use onsplan_server::services::organisations;
        let org = organisations::create_organisation(&self.db, name)
            .await
            .expect("organisation is created");
        let email = unique_email("orgadmin");
        let (_, link) =
            organisations::create_org_admin(&self.db, PUBLIC_URL, &org, &email, "Beheerder")
                .await
                .expect("org admin is created");
        (org, self.activate(&link, &email).await)
    }

    /// A professional created by `org_admin`, activated through the link in their email, and
    /// logged in.
    pub async fn professional(&self, org_admin: &Person, name: &str) -> Person {
        let email = unique_email(name);
        org_admin
            .client
            .create_professional(&onsplan_shared::consent::CreateProfessionalRequest {
                email: email.clone(),
                name: name.to_string(),
            })
            .await
            .expect("professional is created");
        let mail = self.file_email_to(&email).await;
        let token = mail.token_after(onsplan_shared::routes::APP_ACTIVATION_PAGE);
        self.activate(&format!("{PUBLIC_URL}/account-activeren#{token}"), &email)
            .await
    }

    /// The newest email to `address` that the file transport (no SMTP configured) wrote into
    /// the data folder, waiting up to ten seconds for the worker to deliver it.
    pub async fn file_email_to(&self, address: &str) -> mail::ParsedMail {
        let dir = self.database.data_dir.join("mail");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let found = std::fs::read_dir(&dir)
                .into_iter()
                .flatten()
                .flatten()
                .filter(|entry| entry.path().extension().is_some_and(|e| e == "eml"))
                .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
                .find(|raw| raw.contains(address));
            if let Some(raw) = found {
                return mail::ParsedMail::parse(&raw);
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no email to {address} arrived"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// Runs raw SQL against the test database (to age a grant, or break the access log).
    pub async fn execute_sql(&self, sql: &str) {
        let sql = sql.to_string();
        self.db
            .write(
                move |conn| -> Result<(), onsplan_server::errors::AppError> {
                    diesel::sql_query(sql).execute(conn)?;
                    Ok(())
                },
            )
            .await
            .expect("SQL runs");
    }
}

/// One number from a `SELECT … AS n`.
#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// One text from a `SELECT … AS s`.
#[derive(diesel::QueryableByName)]
struct Text {
    #[diesel(sql_type = diesel::sql_types::Text)]
    s: String,
}

/// A direct connection to a test database, for SQL the API offers no way to run (moving an
/// expiry into the past, counting rows, scanning every column).
enum RawConnection {
    Sqlite(diesel::SqliteConnection),
    Postgres(PgConnection),
}

impl TestApp {
    fn raw(&self) -> RawConnection {
        match onsplan_server::db::DatabaseUrl::parse(&self.database.url) {
            onsplan_server::db::DatabaseUrl::Sqlite(path) => {
                let mut conn =
                    diesel::SqliteConnection::establish(&path).expect("open test SQLite");
                // The server's writer may hold the write lock for a moment: wait, do not fail.
                diesel::connection::SimpleConnection::batch_execute(
                    &mut conn,
                    "PRAGMA busy_timeout = 15000",
                )
                .expect("set busy timeout");
                RawConnection::Sqlite(conn)
            }
            onsplan_server::db::DatabaseUrl::Postgres(url) => {
                RawConnection::Postgres(PgConnection::establish(&url).expect("open test database"))
            }
        }
    }

    /// Runs a statement; returns the number of rows it changed.
    pub fn sql_execute(&self, sql: &str) -> usize {
        let query = diesel::sql_query(sql);
        match self.raw() {
            RawConnection::Sqlite(mut conn) => query.execute(&mut conn),
            RawConnection::Postgres(mut conn) => query.execute(&mut conn),
        }
        .unwrap_or_else(|err| panic!("{sql}: {err}"))
    }

    /// The number a `SELECT COUNT(*) AS n …` answers.
    pub fn sql_count(&self, sql: &str) -> i64 {
        let query = diesel::sql_query(sql);
        let rows: Vec<Count> = match self.raw() {
            RawConnection::Sqlite(mut conn) => query.load(&mut conn),
            RawConnection::Postgres(mut conn) => query.load(&mut conn),
        }
        .unwrap_or_else(|err| panic!("{sql}: {err}"));
        rows.first().map_or(0, |row| row.n)
    }

    /// The texts a `SELECT … AS s` answers.
    pub fn sql_texts(&self, sql: &str) -> Vec<String> {
        let query = diesel::sql_query(sql);
        let rows: Vec<Text> = match self.raw() {
            RawConnection::Sqlite(mut conn) => query.load(&mut conn),
            RawConnection::Postgres(mut conn) => query.load(&mut conn),
        }
        .unwrap_or_else(|err| panic!("{sql}: {err}"));
        rows.into_iter().map(|row| row.s).collect()
    }

    /// Every text column of every table, as `table.column`.
    pub fn text_columns(&self) -> Vec<(String, String)> {
        let (rows, sql): (Result<Vec<Text>, _>, _) = match self.raw() {
            RawConnection::Sqlite(mut conn) => {
                let sql = "SELECT m.name || '.' || p.name AS s FROM sqlite_master m \
                           JOIN pragma_table_info(m.name) p \
                           WHERE m.type = 'table' AND upper(p.type) = 'TEXT'";
                (diesel::sql_query(sql).load(&mut conn), sql)
            }
            RawConnection::Postgres(mut conn) => {
                let sql = "SELECT table_name || '.' || column_name AS s \
                           FROM information_schema.columns WHERE table_schema = 'public' \
                           AND data_type IN ('text', 'character varying')";
                (diesel::sql_query(sql).load(&mut conn), sql)
            }
        };
        rows.unwrap_or_else(|err| panic!("{sql}: {err}"))
            .into_iter()
            .filter_map(|row| {
                let (table, column) = row.s.split_once('.')?;
                Some((table.to_string(), column.to_string()))
            })
            .collect()
    }

    /// The `table.column` places whose text contains `needle` (letters, digits, `-`, `_`,
    /// `@` and `.` only, so it can go into the SQL as it is).
    pub fn find_text_everywhere(&self, needle: &str) -> Vec<String> {
        assert!(
            needle
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_@.".contains(c)),
            "needle must be plain"
        );
        self.text_columns()
            .into_iter()
            .filter(|(table, column)| {
                self.sql_count(&format!(
                    "SELECT COUNT(*) AS n FROM {table} WHERE {column} LIKE '%{needle}%'"
                )) > 0
            })
            .map(|(table, column)| format!("{table}.{column}"))
            .collect()
    }
}
