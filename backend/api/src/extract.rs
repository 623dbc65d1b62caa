//! Extractors: the authenticated caller (bearer JWT), and the If-Match version.

use std::future::Future;
use std::pin::Pin;

use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload, web};
use kinerja_service::{Actor, Ctx, ServiceError};

use crate::problem::ApiError;
use crate::request_id::RequestId;
use crate::state::AppState;

/// The authenticated caller with the request id: what every use case takes.
pub struct Caller(pub Ctx);

impl Caller {
    pub fn ctx(&self) -> &Ctx {
        &self.0
    }
    pub fn actor(&self) -> &Actor {
        &self.0.actor
    }
}

pub fn request_id(req: &HttpRequest) -> String {
    req.extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default()
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(|t| t.trim().to_owned());
        let request_id = request_id(req);
        let path = req.path().to_owned();
        Box::pin(async move {
            let state = state.ok_or_else(|| {
                ApiError(ServiceError::Internal("application state missing".into()))
            })?;
            let token = token.ok_or(ApiError(ServiceError::Unauthenticated {
                code: "unauthenticated",
                message: "Send an access token in the Authorization header (Bearer).".into(),
            }))?;
            let actor = kinerja_service::auth::verify_access_token(&state.services.auth, &token)?;
            let standing = kinerja_service::auth::ensure_current(&state.services, &actor).await?;
            if standing.must_change_password
                && !kinerja_service::auth::PASSWORD_CHANGE_PATHS.contains(&path.as_str())
            {
                return Err(ApiError(kinerja_service::auth::password_change_required()));
            }
            Ok(Caller(Ctx { actor, request_id }))
        })
    }
}

/// The version an update was based on, from `If-Match: "<version>"` (weak tags accepted).
/// Absent header: None (the service answers 428). Unparsable: a version that never matches.
pub fn if_match(req: &HttpRequest) -> Option<i32> {
    let raw = req.headers().get(header::IF_MATCH)?.to_str().ok()?.trim();
    let raw = raw.strip_prefix("W/").unwrap_or(raw);
    Some(raw.trim_matches('"').parse::<i32>().unwrap_or(-1))
}

/// The ETag header value for a version.
pub fn etag(version: i32) -> (header::HeaderName, String) {
    (header::ETAG, format!("\"{version}\""))
}
