//! Authentication: login with rotating refresh tokens, OAuth2 client credentials, access JWTs,
//! throttling and lockout, password change and admin reset.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{TimeDelta, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use kinerja_domain::org::Role;
use kinerja_store::entities::{api_client, employee, refresh_token, user};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::actor::{Actor, Ctx, Principal, SCOPES};
use crate::audit::{self, Change};
use crate::error::{ServiceError, ServiceResult, validate};
use crate::security::{dummy_hash, hash_password, random_token, sha256_hex, verify_password};
use crate::{Services, now};

pub const ISSUER: &str = "kinerja";
pub const AUDIENCE: &str = "kinerja-api";

/// Token lifetimes and lockout policy.
#[derive(Debug, Clone)]
pub struct AuthConfig {
    pub jwt_secret: Vec<u8>,
    pub access_ttl: Duration,
    pub refresh_ttl: Duration,
    pub client_token_ttl: Duration,
    /// Consecutive failed logins that lock an account.
    pub lockout_threshold: i32,
    pub lockout_duration: Duration,
    /// Login attempts allowed per source address per window.
    pub attempts_per_window: u32,
    pub attempt_window: Duration,
}

impl AuthConfig {
    pub fn with_secret(secret: impl Into<Vec<u8>>) -> Self {
        Self {
            jwt_secret: secret.into(),
            access_ttl: Duration::from_secs(15 * 60),
            refresh_ttl: Duration::from_secs(14 * 24 * 3600),
            client_token_ttl: Duration::from_secs(15 * 60),
            lockout_threshold: 5,
            lockout_duration: Duration::from_secs(15 * 60),
            attempts_per_window: 20,
            attempt_window: Duration::from_secs(5 * 60),
        }
    }
}

/// Per-source counter of failed login attempts in a fixed window (in memory: a restart
/// forgives). Only failures count: a government office behind one NAT address logs in all at
/// once at 07:30 and must not be throttled for it.
#[derive(Default)]
pub struct Throttle {
    hits: Mutex<HashMap<String, (Instant, u32)>>,
}

impl Throttle {
    /// Refuses when `key` has used up its `allowed` failures of the current window.
    pub fn check(&self, key: &str, allowed: u32, window: Duration) -> ServiceResult<()> {
        let hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        if let Some((start, count)) = hits.get(key) {
            let elapsed = now.duration_since(*start);
            if elapsed < window && *count >= allowed {
                return Err(ServiceError::TooManyRequests {
                    message:
                        "Too many failed login attempts from this address; wait and try again."
                            .into(),
                    retry_after_secs: window.saturating_sub(elapsed).as_secs().max(1),
                });
            }
        }
        Ok(())
    }

    /// Counts one failure of `key`.
    pub fn record_failure(&self, key: &str, window: Duration) {
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        if hits.len() > 100_000 {
            hits.retain(|_, (start, _)| now.duration_since(*start) < window);
        }
        let entry = hits.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= window {
            *entry = (now, 0);
        }
        entry.1 += 1;
    }
}

/// Claims of an access token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub iss: String,
    pub aud: String,
    pub exp: i64,
    pub iat: i64,
    pub jti: String,
    /// "user" or "client".
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employee_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    pub name: String,
}

fn sign(config: &AuthConfig, claims: &Claims) -> ServiceResult<String> {
    encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(&config.jwt_secret),
    )
    .map_err(|e| ServiceError::Internal(format!("token signing failed: {e}")))
}

