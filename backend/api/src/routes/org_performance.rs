//! Organisation predicates, the distribution curve, calibration and leniency.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use kinerja_service::org_performance::{
    self, Calibrate, CalibrationRow, CalibrationView, DistributionOverride, LeniencyReport,
    OrgPerformanceView, PeriodDistribution, SetOrgPerformance, UnitFilter,
};
use kinerja_service::pagination::{Page, PageParams};
use utoipa::OpenApi;
use uuid::Uuid;

use crate::extract::{Caller, etag, if_match};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(
    get_org_performance,
    set_org_performance,
    override_distribution,
    get_period_distribution,
    list_period_calibration,
    calibrate_evaluation,
    get_period_leniency
))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(get_org_performance)
        .service(set_org_performance)
        .service(override_distribution)
        .service(get_period_distribution)
        .service(list_period_calibration)
        .service(calibrate_evaluation)
        .service(get_period_leniency);
}

/// The unit's organisation predicate for the period, with its basis, who set it and the
/// distribution override reason; 404 `org_performance` when none is set. Read by HR,
/// auditors, report clients and whoever may set it; the ETag is for the next PUT.
#[utoipa::path(tag = "distribution", security(("bearer" = []), ("oauth2" = ["reports:read"])),
    params(("unit_id" = Uuid, Path, description = "Unit id"), ("period_id" = Uuid, Path, description = "Period id")),
    responses((status = 200, body = OrgPerformanceView, headers(("ETag" = String))), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem)))]
#[get("/units/{unit_id}/org-performance/{period_id}")]
pub async fn get_org_performance(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (unit_id, period_id) = path.into_inner();
    let out =
        org_performance::get_org_performance(&state.services, caller.ctx(), unit_id, period_id)
            .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(out.version))
        .json(out))
}

/// Sets the unit's organisation predicate for the period (SE MenPANRB 3/2023), by HR or the
/// leader of the organisation above: the current appraiser of the unit's head (for a unit
/// without a head, the head of the nearest ancestor unit that has one). Changing a predicate
/// already set needs `reason` (422 `reason`). If-Match is optional and checked when sent.
#[utoipa::path(tag = "distribution", security(("bearer" = [])), request_body = SetOrgPerformance,
    params(("unit_id" = Uuid, Path, description = "Unit id"), ("period_id" = Uuid, Path, description = "Period id"),
           ("If-Match" = Option<String>, Header, description = "ETag of the version read")),
    responses((status = 200, body = OrgPerformanceView, headers(("ETag" = String))), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "period_finalised"),
              (status = 412, body = Problem), (status = 422, body = Problem)))]
#[put("/units/{unit_id}/org-performance/{period_id}")]
pub async fn set_org_performance(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<SetOrgPerformance>,
) -> ApiResult<HttpResponse> {
    let (unit_id, period_id) = path.into_inner();
    let out = org_performance::set_org_performance(
        &state.services,
        caller.ctx(),
        unit_id,
        period_id,
        if_match(&req),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(out.version))
        .json(out))
}

/// HR's justification for a unit whose distribution breaks the curve (soft enforcement).
#[utoipa::path(tag = "distribution", security(("bearer" = [])), request_body = DistributionOverride,
    params(("unit_id" = Uuid, Path, description = "Unit id"), ("period_id" = Uuid, Path, description = "Period id")),
    responses((status = 200, body = OrgPerformanceView, headers(("ETag" = String))), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "no_organisation_predicate"), (status = 422, body = Problem)))]
#[put("/units/{unit_id}/org-performance/{period_id}/override")]
pub async fn override_distribution(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<DistributionOverride>,
) -> ApiResult<HttpResponse> {
    let (unit_id, period_id) = path.into_inner();
    let out = org_performance::override_distribution(
        &state.services,
        caller.ctx(),
        unit_id,
        period_id,
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(out.version))
        .json(out))
}

/// The live distribution ("Monitoring Kurva"): per unit and for the agency, counts and shares
/// per predicate against the curve of the unit's organisation predicate, every violation
/// with its rule, limit and actual figure, the enforcement mode and the override reason.
#[utoipa::path(tag = "distribution", security(("bearer" = []), ("oauth2" = ["reports:read"])),
    params(("period_id" = Uuid, Path, description = "Period id"), UnitFilter),
    responses((status = 200, body = PeriodDistribution), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[get("/periods/{period_id}/distribution")]
pub async fn get_period_distribution(
    state: web::Data<AppState>,
    caller: Caller,
    period_id: web::Path<Uuid>,
    query: web::Query<UnitFilter>,
) -> ApiResult<HttpResponse> {
    let out = org_performance::get_distribution(
        &state.services,
        caller.ctx(),
        period_id.into_inner(),
        query.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// HR's calibration sheet: each rated evaluation's predicate as rated and after calibration.
#[utoipa::path(tag = "distribution", security(("bearer" = [])),
    params(("period_id" = Uuid, Path, description = "Period id"), UnitFilter, PageParams),
    responses((status = 200, body = Page<CalibrationRow>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[get("/periods/{period_id}/calibration")]
pub async fn list_period_calibration(
    state: web::Data<AppState>,
    caller: Caller,
    period_id: web::Path<Uuid>,
    query: web::Query<UnitFilter>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let out = org_performance::list_calibration(
        &state.services,
        caller.ctx(),
        period_id.into_inner(),
        query.into_inner(),
        page.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// HR calibrates a rated evaluation's predicate before finalisation, with a reason; the
/// rated predicate is kept (409 `not_calibratable` in any other state).
#[utoipa::path(tag = "distribution", security(("bearer" = [])), request_body = Calibrate,
    params(("evaluation_id" = Uuid, Path, description = "Evaluation id")),
    responses((status = 200, body = CalibrationView), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "not_calibratable"), (status = 422, body = Problem)))]
#[post("/evaluations/{evaluation_id}/calibrate")]
pub async fn calibrate_evaluation(
    state: web::Data<AppState>,
    caller: Caller,
    evaluation_id: web::Path<Uuid>,
    body: web::Json<Calibrate>,
) -> ApiResult<HttpResponse> {
    let out = org_performance::calibrate_evaluation(
        &state.services,
        caller.ctx(),
        evaluation_id.into_inner(),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Each appraiser's predicate distribution against their unit's, with a leniency index
/// (share of very good + good minus the unit's), most lenient first. HR and auditors.
#[utoipa::path(tag = "distribution", security(("bearer" = [])),
    params(("period_id" = Uuid, Path, description = "Period id")),
    responses((status = 200, body = LeniencyReport), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[get("/periods/{period_id}/leniency")]
pub async fn get_period_leniency(
    state: web::Data<AppState>,
    caller: Caller,
    period_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let out = org_performance::get_leniency(&state.services, caller.ctx(), period_id.into_inner())
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
