//! Cycles (tahun penilaian) and their periods: creation, policies, the cycle state machine.
//! HTTP only: every decision is in kinerja_service::cycles.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use kinerja_service::cycles::{
    self, CreateCycle, CycleAllowedActions, CycleTransition, CycleView, ListCyclesQuery,
    PeriodView, UpdateCycle, UpdatePeriod,
};
use kinerja_service::pagination::{Page, PageParams};
use utoipa::OpenApi;
use uuid::Uuid;

use crate::extract::{Caller, etag, if_match};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(
    create_cycle,
    list_cycles,
    get_cycle,
    update_cycle,
    transition_cycle,
    get_cycle_allowed_actions,
    update_period
))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(create_cycle)
        .service(list_cycles)
        .service(get_cycle)
        .service(update_cycle)
        .service(transition_cycle)
        .service(get_cycle_allowed_actions)
        .service(update_period);
}

/// Creates the agency's appraisal cycle for a year (HR), in status `draft`, with its periods:
/// 12 months ("Januari"...), 4 quarters ("Triwulan I"...) or 2 semesters ("Semester I",
/// "Semester II"), plus the final annual period ("Tahunan"). Each period's fill-in deadline is
/// `fill_deadline_days` (default 10) after its end. `policies` may be partial: missing fields
/// take their documented defaults. One cycle per agency and year (409 `cycle_exists`).
#[utoipa::path(tag = "cycles", security(("bearer" = [])), request_body = CreateCycle,
    responses((status = 201, body = CycleView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 409, body = Problem, description = "cycle_exists"),
              (status = 422, body = Problem, description = "validation (year, dates, policies)")))]
#[post("/cycles")]
pub async fn create_cycle(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<CreateCycle>,
) -> ApiResult<HttpResponse> {
    let c = cycles::create_cycle(&state.services, caller.ctx(), body.into_inner()).await?;
    Ok(HttpResponse::Created()
        .insert_header(etag(c.version))
        .json(c))
}

/// Lists the agency's cycles, latest year first. Anyone of the agency may read them.
#[utoipa::path(tag = "cycles", security(("bearer" = [])), params(ListCyclesQuery, PageParams),
    responses((status = 200, body = Page<CycleView>), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
#[get("/cycles")]
pub async fn list_cycles(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListCyclesQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<CycleView>>> {
    Ok(web::Json(
        cycles::list_cycles(
            &state.services,
            caller.ctx(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}

/// A cycle with its periods.
#[utoipa::path(tag = "cycles", security(("bearer" = [])),
    params(("cycle_id" = Uuid, Path, description = "Cycle id")),
    responses((status = 200, body = CycleView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/cycles/{cycle_id}")]
pub async fn get_cycle(
    state: web::Data<AppState>,
    caller: Caller,
    cycle_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let c = cycles::get_cycle(&state.services, caller.ctx(), cycle_id.into_inner()).await?;
    Ok(HttpResponse::Ok().insert_header(etag(c.version)).json(c))
}

/// Renames a cycle or changes its policies (merged into the current ones), while it is draft
/// or planning (409 `cycle_not_editable` later, `cycle_closed` once closed). HR only.
#[utoipa::path(tag = "cycles", security(("bearer" = [])), request_body = UpdateCycle,
    params(("cycle_id" = Uuid, Path, description = "Cycle id"),
           ("If-Match" = String, Header, description = "ETag of the version read")),
    responses((status = 200, body = CycleView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem, description = "cycle_not_editable, cycle_closed"),
              (status = 412, body = Problem), (status = 422, body = Problem), (status = 428, body = Problem)))]
#[patch("/cycles/{cycle_id}")]
pub async fn update_cycle(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    cycle_id: web::Path<Uuid>,
    body: web::Json<UpdateCycle>,
) -> ApiResult<HttpResponse> {
    let c = cycles::update_cycle(
        &state.services,
        caller.ctx(),
        cycle_id.into_inner(),
        if_match(&req),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(c.version)).json(c))
}

/// Moves the cycle through its life: `open_planning` (draft → planning), `start` (planning →
/// running), `begin_closing` (running → closing), `close` (closing → closed; read-only from
/// then on). HR only; an action not available from the current state is 409
/// `illegal_transition`, naming the state.
#[utoipa::path(tag = "cycles", security(("bearer" = [])), request_body = CycleTransition,
    params(("cycle_id" = Uuid, Path, description = "Cycle id")),
    responses((status = 200, body = CycleView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem, description = "illegal_transition"),
              (status = 422, body = Problem, description = "unknown action")))]
#[post("/cycles/{cycle_id}/transitions")]
pub async fn transition_cycle(
    state: web::Data<AppState>,
    caller: Caller,
    cycle_id: web::Path<Uuid>,
    body: web::Json<CycleTransition>,
) -> ApiResult<HttpResponse> {
    let c = cycles::transition_cycle(
        &state.services,
        caller.ctx(),
        cycle_id.into_inner(),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(c.version)).json(c))
}

/// The transitions the caller may take now (none unless HR).
#[utoipa::path(tag = "cycles", security(("bearer" = [])),
    params(("cycle_id" = Uuid, Path, description = "Cycle id")),
    responses((status = 200, body = CycleAllowedActions),
              (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/cycles/{cycle_id}/allowed-actions")]
pub async fn get_cycle_allowed_actions(
    state: web::Data<AppState>,
    caller: Caller,
    cycle_id: web::Path<Uuid>,
) -> ApiResult<web::Json<CycleAllowedActions>> {
    Ok(web::Json(
        cycles::allowed_cycle_actions(&state.services, caller.ctx(), cycle_id.into_inner()).await?,
    ))
}

/// Renames a period or moves its fill-in deadline (HR; not before the period's end). Periods
/// carry no version, so no If-Match is needed; the change is audited.
#[utoipa::path(tag = "cycles", security(("bearer" = [])), request_body = UpdatePeriod,
    params(("period_id" = Uuid, Path, description = "Period id")),
    responses((status = 200, body = PeriodView),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem, description = "cycle_closed"),
              (status = 422, body = Problem)))]
#[patch("/periods/{period_id}")]
pub async fn update_period(
    state: web::Data<AppState>,
    caller: Caller,
    period_id: web::Path<Uuid>,
    body: web::Json<UpdatePeriod>,
) -> ApiResult<web::Json<PeriodView>> {
    Ok(web::Json(
        cycles::update_period(
            &state.services,
            caller.ctx(),
            period_id.into_inner(),
            body.into_inner(),
        )
        .await?,
    ))
}
