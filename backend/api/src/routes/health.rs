//! Liveness and readiness probes (outside /api/v1, unauthenticated).

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(healthz, readyz))]
pub struct Doc;

#[derive(Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: String,
}

/// The process is alive.
#[utoipa::path(tag = "health", responses((status = 200, body = Health)))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: "ok".into(),
    })
}

/// The database answers and every migration is applied.
#[utoipa::path(tag = "health", responses((status = 200, body = Health), (status = 503, body = Health)))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    if kinerja_service::is_ready(&state.services).await {
        HttpResponse::Ok().json(Health {
            status: "ready".into(),
        })
    } else {
        HttpResponse::ServiceUnavailable().json(Health {
            status: "not_ready".into(),
        })
    }
}