/// Verifies an access token's signature, issuer, audience and expiry, and returns its actor.
pub fn verify_access_token(config: &AuthConfig, token: &str) -> ServiceResult<Actor> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_issuer(&[ISSUER]);
    validation.set_audience(&[AUDIENCE]);
    validation.leeway = 5;
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    let data = decode::<Claims>(
        token,
        &DecodingKey::from_secret(&config.jwt_secret),
        &validation,
    )
    .map_err(|e| {
        let expired = matches!(e.kind(), jsonwebtoken::errors::ErrorKind::ExpiredSignature);
        ServiceError::Unauthenticated {
            code: if expired {
                "token_expired"
            } else {
                "invalid_token"
            },
            message: if expired {
                "The access token has expired; refresh it."
            } else {
                "The access token is invalid."
            }
            .to_owned(),
        }
    })?;
    let c = data.claims;
    let principal = match c.kind.as_str() {
        "user" => Principal::User {
            user_id: c.sub.parse().map_err(|_| invalid_token())?,
            role: c.role.ok_or_else(invalid_token)?,
            employee_id: c.employee_id,
        },
        "client" => Principal::Client {
            client_id: c.sub.clone(),
            scopes: c
                .scope
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
        },
        _ => return Err(invalid_token()),
    };
    Ok(Actor {
        principal,
        agency_id: c.agency_id,
        label: c.name,
    })
}

fn invalid_token() -> ServiceError {
    ServiceError::Unauthenticated {
        code: "invalid_token",
        message: "The access token is invalid.".into(),
    }
}

fn invalid_credentials() -> ServiceError {
    ServiceError::Unauthenticated {
        code: "invalid_credentials",
        message: "The username or password is wrong.".into(),
    }
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct LoginRequest {
    /// Username, or the 18-digit NIP / NI PPPK of the employee (spaces allowed).
    #[validate(length(min = 1, max = 64))]
    #[schema(example = "admin")]
    pub username: String,
    #[validate(length(min = 1, max = 256))]
    #[schema(example = "Kinerja-Demo-2026", format = Password)]
    pub password: String,
}

/// Tokens issued at login and refresh.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TokenPair {
    /// Short-lived bearer JWT for the `Authorization` header.
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the access token expires.
    #[schema(example = 900)]
    pub expires_in: u64,
    /// Single-use token to obtain the next pair; rotating: each use returns a new one.
    pub refresh_token: String,
    pub refresh_expires_in: u64,
    pub user: SessionUser,
}

/// The logged-in account as the client needs it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SessionUser {
    pub id: Uuid,
    pub username: String,
    pub role: Role,
    pub agency_id: Option<Uuid>,
    pub employee_id: Option<Uuid>,
    pub must_change_password: bool,
}

impl From<&user::Model> for SessionUser {
    fn from(u: &user::Model) -> Self {
        SessionUser {
            id: u.id,
            username: u.username.clone(),
            role: Role::parse(&u.role).unwrap_or(Role::Employee),
            agency_id: u.agency_id,
            employee_id: u.employee_id,
            must_change_password: u.must_change_password,
        }
    }
}

fn user_actor(u: &user::Model) -> Actor {
    Actor {
        principal: Principal::User {
            user_id: u.id,
            role: Role::parse(&u.role).unwrap_or(Role::Employee),
            employee_id: u.employee_id,
        },
        agency_id: u.agency_id,
        label: u.username.clone(),
    }
}

fn access_claims(config: &AuthConfig, u: &user::Model) -> Claims {
    let iat = Utc::now().timestamp();
    Claims {
        sub: u.id.to_string(),
        iss: ISSUER.into(),
        aud: AUDIENCE.into(),
        iat,
        exp: iat + config.access_ttl.as_secs() as i64,
        jti: Uuid::now_v7().to_string(),
        kind: "user".into(),
        role: Role::parse(&u.role),
        agency_id: u.agency_id,
        employee_id: u.employee_id,
        scope: None,
        name: u.username.clone(),
    }
}

async fn issue_pair<C: sea_orm::ConnectionTrait>(
    s: &Services,
    txn: &C,
    u: &user::Model,
    family_id: Uuid,
) -> ServiceResult<TokenPair> {
    let refresh = random_token();
    let created = now();
    refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(u.id),
        family_id: Set(family_id),
        token_hash: Set(sha256_hex(&refresh)),
        expires_at: Set(
            created + TimeDelta::from_std(s.auth.refresh_ttl).unwrap_or(TimeDelta::days(14))
        ),
        created_at: Set(created),
        used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(txn)
    .await?;
    Ok(TokenPair {
        access_token: sign(&s.auth, &access_claims(&s.auth, u))?,
        token_type: "Bearer".into(),
        expires_in: s.auth.access_ttl.as_secs(),
        refresh_token: refresh,
        refresh_expires_in: s.auth.refresh_ttl.as_secs(),
        user: SessionUser::from(u),
    })
}

