//! Progress of a cycle against its deadlines, per unit with subtree totals.

use actix_web::{HttpResponse, get, web};
use kinerja_service::progress::{self, CycleProgress, ProgressQuery};
use utoipa::OpenApi;
use uuid::Uuid;

use crate::extract::Caller;
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(get_cycle_progress))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(get_cycle_progress);
}

/// Per unit (own and subtree) and for the agency: plans drafted/submitted/approved,
/// indicators realized for the period, 360 requests answered, evaluations rated,
/// organisation predicates set, and what is overdue once the period's fill-in deadline has
/// passed. HR, auditors and clients with `reports:read`.
#[utoipa::path(tag = "progress", security(("bearer" = []), ("oauth2" = ["reports:read"])),
    params(("cycle_id" = Uuid, Path, description = "Cycle id"), ProgressQuery),
    responses((status = 200, body = CycleProgress), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 422, body = Problem)))]
#[get("/cycles/{cycle_id}/progress")]
pub async fn get_cycle_progress(
    state: web::Data<AppState>,
    caller: Caller,
    cycle_id: web::Path<Uuid>,
    query: web::Query<ProgressQuery>,
) -> ApiResult<HttpResponse> {
    let out = progress::get_progress(
        &state.services,
        caller.ctx(),
        cycle_id.into_inner(),
        query.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(out))
}
