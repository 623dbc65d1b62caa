//! Configuration from environment variables only (see README and .env.example).

use std::path::PathBuf;

/// Secrets that must never run in production: placeholders from our own docs and the usual
/// suspects.
const KNOWN_DEFAULT_SECRETS: &[&str] = &[
    "change-me",
    "changeme",
    "secret",
    "jwt-secret",
    "kinerja",
    "replace-with-at-least-32-random-bytes",
    "dev-secret-not-for-production-use-000000",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Env {
    Dev,
    Production,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub env: Env,
    pub database_url: String,
    pub bind: String,
    pub jwt_secret: Vec<u8>,
    /// Built SPA to serve at `/` (absent: API only).
    pub web_dir: Option<PathBuf>,
    /// How often the server runs the sweep (plans into appraisal, objection windows closing);
    /// 0 disables it.
    pub sweep_interval_secs: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "KINERJA_JWT_SECRET is required when KINERJA_ENV is not dev (use at least 32 random bytes)"
    )]
    MissingSecret,
    #[error(
        "KINERJA_JWT_SECRET is a known default or placeholder; generate a real one (e.g. `openssl rand -base64 48`)"
    )]
    DefaultSecret,
    #[error("KINERJA_JWT_SECRET must be at least 32 bytes long")]
    ShortSecret,
    #[error("KINERJA_ENV must be dev or production, not {0:?}")]
    BadEnv(String),
    #[error(
        "KINERJA_SWEEP_INTERVAL_SECS must be a whole number of seconds (0 disables), not {0:?}"
    )]
    BadSweepInterval(String),
    #[error("cannot create the data directory {0}: {1}")]
    DataDir(String, std::io::Error),
}

pub const DEFAULT_SQLITE_URL: &str = "sqlite://data/kinerja.sqlite?mode=rwc";

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads settings through `get`, so tests can supply their own environment.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = match get("KINERJA_ENV").as_deref().map(str::trim) {
            None | Some("") | Some("production") | Some("prod") => Env::Production,
            Some("dev") | Some("development") => Env::Dev,
            Some(other) => return Err(ConfigError::BadEnv(other.to_owned())),
        };
        let jwt_secret = match get("KINERJA_JWT_SECRET").filter(|s| !s.trim().is_empty()) {
            Some(secret) => {
                if KNOWN_DEFAULT_SECRETS.contains(&secret.trim()) && env != Env::Dev {
                    return Err(ConfigError::DefaultSecret);
                }
                if secret.len() < 32 && env != Env::Dev {
                    return Err(ConfigError::ShortSecret);
                }
                secret.into_bytes()
            }
            None if env == Env::Dev => {
                // A fresh random secret per start: dev sessions end at restart, nothing to leak.
                kinerja_service::security::random_token().into_bytes()
            }
            None => return Err(ConfigError::MissingSecret),
        };
        let database_url = get("DATABASE_URL")
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_SQLITE_URL.to_owned());
        let bind = get("KINERJA_BIND")
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "127.0.0.1:8080".to_owned());
        let web_dir = match get("KINERJA_WEB_DIR") {
            Some(dir) if dir.trim().is_empty() => None,
            Some(dir) => Some(PathBuf::from(dir)),
            None => Some(PathBuf::from("frontend/dist")),
        };
        let sweep_interval_secs = match get("KINERJA_SWEEP_INTERVAL_SECS")
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
        {
            None => 3600,
            Some(v) => v
                .parse()
                .map_err(|_| ConfigError::BadSweepInterval(v.clone()))?,
        };
        Ok(Self {
            env,
            database_url,
            bind,
            jwt_secret,
            web_dir,
            sweep_interval_secs,
        })
    }

    /// Creates the directory of a `sqlite://` file URL, so the default works on a fresh clone.
    pub fn ensure_sqlite_dir(&self) -> Result<(), ConfigError> {
        if let Some(rest) = self.database_url.strip_prefix("sqlite://") {
            let path = rest.split('?').next().unwrap_or(rest);
            if path != ":memory:"
                && let Some(dir) = std::path::Path::new(path)
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
            {
                std::fs::create_dir_all(dir)
                    .map_err(|e| ConfigError::DataDir(dir.display().to_string(), e))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn production_refuses_to_start_without_a_secret() {
        assert!(matches!(load(&[]), Err(ConfigError::MissingSecret)));
    }

    #[test]
    fn production_refuses_a_known_default_secret() {
        assert!(matches!(
            load(&[(
                "KINERJA_JWT_SECRET",
                "replace-with-at-least-32-random-bytes"
            )]),
            Err(ConfigError::DefaultSecret)
        ));
    }

    #[test]
    fn production_refuses_a_short_secret() {
        assert!(matches!(
            load(&[("KINERJA_JWT_SECRET", "short-but-unique")]),
            Err(ConfigError::ShortSecret)
        ));
    }

    #[test]
    fn dev_mode_generates_a_secret_and_defaults_to_sqlite() {
        let c = load(&[("KINERJA_ENV", "dev")]).unwrap();
        assert_eq!(c.env, Env::Dev);
        assert!(c.jwt_secret.len() >= 32);
        assert_eq!(c.database_url, DEFAULT_SQLITE_URL);
        assert_eq!(c.bind, "127.0.0.1:8080");
    }

    #[test]
    fn an_unknown_environment_name_is_an_error() {
        assert!(matches!(
            load(&[("KINERJA_ENV", "staging")]),
            Err(ConfigError::BadEnv(_))
        ));
    }
}