/// Logs in by username or NIP. Failures are counted per account (lockout) and per source
/// address (throttle); unknown and known usernames are indistinguishable.
pub async fn login(
    s: &Services,
    req: LoginRequest,
    source: &str,
    request_id: &str,
) -> ServiceResult<TokenPair> {
    validate(&req)?;
    let throttle_key = format!("login:{source}");
    s.throttle.check(
        &throttle_key,
        s.auth.attempts_per_window,
        s.auth.attempt_window,
    )?;
    let failed = || {
        s.throttle
            .record_failure(&throttle_key, s.auth.attempt_window);
        invalid_credentials()
    };
    let key = req.username.trim().to_owned();
    let digits: String = key.chars().filter(|c| !c.is_whitespace()).collect();
    let db = s.db.conn();
    let mut found = user::Entity::find()
        .filter(user::Column::Username.eq(key.to_lowercase()))
        .one(db)
        .await?;
    if found.is_none()
        && digits.len() == 18
        && digits.chars().all(|c| c.is_ascii_digit())
        && let Some(emp) = employee::Entity::find()
            .filter(employee::Column::Nip.eq(digits.as_str()))
            .one(db)
            .await?
    {
        found = user::Entity::find()
            .filter(user::Column::EmployeeId.eq(emp.id))
            .one(db)
            .await?;
    }
    let Some(account) = found else {
        verify_password(&req.password, dummy_hash().await).await;
        return Err(failed());
    };
    check_lock(&account)?;
    let ok = verify_password(&req.password, &account.password_hash).await;
    let txn = s.db.begin_write().await?;
    // Re-read inside the write transaction: concurrent failures must all count, and a lock set
    // by a concurrent attempt while the password was being verified must hold.
    let account = user::Entity::find_by_id(account.id)
        .one(&*txn)
        .await?
        .ok_or_else(invalid_credentials)?;
    check_lock(&account)?;
    let at = now();
    if !ok || !account.is_active {
        let failures = account.failed_login_count + 1;
        let locks = failures >= s.auth.lockout_threshold;
        let mut am = account.clone().into_active_model();
        am.failed_login_count = Set(if locks { 0 } else { failures });
        if locks {
            am.locked_until = Set(Some(
                at + TimeDelta::from_std(s.auth.lockout_duration).unwrap_or(TimeDelta::minutes(15)),
            ));
        }
        am.update(&*txn).await?;
        if locks {
            let ctx = Ctx {
                actor: user_actor(&account),
                request_id: request_id.to_owned(),
            };
            audit::record(
                &*txn,
                &ctx,
                Change {
                    subject_employee_id: None,
                    agency_id: account.agency_id,
                    action: "user.lock",
                    entity_type: "user",
                    entity_id: account.id.to_string(),
                    before: None,
                    after: Some(serde_json::json!({"reason": "repeated failed logins"})),
                },
            )
            .await?;
        }
        txn.commit().await?;
        return Err(failed());
    }
    let mut am = account.clone().into_active_model();
    am.failed_login_count = Set(0);
    am.locked_until = Set(None);
    am.last_login_at = Set(Some(at));
    let account = am.update(&*txn).await?;
    let pair = issue_pair(s, &*txn, &account, Uuid::now_v7()).await?;
    txn.commit().await?;
    Ok(pair)
}

