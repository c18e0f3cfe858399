//! The benchmark's database: created fresh, migrated, and filled with families that look like
//! real ones (two parents, five relatives, one professional with a grant, every section
//! written), straight through the server's storage layer.

use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection, RunQueryDsl, SqliteConnection};
use onsplan_server::auth::jwt::JwtKeys;
use onsplan_server::config::Secret;
use onsplan_server::db::models::{
    FamilyRow, GrantRow, LinkRow, MembershipRow, OrganisationRow, SectionRow, UserRow,
};
use onsplan_server::db::{
    self, families, grants, links, new_id, now_ms, orgs, sections, users, DatabaseUrl, Db,
};
use onsplan_server::errors::AppError;
use onsplan_shared::consent::GrantedSection;
use onsplan_shared::section::SectionKind;
use onsplan_shared::section_content::*;

pub const JWT_SECRET: &str = "benchmark-secret-that-is-long-enough-for-hs256";
const ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";
/// The sections each professional's grant covers; concerns is left out for the denied read.
pub const GRANTED: [SectionKind; 3] = [
    SectionKind::Goals,
    SectionKind::Network,
    SectionKind::Safety,
];

pub struct Database {
    pub url: String,
    pub data_dir: std::path::PathBuf,
    postgres_name: Option<String>,
}

impl Database {
    pub fn create(backend: &str) -> anyhow::Result<Self> {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let data_dir = std::env::temp_dir().join(format!("onsplan-bench-{id}"));
        std::fs::create_dir_all(&data_dir)?;
        if backend == "sqlite" {
            return Ok(Self {
                url: format!("sqlite://{}", data_dir.join("onsplan.sqlite3").display()),
                data_dir,
                postgres_name: None,
            });
        }
        let name = format!("onsplan_bench_{id}");
        let mut admin = PgConnection::establish(ADMIN_URL)?;
        diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut admin)?;
        Ok(Self {
            url: format!("postgres://postgres@127.0.0.1:5432/{name}"),
            data_dir,
            postgres_name: Some(name),
        })
    }

    pub fn parsed(&self) -> DatabaseUrl {
        DatabaseUrl::parse(&self.url)
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Some(name) = &self.postgres_name {
            if let Ok(mut admin) = PgConnection::establish(ADMIN_URL) {
                let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut admin);
            }
        }
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// Who is who in the seeded database.
pub struct World {
    pub families: Vec<SeededFamily>,
}

pub struct SeededFamily {
    pub id: String,
    pub parent: String,
    pub professional: String,
}

/// Access tokens per family, minted with the server's secret.
pub struct Tokens {
    pub families: std::sync::Arc<Vec<(String, String, String)>>,
}

impl World {
    pub fn tokens(&self, issuer: &str) -> Tokens {
        let keys = JwtKeys::new(
            &Secret::new(JWT_SECRET.as_bytes().to_vec()).expect("long enough"),
            issuer,
            900,
        );
        Tokens {
            families: self
                .families
                .iter()
                .map(|f| {
                    (
                        f.id.clone(),
                        keys.issue(&f.parent, 0),
                        keys.issue(&f.professional, 0),
                    )
                })
                .collect::<Vec<_>>()
                .into(),
        }
    }
}

pub async fn seed(database: &Database, count: usize) -> anyhow::Result<World> {
    let url = database.parsed();
    tokio::task::spawn_blocking({
        let url = url.clone();
        move || db::migrate(&url)
    })
    .await??;
    let db = Db::connect(&url, 2)?;
    let password_hash =
        tokio::task::spawn_blocking(|| onsplan_server::auth::password::hash("bench password"))
            .await?;
    let org = OrganisationRow {
        id: new_id(),
        name: "Wijkteam Bench".into(),
        created_at: now_ms(),
        deactivated_at: None,
    };
    {
        let org = org.clone();
        db.write(move |conn| -> Result<(), AppError> { Ok(orgs::insert(conn, &org)?) })
            .await?;
    }
    let mut world = World {
        families: Vec::with_capacity(count),
    };
    for chunk_start in (0..count).step_by(250) {
        let chunk_end = (chunk_start + 250).min(count);
        let (hash, org_id) = (password_hash.clone(), org.id.clone());
        let seeded = db
            .write(move |conn| -> Result<Vec<SeededFamily>, AppError> {
                (chunk_start..chunk_end)
                    .map(|n| seed_family(conn, n, &hash, &org_id))
                    .collect()
            })
            .await?;
        world.families.extend(seeded);
    }
    Ok(world)
}

