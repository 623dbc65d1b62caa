//! RFC 9457 problem details: the one mapping from service errors (and the framework's own
//! rejections) to HTTP. 5xx are logged with their cause and returned opaque.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use kinerja_service::{FieldError, ServiceError};
use serde::Serialize;
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// An RFC 9457 problem. Clients switch on `type` (stable), never on `detail` (prose).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "urn:kinerja:problem:validation",
    "title": "The request has invalid fields",
    "status": 422,
    "detail": "Correct the fields listed in errors and send the request again.",
    "errors": [{"field": "nip", "code": "nip_length", "message": "The NIP must have 18 digits."}]
}))]
pub struct Problem {
    /// `urn:kinerja:problem:<code>`.
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Present on 422 `validation`: every invalid field; on a 422 refused by a rule about
    /// particular fields (`distribution_violated`), each of those fields and what it needs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
    /// Present on 412: the current version, to re-read before retrying.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i32>,
}

impl Problem {
    pub fn new(status: StatusCode, code: &str, title: &str, detail: impl Into<String>) -> Self {
        Self {
            problem_type: format!("urn:kinerja:problem:{code}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
            errors: None,
            current_version: None,
        }
    }

    pub fn response(&self) -> HttpResponse {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        HttpResponse::build(status)
            .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
            .json(self)
    }
}

/// The error type every handler returns.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct ApiError(#[from] pub ServiceError);

impl ApiError {
    fn problem(&self) -> Problem {
        use ServiceError as E;
        match &self.0 {
            E::Unauthenticated { code, message } => Problem::new(
                StatusCode::UNAUTHORIZED,
                code,
                "Authentication required",
                message.clone(),
            ),
            E::Forbidden(message) => Problem::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                "Not allowed",
                message.clone(),
            ),
            E::Denied { code, message } => {
                Problem::new(StatusCode::FORBIDDEN, code, "Not allowed", message.clone())
            }
            E::NotFound { entity } => Problem::new(
                StatusCode::NOT_FOUND,
                "not_found",
                "Not found",
                format!("No {entity} with this id exists, or it is not visible to you."),
            ),
            E::Absent { code, message } => {
                Problem::new(StatusCode::NOT_FOUND, code, "Not found", message.clone())
            }
            E::Conflict { code, message } => {
                Problem::new(StatusCode::CONFLICT, code, "Conflict", message.clone())
            }
            E::Rule { code, message } => Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                code,
                "Refused by a rule",
                message.clone(),
            ),
            E::RuleOnFields {
                code,
                message,
                errors,
            } => {
                let mut p = Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    code,
                    "Refused by a rule",
                    message.clone(),
                );
                p.errors = Some(errors.clone());
                p
            }
            E::TooLarge { code, message } => Problem::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                code,
                "Too large",
                message.clone(),
            ),
            E::UnsupportedMediaType { code, message } => Problem::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                code,
                "Unsupported media type",
                message.clone(),
            ),
            E::Validation(errors) => {
                let mut p = Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation",
                    "The request has invalid fields",
                    "Correct the fields listed in errors and send the request again.",
                );
                p.errors = Some(errors.clone());
                p
            }
            E::PreconditionFailed { current } => {
                let mut p = Problem::new(
                    StatusCode::PRECONDITION_FAILED,
                    "stale_version",
                    "The object changed since you read it",
                    "Someone else changed this object. Read it again, reapply your change and send it with the new ETag.",
                );
                p.current_version = Some(*current);
                p
            }
            E::PreconditionRequired => Problem::new(
                StatusCode::PRECONDITION_REQUIRED,
                "if_match_required",
                "If-Match required",
                "Send the ETag you read in an If-Match header, so that concurrent changes are not lost.",
            ),
            E::TooManyRequests { message, .. } => Problem::new(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                "Too many requests",
                message.clone(),
            ),
            E::Internal(_) => Problem::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
                "Something went wrong on our side. The error has been logged; quote the X-Request-Id header when reporting it.",
            ),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.problem().status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        if let ServiceError::Internal(cause) = &self.0 {
            log::error!("internal error: {cause}");
        }
        let mut resp = self.problem().response();
        match &self.0 {
            ServiceError::TooManyRequests {
                retry_after_secs, ..
            } => {
                resp.headers_mut().insert(
                    header::RETRY_AFTER,
                    header::HeaderValue::from(*retry_after_secs),
                );
            }
            ServiceError::Unauthenticated { .. } => {
                resp.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    header::HeaderValue::from_static("Bearer realm=\"kinerja\""),
                );
            }
            _ => {}
        }
        resp
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// A problem as an actix error, for extractor rejections and fallbacks.
#[derive(Debug)]
pub struct ProblemError(pub Problem);