/// A locked account is refused even with the right password, until the lock expires or an
/// administrator unlocks it.
fn check_lock(account: &user::Model) -> ServiceResult<()> {
    let at = now();
    match account.locked_until {
        Some(until) if until > at => Err(ServiceError::TooManyRequests {
            message: "This account is temporarily locked after repeated failed logins; try again later or ask HR to unlock it.".into(),
            retry_after_secs: (until - at).num_seconds().max(1) as u64,
        }),
        _ => Ok(()),
    }
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct RefreshRequest {
    #[validate(length(min = 1, max = 256))]
    pub refresh_token: String,
}

/// Exchanges a refresh token for a new pair. A token may be used once: presenting a rotated
/// (already used) token means it leaked, so its whole family is revoked.
pub async fn refresh(s: &Services, req: RefreshRequest) -> ServiceResult<TokenPair> {
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let hash = sha256_hex(&req.refresh_token);
    let token = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash))
        .one(&*txn)
        .await?;
    let rejected = |code: &'static str, message: &str| ServiceError::Unauthenticated {
        code,
        message: message.to_owned(),
    };
    let Some(token) = token else {
        return Err(rejected(
            "invalid_refresh_token",
            "The refresh token is not valid; log in again.",
        ));
    };
    let at = now();
    if token.used_at.is_some() {
        revoke_family(&*txn, token.family_id).await?;
        txn.commit().await?;
        return Err(rejected(
            "refresh_token_reused",
            "This refresh token was already used; every session descended from it has been ended. Log in again.",
        ));
    }
    if token.revoked_at.is_some() || token.expires_at <= at {
        return Err(rejected(
            "invalid_refresh_token",
            "The refresh token has expired or was revoked; log in again.",
        ));
    }
    let account = user::Entity::find_by_id(token.user_id).one(&*txn).await?;
    let Some(account) = account.filter(|a| a.is_active) else {
        revoke_family(&*txn, token.family_id).await?;
        txn.commit().await?;
        return Err(rejected("account_disabled", "The account is disabled."));
    };
    let family = token.family_id;
    // Consume atomically: of two concurrent refreshes with one token, exactly one wins and the
    // other is treated as the reuse it is.
    let consumed = refresh_token::Entity::update_many()
        .col_expr(
            refresh_token::Column::UsedAt,
            sea_orm::sea_query::Expr::value(at),
        )
        .filter(refresh_token::Column::Id.eq(token.id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(&*txn)
        .await?;
    if consumed.rows_affected != 1 {
        revoke_family(&*txn, family).await?;
        txn.commit().await?;
        return Err(rejected(
            "refresh_token_reused",
            "This refresh token was already used; every session descended from it has been ended. Log in again.",
        ));
    }
    let pair = issue_pair(s, &*txn, &account, family).await?;
    txn.commit().await?;
    Ok(pair)
}

async fn revoke_family<C: sea_orm::ConnectionTrait>(txn: &C, family_id: Uuid) -> ServiceResult<()> {
    refresh_token::Entity::update_many()
        .col_expr(
            refresh_token::Column::RevokedAt,
            sea_orm::sea_query::Expr::value(now()),
        )
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(txn)
        .await?;
    Ok(())
}

/// Ends the session the refresh token belongs to (its whole family). Unknown tokens are
/// accepted silently: logging out is idempotent.
pub async fn logout(s: &Services, req: RefreshRequest) -> ServiceResult<()> {
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let hash = sha256_hex(&req.refresh_token);
    if let Some(token) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash))
        .one(&*txn)
        .await?
    {
        revoke_family(&*txn, token.family_id).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// RFC 6749 4.4 client-credentials request (form-encoded).
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ClientTokenRequest {
    #[schema(example = "client_credentials")]
    pub grant_type: String,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    /// Space-separated subset of the client's scopes; all of them when absent.
    #[schema(example = "employees:read")]
    pub scope: Option<String>,
}

/// RFC 6749 5.1 access-token response.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClientTokenResponse {
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: String,
    #[schema(example = 900)]
    pub expires_in: u64,
    #[schema(example = "employees:read")]
    pub scope: String,
}

/// RFC 6749 5.2 error codes, which the API returns in the OAuth2 error format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OAuthError {
    InvalidRequest(String),
    InvalidClient,
    UnsupportedGrantType,
    InvalidScope(String),
    Service(String),
}