fn person(n: usize, role: &str, hash: &str, kind: &str, org: Option<&str>) -> UserRow {
    UserRow {
        id: new_id(),
        email: format!("{role}-{n}-{}@bench.test", uuid::Uuid::new_v4().simple()),
        name: format!("{role} {n}"),
        password_hash: hash.to_string(),
        locale: "nl".into(),
        created_at: now_ms(),
        disabled_at: None,
        kind: kind.into(),
        org_id: org.map(str::to_string),
        created_by: org.map(|_| "bench".to_string()),
        session_epoch: 0,
    }
}

fn seed_family(
    conn: &mut db::DbConnection,
    n: usize,
    hash: &str,
    org: &str,
) -> Result<SeededFamily, AppError> {
    let now = now_ms();
    let family = FamilyRow {
        id: new_id(),
        name: format!("Familie {n}"),
        both_parents_must_agree: false,
        created_by: String::new(),
        created_at: now,
    };
    let parents = [
        person(n, "ouder", hash, "person", None),
        person(n, "ouder2", hash, "person", None),
    ];
    let relatives: Vec<UserRow> = (0..5)
        .map(|i| person(n * 10 + i, "naaste", hash, "person", None))
        .collect();
    let professional = person(n, "pro", hash, "professional", Some(org));
    for user in parents
        .iter()
        .chain(&relatives)
        .chain(std::iter::once(&professional))
    {
        users::insert(conn, user)?;
    }
    families::insert(
        conn,
        &FamilyRow {
            created_by: parents[0].id.clone(),
            ..family.clone()
        },
    )?;
    let roles = parents
        .iter()
        .map(|p| (p, "parent"))
        .chain(relatives.iter().map(|r| (r, "relative")));
    for (user, role) in roles {
        families::insert_membership(
            conn,
            &MembershipRow {
                family_id: family.id.clone(),
                user_id: user.id.clone(),
                role: role.into(),
                joined_at: now,
            },
        )?;
    }
    let rows: Vec<SectionRow> = SectionKind::ALL
        .into_iter()
        .map(|kind| SectionRow {
            id: new_id(),
            family_id: family.id.clone(),
            kind: kind.as_str().into(),
            scope: sections::SHARED_SCOPE.into(),
            owner_id: None,
            visibility: kind.default_visibility().as_str().into(),
            version: 1,
            content: serde_json::to_string(&filled(kind, n)).expect("serialises"),
            updated_at: Some(now),
            updated_by: Some(parents[0].id.clone()),
        })
        .collect();
    sections::insert(conn, &rows)?;
    links::insert(
        conn,
        &LinkRow {
            family_id: family.id.clone(),
            professional_id: professional.id.clone(),
            linked_by: parents[0].id.clone(),
            linked_at: now,
        },
    )?;
    let granted: Vec<GrantedSection> = GRANTED.into_iter().map(GrantedSection::shared).collect();
    grants::insert(
        conn,
        &GrantRow {
            id: new_id(),
            family_id: family.id.clone(),
            professional_id: professional.id.clone(),
            granted_by: parents[0].id.clone(),
            sections: onsplan_server::services::consent::format_sections(&granted),
            can_comment: false,
            can_export: false,
            valid_from: now - 1000,
            valid_until: now + 90 * 24 * 3600 * 1000,
            created_at: now,
            activated_at: Some(now),
            revoked_at: None,
            revoked_by: None,
            request_id: None,
        },
    )?;
    Ok(SeededFamily {
        id: family.id,
        parent: parents[0].id.clone(),
        professional: professional.id,
    })
}