impl std::fmt::Display for ProblemError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.detail)
    }
}

impl ResponseError for ProblemError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.0.status).unwrap_or(StatusCode::BAD_REQUEST)
    }
    fn error_response(&self) -> HttpResponse {
        self.0.response()
    }
}

/// Extractor configuration: malformed JSON, forms, paths and queries answer in the same format.
pub fn json_config() -> actix_web::web::JsonConfig {
    actix_web::web::JsonConfig::default()
        .limit(8 * 1024 * 1024)
        .error_handler(|err, _req| {
            use actix_web::error::JsonPayloadError as J;
            let problem = match &err {
                J::ContentType => Problem::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    "Unsupported media type",
                    "Send the body as application/json.",
                ),
                J::OverflowKnownLength { .. } | J::Overflow { .. } => Problem::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "payload_too_large",
                    "Payload too large",
                    "The body exceeds 8 MiB.",
                ),
                J::Deserialize(e) if e.is_data() => {
                    let mut p = Problem::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "validation",
                        "The request has invalid fields",
                        format!("The body does not match the expected shape: {e}"),
                    );
                    p.errors = Some(vec![FieldError::new(
                        serde_field(&e.to_string()),
                        "invalid_type",
                        e.to_string(),
                    )]);
                    p
                }
                other => Problem::new(
                    StatusCode::BAD_REQUEST,
                    "malformed_json",
                    "Malformed JSON",
                    format!("The body is not valid JSON: {other}"),
                ),
            };
            ProblemError(problem).into()
        })
}

/// Best effort at naming the field from serde's message ("missing field `name`", "unknown
/// variant ... for `kind`" has no field, so "body").
fn serde_field(message: &str) -> String {
    message
        .split("field `")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
        .map(str::to_owned)
        .unwrap_or_else(|| "body".to_owned())
}

pub fn path_config() -> actix_web::web::PathConfig {
    actix_web::web::PathConfig::default().error_handler(|err, _req| {
        ProblemError(Problem::new(
            StatusCode::BAD_REQUEST,
            "invalid_path",
            "Invalid path parameter",
            format!("A path parameter is malformed: {err}. Ids are UUIDs."),
        ))
        .into()
    })
}

pub fn query_config() -> actix_web::web::QueryConfig {
    actix_web::web::QueryConfig::default().error_handler(|err, _req| {
        let text = err.to_string();
        let mut p = Problem::new(
            StatusCode::BAD_REQUEST,
            "invalid_query",
            "Invalid query parameter",
            format!("A query parameter is malformed: {text}"),
        );
        p.errors = Some(vec![FieldError::new(
            serde_field(&text),
            "invalid_query",
            text.clone(),
        )]);
        ProblemError(p).into()
    })
}

pub fn form_config() -> actix_web::web::FormConfig {
    actix_web::web::FormConfig::default().error_handler(|err, _req| {
        ProblemError(Problem::new(
            StatusCode::BAD_REQUEST,
            "invalid_form",
            "Invalid form body",
            format!("The form body is malformed: {err}"),
        ))
        .into()
    })
}