/// Issues a client token. `basic` carries credentials from an HTTP Basic header, which RFC 6749
/// prefers over form fields.
pub async fn client_token(
    s: &Services,
    req: ClientTokenRequest,
    basic: Option<(String, String)>,
) -> Result<ClientTokenResponse, OAuthError> {
    if req.grant_type != "client_credentials" {
        return Err(OAuthError::UnsupportedGrantType);
    }
    let (client_id, secret) = match (basic, req.client_id, req.client_secret) {
        // RFC 6749 2.3: a client uses one authentication method per request.
        (Some(_), _, Some(_)) => {
            return Err(OAuthError::InvalidRequest(
                "send the client secret either in the Basic header or in the form, not both".into(),
            ));
        }
        (Some(b), _, _) => b,
        (None, Some(id), Some(secret)) => (id, secret),
        _ => {
            return Err(OAuthError::InvalidRequest(
                "client_id and client_secret are required".into(),
            ));
        }
    };
    let db = s.db.conn();
    let client = api_client::Entity::find()
        .filter(api_client::Column::ClientId.eq(client_id.as_str()))
        .one(db)
        .await
        .map_err(|e| OAuthError::Service(e.to_string()))?;
    let Some(client) = client else {
        verify_password(&secret, dummy_hash().await).await;
        return Err(OAuthError::InvalidClient);
    };
    if client.revoked_at.is_some() || !verify_password(&secret, &client.secret_hash).await {
        return Err(OAuthError::InvalidClient);
    }
    let granted: Vec<&str> = client.scopes.split_whitespace().collect();
    let scope: Vec<String> = match req
        .scope
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => granted.iter().map(|s| s.to_string()).collect(),
        Some(asked) => {
            let mut out = Vec::new();
            for sc in asked.split_whitespace() {
                if !granted.contains(&sc) {
                    return Err(OAuthError::InvalidScope(format!(
                        "scope {sc} is not granted to this client"
                    )));
                }
                out.push(sc.to_owned());
            }
            out
        }
    };
    let iat = Utc::now().timestamp();
    let claims = Claims {
        sub: client.client_id.clone(),
        iss: ISSUER.into(),
        aud: AUDIENCE.into(),
        iat,
        exp: iat + s.auth.client_token_ttl.as_secs() as i64,
        jti: Uuid::now_v7().to_string(),
        kind: "client".into(),
        role: None,
        agency_id: Some(client.agency_id),
        employee_id: None,
        scope: Some(scope.join(" ")),
        name: client.client_id.clone(),
    };
    let token = sign(&s.auth, &claims).map_err(|e| OAuthError::Service(e.to_string()))?;
    let txn =
        s.db.begin_write()
            .await
            .map_err(|e| OAuthError::Service(e.to_string()))?;
    let mut am = client.into_active_model();
    am.last_used_at = Set(Some(now()));
    am.update(&*txn)
        .await
        .map_err(|e| OAuthError::Service(e.to_string()))?;
    txn.commit()
        .await
        .map_err(|e| OAuthError::Service(e.to_string()))?;
    Ok(ClientTokenResponse {
        access_token: token,
        token_type: "Bearer".into(),
        expires_in: s.auth.client_token_ttl.as_secs(),
        scope: scope.join(" "),
    })
}

/// What the per-request check learned about the caller.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    /// The account still has a password an administrator set: until it chooses its own, it
    /// may only read `/me` and change the password ([`PASSWORD_CHANGE_PATHS`]).
    pub must_change_password: bool,
}

/// What an account that must change its password may still call.
pub const PASSWORD_CHANGE_PATHS: &[&str] = &["/api/v1/me", "/api/v1/auth/password"];

/// The refusal for any other path while the password must change.
pub fn password_change_required() -> ServiceError {
    ServiceError::denied(
        "password_change_required",
        "Choose your own password first (POST /api/v1/auth/password).",
    )
}

