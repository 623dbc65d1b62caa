//! The `kinerja` binary: serve, migrate, demo, openapi, create-admin, verify-audit.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kinerja_api::app;
use kinerja_api::config::{Config, Env};
use kinerja_api::state::AppState;
use kinerja_service::Services;

#[derive(Parser)]
#[command(
    name = "kinerja",
    version,
    about = "Kinerja: performance appraisal for Indonesian civil servants"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP server (migrations are applied first).
    Serve {
        /// Load the demo agency first when the database has no agency yet.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending migrations and exit.
    Migrate,
    /// Load the demo agency (deterministic for a given seed).
    Demo {
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Print the OpenAPI document (YAML; --json for JSON).
    Openapi {
        #[arg(long)]
        json: bool,
    },
    /// Create a super_admin account (the password is read from KINERJA_ADMIN_PASSWORD or stdin).
    CreateAdmin {
        #[arg(long)]
        username: String,
    },
    /// Verify the audit log's hash chains and report the first broken link of each.
    VerifyAudit,
    /// Move what time moves: plans whose dates ended into appraisal, results whose objection
    /// window closed to final. The server also does this every KINERJA_SWEEP_INTERVAL_SECS.
    Sweep,
    /// Compare the progress counters with a recount of the rows; --repair rebuilds them.
    VerifyProgress {
        #[arg(long)]
        repair: bool,
    },
    /// Exit 0 when GET /healthz on KINERJA_BIND answers 200 (for container health checks).
    Healthcheck,
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(
        env_logger::Env::default().default_filter_or("info,sqlx=warn,sea_orm=warn"),
    )
    .init();
    let cli = Cli::parse();
    if let Command::Openapi { json } = &cli.command {
        let doc = kinerja_api::openapi::document();
        if *json {
            println!("{}", doc.to_pretty_json().expect("the document serialises"));
        } else {
            print!("{}", kinerja_api::openapi::yaml());
        }
        return ExitCode::SUCCESS;
    }
    if let Command::Healthcheck = &cli.command {
        return healthcheck();
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let system = actix_web::rt::System::with_tokio_rt(|| rt);
    match system.block_on(run(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("kinerja: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn services(config: &Config) -> Result<Services, String> {
    config.ensure_sqlite_dir().map_err(|e| e.to_string())?;
    let conn = kinerja_service::open_database(&config.database_url)
        .await
        .map_err(|e| format!("database: {e}"))?;
    Ok(Services::new(
        conn,
        kinerja_service::auth::AuthConfig::with_secret(config.jwt_secret.clone()),
    ))
}

async fn run(command: Command) -> Result<(), String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
    match command {
        Command::Openapi { .. } | Command::Healthcheck => {
            unreachable!("handled before the runtime starts")
        }
        Command::Migrate => {
            services(&config).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Demo { seed } => {
            let s = services(&config).await?;
            let summary = kinerja_service::demo::load(&s, seed)
                .await
                .map_err(|e| e.to_string())?;
            println!("{summary}");
            Ok(())
        }
        Command::CreateAdmin { username } => {
            let s = services(&config).await?;
            let password = match std::env::var("KINERJA_ADMIN_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    eprint!("password for {username}: ");
                    let mut line = String::new();
                    std::io::stdin()
                        .read_line(&mut line)
                        .map_err(|e| e.to_string())?;
                    line.trim_end_matches(['\n', '\r']).to_owned()
                }
            };
            kinerja_service::users::create_super_admin(&s, &username, &password)
                .await
                .map_err(|e| match e {
                    // The field messages say what to fix; the error's own text does not.
                    kinerja_service::ServiceError::Validation(fields) => fields
                        .iter()
                        .map(|f| format!("{}: {}", f.field, f.message))
                        .collect::<Vec<_>>()
                        .join("; "),
                    other => other.to_string(),
                })?;
            println!("super_admin {username} created");
            Ok(())
        }
        Command::VerifyAudit => {
            let s = services(&config).await?;
            let reports = kinerja_service::audit::verify_all(s.db.conn())
                .await
                .map_err(|e| e.to_string())?;
            let mut broken = false;
            for r in &reports {
                match &r.first_break {
                    None => println!("{}: intact ({} entries)", r.chain, r.checked),
                    Some(b) => {
                        broken = true;
                        println!(
                            "{}: BROKEN at entry {} ({}): {}",
                            r.chain, b.seq, b.kind, b.message
                        );
                    }
                }
            }
            if broken {
                Err("the audit log has been tampered with".into())
            } else {
                Ok(())
            }
        }
        Command::Sweep => {
            let s = services(&config).await?;
            let report = kinerja_service::sweep::run(&s.db, kinerja_service::assignments::today())
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "plans moved into appraisal: {}; results made final: {}",
                report.plans_in_appraisal, report.evaluations_concluded
            );
            Ok(())
        }
        Command::VerifyProgress { repair } => {
            let s = services(&config).await?;
            let wrong = kinerja_service::progress::verify_counters(s.db.conn())
                .await
                .map_err(|e| e.to_string())?;
            if wrong.is_empty() {
                println!("progress counters: all agree with the rows");
                return Ok(());
            }
            for m in wrong.iter().take(20) {
                println!(
                    "scope {} unit {} {}: stored {}, counted {}",
                    m.scope_id, m.unit_id, m.metric, m.stored, m.counted
                );
            }
            if repair {
                let n = kinerja_service::progress::rebuild_counters(&s.db)
                    .await
                    .map_err(|e| e.to_string())?;
                println!("rebuilt {n} progress counters");
                Ok(())
            } else {
                Err(format!(
                    "{} progress counters disagree (run with --repair)",
                    wrong.len()
                ))
            }
        }
        Command::Serve { demo } => {
            let s = services(&config).await?;
            let loaded = match demo {
                true => kinerja_service::demo::load_if_empty(&s, 2026)
                    .await
                    .map_err(|e| e.to_string())?,
                false => None,
            };
            if let Some(summary) = loaded {
                println!("{summary}");
            }
            if config.env == Env::Dev {
                log::warn!("KINERJA_ENV=dev: development mode, not for production");
            }
            if config.sweep_interval_secs > 0 {
                let db = s.db.clone();
                let every = std::time::Duration::from_secs(config.sweep_interval_secs);
                actix_web::rt::spawn(async move {
                    loop {
                        match kinerja_service::sweep::run(
                            &db,
                            kinerja_service::assignments::today(),
                        )
                        .await
                        {
                            Ok(r) if r != Default::default() => log::info!(
                                "sweep: {} plans into appraisal, {} results final",
                                r.plans_in_appraisal,
                                r.evaluations_concluded
                            ),
                            Ok(_) => {}
                            Err(e) => log::error!("sweep failed: {e}"),
                        }
                        actix_web::rt::time::sleep(every).await;
                    }
                });
            }
            let state = AppState { services: s };
            let web_dir = config.web_dir.clone();
            let server =
                actix_web::HttpServer::new(move || app::build(state.clone(), web_dir.clone()))
                    .bind(&config.bind)
                    .map_err(|e| format!("cannot bind {}: {e}", config.bind))?;
            println!(
                "Kinerja is listening on http://{}  (API docs: http://{}/api/docs/)",
                config.bind, config.bind
            );
            server.run().await.map_err(|e| e.to_string())
        }
    }
}

/// A plain HTTP/1.0 GET of /healthz: no HTTP client dependency, no shell tools in the image.
fn healthcheck() -> ExitCode {
    use std::io::{Read, Write};
    let bind = std::env::var("KINERJA_BIND").unwrap_or_else(|_| "127.0.0.1:8080".to_owned());
    let addr = bind.replace("0.0.0.0", "127.0.0.1");
    let attempt = || -> std::io::Result<bool> {
        let mut stream = std::net::TcpStream::connect(&addr)?;
        stream.set_read_timeout(Some(std::time::Duration::from_secs(3)))?;
        stream.write_all(b"GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n")?;
        let mut head = [0u8; 12];
        stream.read_exact(&mut head)?;
        Ok(head.starts_with(b"HTTP/1.1 200") || head.starts_with(b"HTTP/1.0 200"))
    };
    match attempt() {
        Ok(true) => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    }
}