/// Realistic content: a few sentences per field, a few items per list.
pub fn filled(kind: SectionKind, n: usize) -> SectionContent {
    let line = |i: usize| {
        format!("Regel {i} van familie {n}: we doen dit samen en kijken elke week hoe het gaat.")
    };
    let lines = |count: usize| (0..count).map(line).collect::<Vec<_>>();
    match kind {
        SectionKind::About => SectionContent::About(AboutUs {
            who_we_are: line(0),
            children: vec![Child {
                name: "Sam".into(),
                age: Some(8),
                about: line(1),
            }],
            what_matters: line(2),
        }),
        SectionKind::Concerns => SectionContent::Concerns(Concerns { worries: lines(4) }),
        SectionKind::Strengths => SectionContent::Strengths(Strengths {
            going_well: lines(3),
            worked_before: lines(2),
        }),
        SectionKind::Goals => SectionContent::Goals(Goals {
            goals: (0..3)
                .map(|i| Goal {
                    id: format!("g{i}"),
                    title: line(i),
                    scale_now: 4,
                    next_step: line(i + 1),
                })
                .collect(),
        }),
        SectionKind::Agreements => SectionContent::Agreements(Agreements {
            items: (0..4)
                .map(|i| Agreement {
                    id: format!("a{i}"),
                    what: line(i),
                    ..Default::default()
                })
                .collect(),
        }),
        SectionKind::Network => SectionContent::Network(Network {
            people: (0..5)
                .map(|i| NetworkPerson {
                    name: format!("Persoon {i}"),
                    relation: "buurvrouw".into(),
                    can_offer: line(i),
                    contact: "06-12345678".into(),
                })
                .collect(),
        }),
        SectionKind::Safety => SectionContent::Safety(SafetyPlan {
            warning_signs: lines(3),
            what_we_do: lines(3),
            whom_we_call: vec![Contact {
                name: "Oma".into(),
                relation: "oma".into(),
                phone: "06-1".into(),
            }],
            safe_places: vec![SafePlace {
                name: "Bij oma".into(),
                address: "Dorpsstraat 1".into(),
                note: line(9),
            }],
        }),
        SectionKind::LifeDomains => {
            let domain = || Domain {
                how_it_goes: line(0),
                what_is_needed: line(1),
            };
            SectionContent::LifeDomains(LifeDomains {
                work: domain(),
                money: domain(),
                housing: domain(),
                care: domain(),
                support: domain(),
            })
        }
        SectionKind::ProfessionalHelp => SectionContent::ProfessionalHelp(ProfessionalHelp {
            requests: vec![HelpRequest {
                what: line(0),
                from_whom: "wijkteam".into(),
            }],
        }),
        SectionKind::Children => SectionContent::Children(ChildrenVoice {
            voices: vec![ChildVoice {
                child_name: "Sam".into(),
                words: line(0),
            }],
        }),
        SectionKind::Evaluation => SectionContent::Evaluation(Evaluation {
            next_review: None,
            reviews: vec![Review {
                held_on: None,
                outcome: line(0),
            }],
        }),
    }
}

/// One small insert per commit, as fast as the database allows, with the server's settings.
pub fn raw_commit_rate(database: &Database, duration: Duration) -> anyhow::Result<f64> {
    const TABLE: &str =
        "CREATE TABLE IF NOT EXISTS bench_commits (id TEXT PRIMARY KEY, v BIGINT NOT NULL)";
    let mut count = 0u64;
    let started = Instant::now();
    let mut insert = |conn: &mut dyn FnMut(&str) -> anyhow::Result<()>| -> anyhow::Result<()> {
        conn(TABLE)?;
        while started.elapsed() < duration {
            conn(&format!(
                "INSERT INTO bench_commits (id, v) VALUES ('{}', {count})",
                new_id()
            ))?;
            count += 1;
        }
        Ok(())
    };
    match database.parsed() {
        DatabaseUrl::Sqlite(path) => {
            let mut conn = SqliteConnection::establish(&path)?;
            conn.batch_execute("PRAGMA busy_timeout = 15000; PRAGMA synchronous = FULL; PRAGMA journal_mode = WAL;")?;
            insert(&mut |sql| Ok(conn.batch_execute(sql)?))?;
        }
        DatabaseUrl::Postgres(url) => {
            let mut conn = PgConnection::establish(&url)?;
            insert(&mut |sql| Ok(conn.batch_execute(sql)?))?;
        }
    }
    Ok(count as f64 / started.elapsed().as_secs_f64())
}