/// The access token still describes its principal: a client token stops working as soon as
/// its client is revoked, and an account token as soon as the account is deactivated or its
/// role, agency or employee link changes (the client then refreshes to get a current token).
/// Checked on every request.
pub async fn ensure_current(s: &Services, actor: &Actor) -> ServiceResult<Standing> {
    match &actor.principal {
        Principal::Client { client_id, .. } => {
            let active = api_client::Entity::find()
                .filter(api_client::Column::ClientId.eq(client_id.as_str()))
                .filter(api_client::Column::RevokedAt.is_null())
                .one(s.db.conn())
                .await?
                .is_some();
            if !active {
                return Err(ServiceError::Unauthenticated {
                    code: "client_revoked",
                    message: "This API client has been revoked.".into(),
                });
            }
        }
        Principal::User {
            user_id,
            role,
            employee_id,
        } => {
            let account = user::Entity::find_by_id(*user_id)
                .one(s.db.conn())
                .await?
                .filter(|a| a.is_active);
            let Some(account) = account else {
                return Err(ServiceError::Unauthenticated {
                    code: "account_disabled",
                    message: "The account is disabled.".into(),
                });
            };
            if Role::parse(&account.role) != Some(*role)
                || account.agency_id != actor.agency_id
                || account.employee_id != *employee_id
            {
                return Err(ServiceError::Unauthenticated {
                    code: "token_outdated",
                    message: "The account changed since this token was issued; refresh it.".into(),
                });
            }
            return Ok(Standing {
                must_change_password: account.must_change_password,
            });
        }
    }
    Ok(Standing::default())
}

pub fn is_known_scope(scope: &str) -> bool {
    SCOPES.contains(&scope)
}

/// Password rules: at least 10 characters, not the username, letters and digits mixed.
pub fn check_password_strength(password: &str, username: &str, field: &str) -> ServiceResult<()> {
    let long = password.chars().count() >= 10;
    let mixed =
        password.chars().any(|c| c.is_alphabetic()) && password.chars().any(|c| c.is_ascii_digit());
    if !long || !mixed {
        return Err(ServiceError::field(
            field,
            "weak_password",
            "Use at least 10 characters, with both letters and digits.",
        ));
    }
    if password.to_lowercase().contains(&username.to_lowercase()) {
        return Err(ServiceError::field(
            field,
            "weak_password",
            "The password must not contain the username.",
        ));
    }
    Ok(())
}

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct ChangePasswordRequest {
    #[validate(length(min = 1, max = 256))]
    #[schema(format = Password)]
    pub current_password: String,
    #[validate(length(min = 10, max = 256))]
    #[schema(format = Password)]
    pub new_password: String,
}

/// The caller changes their own password. Every session of the account ends, and a new one
/// is returned so that the caller stays logged in. Wrong current passwords are throttled like
/// logins, so that a stolen access token cannot be used to guess the password.
pub async fn change_password(
    s: &Services,
    ctx: &Ctx,
    req: ChangePasswordRequest,
) -> ServiceResult<TokenPair> {
    validate(&req)?;
    let user_id = ctx
        .actor
        .user_id()
        .ok_or_else(|| ServiceError::forbidden("Only accounts have passwords."))?;
    let throttle_key = format!("password:{user_id}");
    let allowed = s.auth.lockout_threshold.max(1) as u32;
    s.throttle
        .check(&throttle_key, allowed, s.auth.lockout_duration)?;
    let account = user::Entity::find_by_id(user_id)
        .one(s.db.conn())
        .await?
        .ok_or_else(|| ServiceError::not_found("user"))?;
    if !verify_password(&req.current_password, &account.password_hash).await {
        s.throttle
            .record_failure(&throttle_key, s.auth.lockout_duration);
        return Err(ServiceError::field(
            "current_password",
            "wrong_password",
            "The current password is wrong.",
        ));
    }
    check_password_strength(&req.new_password, &account.username, "new_password")?;
    if req.new_password == req.current_password {
        return Err(ServiceError::field(
            "new_password",
            "password_unchanged",
            "Choose a password different from the current one.",
        ));
    }
    let hash = hash_password(&req.new_password).await?;
    let txn = s.db.begin_write().await?;
    let account = user::Entity::find_by_id(user_id)
        .one(&*txn)
        .await?
        .filter(|a| a.is_active)
        .ok_or_else(|| ServiceError::Unauthenticated {
            code: "account_disabled",
            message: "The account is disabled.".into(),
        })?;
    let updated = set_password(&*txn, account, hash, false).await?;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: updated.agency_id,
            action: "user.change_password",
            entity_type: "user",
            entity_id: updated.id.to_string(),
            before: None,
            after: None,
        },
    )
    .await?;
    let pair = issue_pair(s, &*txn, &updated, Uuid::now_v7()).await?;
    txn.commit().await?;
    Ok(pair)
}

