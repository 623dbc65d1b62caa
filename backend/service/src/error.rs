//! The service error: HTTP-agnostic facts that the API maps, in one table, to problem details.

use serde::Serialize;
use utoipa::ToSchema;

/// One invalid input field, named by its JSON path (`nip`, `rows[3].unit_code`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The offending field, in JSON path notation; for CSV input, `line N: column`.
    #[schema(example = "nip")]
    pub field: String,
    /// A sentence meant for the person who typed the value.
    #[schema(example = "The NIP must have 18 digits.")]
    pub message: String,
    /// Stable machine-readable code.
    #[schema(example = "nip_length")]
    pub code: String,
}

impl FieldError {
    pub fn new(
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// No credentials, or credentials that are invalid or expired.
    #[error("{message}")]
    Unauthenticated { code: &'static str, message: String },
    /// The caller is known but may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// The caller is known but may not do this, for a reason with its own stable code
    /// (`self_rating_not_allowed`): 403 with that code.
    #[error("{message}")]
    Denied { code: &'static str, message: String },
    /// The object does not exist, or exists in a scope the caller may not see. The two are
    /// deliberately indistinguishable.
    #[error("{entity} not found")]
    NotFound { entity: &'static str },
    /// Nothing to answer, for a reason worth explaining (`no_appraiser`): 404 with its own code.
    #[error("{message}")]
    Absent { code: &'static str, message: String },
    /// The request conflicts with the current state (duplicate key, illegal transition).
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// A business rule refuses the request.
    #[error("{message}")]
    Rule { code: &'static str, message: String },
    /// A business rule refuses the request because of particular fields, each named with what
    /// it needs (`override_reasons.<unit id>` when finalising): 422 with that code and `errors`.
    #[error("{message}")]
    RuleOnFields {
        code: &'static str,
        message: String,
        errors: Vec<FieldError>,
    },
    /// The request body exceeds a configured limit (an evidence upload), naming the limit.
    #[error("{message}")]
    TooLarge { code: &'static str, message: String },
    /// The request body's media type is not accepted (an evidence upload), naming the allowed ones.
    #[error("{message}")]
    UnsupportedMediaType { code: &'static str, message: String },
    /// Input fields are invalid.
    #[error("the request has invalid fields")]
    Validation(Vec<FieldError>),
    /// The If-Match precondition names a stale version.
    #[error("the object was changed by someone else (current version {current})")]
    PreconditionFailed { current: i32 },
    /// An update arrived without If-Match.
    #[error("updates need an If-Match header carrying the ETag you read")]
    PreconditionRequired,
    /// Too many attempts.
    #[error("{message}")]
    TooManyRequests {
        message: String,
        retry_after_secs: u64,
    },
    #[error("internal error: {0}")]
    Internal(String),
}

pub type ServiceResult<T> = Result<T, ServiceError>;

impl ServiceError {
    pub fn not_found(entity: &'static str) -> Self {
        ServiceError::NotFound { entity }
    }
    pub fn absent(code: &'static str, message: impl Into<String>) -> Self {
        ServiceError::Absent {
            code,
            message: message.into(),
        }
    }
    pub fn forbidden(message: impl Into<String>) -> Self {
        ServiceError::Forbidden(message.into())
    }
    pub fn denied(code: &'static str, message: impl Into<String>) -> Self {
        ServiceError::Denied {
            code,
            message: message.into(),
        }
    }
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        ServiceError::Conflict {
            code,
            message: message.into(),
        }
    }
    pub fn rule(code: &'static str, message: impl Into<String>) -> Self {
        ServiceError::Rule {
            code,
            message: message.into(),
        }
    }
    pub fn field(
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        ServiceError::Validation(vec![FieldError::new(field, code, message)])
    }
}

impl From<sea_orm::DbErr> for ServiceError {
    fn from(err: sea_orm::DbErr) -> Self {
        use sea_orm::SqlErr;
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => ServiceError::conflict(
                "duplicate",
                "An object with the same unique key already exists.",
            ),
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => ServiceError::conflict(
                "reference_violation",
                "The change refers to an object that does not exist, or removes one that is still referred to.",
            ),
            _ => ServiceError::Internal(err.to_string()),
        }
    }
}

impl<E: std::error::Error> From<sea_orm::TransactionError<E>> for ServiceError
where
    ServiceError: From<E>,
{
    fn from(err: sea_orm::TransactionError<E>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(e) => e.into(),
            sea_orm::TransactionError::Transaction(e) => e.into(),
        }
    }
}

/// Converts validator's report into field errors with JSON-path names.
pub fn validation_errors(errors: &validator::ValidationErrors) -> Vec<FieldError> {
    let mut out = Vec::new();
    collect(errors, String::new(), &mut out);
    out.sort_by(|a, b| a.field.cmp(&b.field));
    out
}

fn collect(errors: &validator::ValidationErrors, prefix: String, out: &mut Vec<FieldError>) {
    use validator::ValidationErrorsKind;
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(errs) => {
                for e in errs {
                    let message = e
                        .message
                        .as_ref()
                        .map(|m| m.to_string())
                        .unwrap_or_else(|| default_message(&e.code, &e.params));
                    out.push(FieldError::new(path.clone(), e.code.to_string(), message));
                }
            }
            ValidationErrorsKind::Struct(inner) => collect(inner, path, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    collect(inner, format!("{path}[{i}]"), out);
                }
            }
        }
    }
}

fn default_message(
    code: &str,
    params: &std::collections::HashMap<std::borrow::Cow<'static, str>, serde_json::Value>,
) -> String {
    match code {
        "length" => match (params.get("min"), params.get("max")) {
            (Some(min), Some(max)) => format!("Must be between {min} and {max} characters long."),
            (Some(min), None) => format!("Must be at least {min} characters long."),
            (None, Some(max)) => format!("Must be at most {max} characters long."),
            _ => "Has an invalid length.".to_owned(),
        },
        "range" => match (params.get("min"), params.get("max")) {
            (Some(min), Some(max)) => format!("Must be between {min} and {max}."),
            (Some(min), None) => format!("Must be at least {min}."),
            (None, Some(max)) => format!("Must be at most {max}."),
            _ => "Is out of range.".to_owned(),
        },
        "email" => "Must be a valid email address.".to_owned(),
        "required" => "Is required.".to_owned(),
        "url" => "Must be a valid URL.".to_owned(),
        other => format!("Is invalid ({other})."),
    }
}

/// Runs validator on `input` and turns a failure into [`ServiceError::Validation`].
pub fn validate<T: validator::Validate>(input: &T) -> ServiceResult<()> {
    input
        .validate()
        .map_err(|e| ServiceError::Validation(validation_errors(&e)))
}
