//! Authentication endpoints: login, refresh, logout, OAuth2 client credentials, password change.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, post, web};
use base64::Engine;
use kinerja_service::auth::{
    self, ChangePasswordRequest, ClientTokenRequest, ClientTokenResponse, LoginRequest, OAuthError,
    RefreshRequest, TokenPair,
};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::extract::{Caller, request_id};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(login, refresh, logout, token, change_password))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(login)
        .service(refresh)
        .service(logout)
        .service(token)
        .service(change_password);
}

/// Logs in with a username or NIP and a password. Returns a short-lived access token and a
/// rotating refresh token. Repeated failures lock the account for a while (429).
#[utoipa::path(tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = TokenPair), (status = 401, body = Problem, description = "Wrong username or password"),
              (status = 422, body = Problem), (status = 429, body = Problem, description = "Throttled or locked")))]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> ApiResult<web::Json<TokenPair>> {
    let source = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into());
    Ok(web::Json(
        auth::login(
            &state.services,
            body.into_inner(),
            &source,
            &request_id(&req),
        )
        .await?,
    ))
}

/// Exchanges a refresh token for a new token pair. Each refresh token works once; reusing one
/// ends every session descended from it.
#[utoipa::path(tag = "auth", request_body = RefreshRequest,
    responses((status = 200, body = TokenPair), (status = 401, body = Problem), (status = 422, body = Problem)))]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> ApiResult<web::Json<TokenPair>> {
    Ok(web::Json(
        auth::refresh(&state.services, body.into_inner()).await?,
    ))
}

/// Ends the session of a refresh token. Idempotent.
#[utoipa::path(tag = "auth", request_body = RefreshRequest, responses((status = 204), (status = 422, body = Problem)))]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    auth::logout(&state.services, body.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// RFC 6749 error response.
#[derive(Serialize, ToSchema)]
pub struct OAuthErrorBody {
    #[schema(example = "invalid_client")]
    pub error: String,
    pub error_description: String,
}

/// OAuth2 client-credentials grant (RFC 6749 section 4.4) for third-party systems and scripts.
/// Send `grant_type=client_credentials` form-encoded, with the client id and secret in an HTTP
/// Basic header or as form fields; optionally narrow `scope`.
#[utoipa::path(tag = "auth", request_body(content = ClientTokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses((status = 200, body = ClientTokenResponse), (status = 400, body = OAuthErrorBody), (status = 401, body = OAuthErrorBody)))]
#[post("/auth/token")]
pub async fn token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Form<ClientTokenRequest>,
) -> HttpResponse {
    let basic = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| {
            base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .ok()
        })
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| {
            let (id, secret) = s.split_once(':')?;
            Some((form_decode(id)?, form_decode(secret)?))
        });
    let (status, error, description) =
        match auth::client_token(&state.services, body.into_inner(), basic).await {
            Ok(resp) => {
                return HttpResponse::Ok()
                    .insert_header((header::CACHE_CONTROL, "no-store"))
                    .insert_header((header::PRAGMA, "no-cache"))
                    .json(resp);
            }
            Err(OAuthError::InvalidRequest(d)) => (StatusCode::BAD_REQUEST, "invalid_request", d),
            Err(OAuthError::UnsupportedGrantType) => (
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "Only grant_type=client_credentials is supported.".to_owned(),
            ),
            Err(OAuthError::InvalidScope(d)) => (StatusCode::BAD_REQUEST, "invalid_scope", d),
            Err(OAuthError::InvalidClient) => (
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "Client authentication failed.".to_owned(),
            ),
            Err(OAuthError::Service(cause)) => {
                log::error!("client token: {cause}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "server_error",
                    "Internal error.".to_owned(),
                )
            }
        };
    let mut resp = HttpResponse::build(status);
    resp.insert_header((header::CACHE_CONTROL, "no-store"));
    if status == StatusCode::UNAUTHORIZED {
        resp.insert_header((header::WWW_AUTHENTICATE, "Basic realm=\"kinerja\""));
    }
    resp.json(OAuthErrorBody {
        error: error.to_owned(),
        error_description: description,
    })
}

/// RFC 6749 2.3.1: the client id and secret in a Basic header are form-urlencoded first.
fn form_decode(raw: &str) -> Option<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("v={}", raw.replace('&', "%26")))
        .ok()?
        .pop()
        .map(|(_, v)| v)
}

/// Changes the caller's own password. Every session of the account ends (refresh tokens are
/// revoked) and a fresh token pair is returned, so the caller stays logged in. Wrong current
/// passwords are throttled (429).
#[utoipa::path(tag = "auth", request_body = ChangePasswordRequest, security(("bearer" = [])),
    responses((status = 200, body = TokenPair), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 422, body = Problem), (status = 429, body = Problem)))]
#[post("/auth/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<ChangePasswordRequest>,
) -> ApiResult<HttpResponse> {
    let pair = auth::change_password(&state.services, caller.ctx(), body.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(pair))
}