/// Stores a new hash, clears lockout, and revokes every refresh token of the account. Bumps
/// the version: `must_change_password` is part of the account's view.
pub async fn set_password<C: sea_orm::ConnectionTrait>(
    txn: &C,
    account: user::Model,
    hash: String,
    must_change: bool,
) -> ServiceResult<user::Model> {
    let user_id = account.id;
    let version = account.version;
    let at = now();
    let mut am = account.into_active_model();
    am.password_hash = Set(hash);
    am.password_changed_at = Set(at);
    am.must_change_password = Set(must_change);
    am.failed_login_count = Set(0);
    am.locked_until = Set(None);
    am.updated_at = Set(at);
    am.version = Set(version + 1);
    let updated = am.update(txn).await?;
    refresh_token::Entity::update_many()
        .col_expr(
            refresh_token::Column::RevokedAt,
            sea_orm::sea_query::Expr::value(at),
        )
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(txn)
        .await?;
    Ok(updated)
}

/// Signs an access token for an existing account without a password (fixtures, tooling).
pub async fn mint_access_token(s: &Services, user_id: Uuid) -> ServiceResult<String> {
    let account = user::Entity::find_by_id(user_id)
        .one(s.db.conn())
        .await?
        .ok_or_else(|| ServiceError::not_found("user"))?;
    sign(&s.auth, &access_claims(&s.auth, &account))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_throttle_counts_failures_per_key_within_the_window() {
        let t = Throttle::default();
        let window = Duration::from_secs(60);
        for _ in 0..3 {
            assert!(t.check("a", 3, window).is_ok());
            t.record_failure("a", window);
        }
        match t.check("a", 3, window) {
            Err(ServiceError::TooManyRequests {
                retry_after_secs, ..
            }) => assert!((1..=60).contains(&retry_after_secs)),
            other => panic!("expected 429, got {other:?}"),
        }
        assert!(t.check("b", 3, window).is_ok(), "keys are independent");
        let short = Duration::from_millis(1);
        t.record_failure("c", short);
        std::thread::sleep(Duration::from_millis(5));
        assert!(t.check("c", 1, short).is_ok(), "the window expires");
    }

    #[test]
    fn passwords_need_length_letters_digits_and_no_username() {
        for (password, ok) in [
            ("Kinerja-2026", true),
            ("short-1", false),
            ("no-digits-at-all", false),
            ("12345678901", false),
            ("siti.rahma-2026", false),
        ] {
            assert_eq!(
                check_password_strength(password, "siti.rahma", "password").is_ok(),
                ok,
                "{password}"
            );
        }
    }

    #[test]
    fn a_token_round_trips_and_a_foreign_one_does_not() {
        let config = AuthConfig::with_secret("unit-test-secret-0123456789-abcdefghij");
        let iat = Utc::now().timestamp();
        let claims = Claims {
            sub: "kc_x".into(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            exp: iat + 60,
            iat,
            jti: "j".into(),
            kind: "client".into(),
            role: None,
            agency_id: Some(Uuid::nil()),
            employee_id: None,
            scope: Some("units:read employees:read".into()),
            name: "kc_x".into(),
        };
        let token = sign(&config, &claims).unwrap();
        let actor = verify_access_token(&config, &token).unwrap();
        assert_eq!(
            actor.principal,
            Principal::Client {
                client_id: "kc_x".into(),
                scopes: vec!["units:read".into(), "employees:read".into()],
            }
        );
        let other = AuthConfig::with_secret("another-secret-0123456789-abcdefghijkl");
        assert!(verify_access_token(&other, &token).is_err());
        let expired = Claims {
            exp: iat - 60,
            iat: iat - 120,
            ..claims
        };
        match verify_access_token(&config, &sign(&config, &expired).unwrap()) {
            Err(ServiceError::Unauthenticated { code, .. }) => assert_eq!(code, "token_expired"),
            other => panic!("expected token_expired, got {other:?}"),
        }
    }
}
