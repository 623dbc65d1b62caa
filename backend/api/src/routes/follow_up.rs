//! Follow-up (tindak lanjut) reports over set results: award candidates, development needs,
//! promotion eligibility, credit points and PPPK contract recommendations. Read-only.
//! HR and auditors (API clients: reports:read) see the agency; employees only their own rows.

use actix_web::{get, web};
use kinerja_service::follow_up::{
    self, AwardCandidate, CreditPoints, CycleReportQuery, DevelopmentNeed, PppkContract,
    PromotionEligibility, PromotionQuery,
};
use kinerja_service::pagination::{Page, PageParams};
use utoipa::OpenApi;

use crate::extract::Caller;
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(
    list_award_candidates,
    list_development_needs,
    list_promotion_eligibility,
    list_credit_points,
    list_pppk_contracts
))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list_award_candidates)
        .service(list_development_needs)
        .service(list_promotion_eligibility)
        .service(list_credit_points)
        .service(list_pppk_contracts);
}

/// Annual results of Sangat Baik in the cycle, those with an innovation first.
#[utoipa::path(tag = "follow-up", security(("bearer" = []), ("oauth2" = ["reports:read"])),
    params(CycleReportQuery, PageParams),
    responses((status = 200, body = Page<AwardCandidate>), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[get("/follow-up/award-candidates")]
pub async fn list_award_candidates(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<CycleReportQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<AwardCandidate>>> {
    Ok(web::Json(
        follow_up::award_candidates(
            &state.services,
            caller.ctx(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}

/// Set results with results or behaviour below expectation, or core values rated below by
/// the appraiser or by most anonymous 360 raters, with suggested training topics.
#[utoipa::path(tag = "follow-up", security(("bearer" = []), ("oauth2" = ["reports:read"])),
    params(CycleReportQuery, PageParams),
    responses((status = 200, body = Page<DevelopmentNeed>), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[get("/follow-up/development-needs")]
pub async fn list_development_needs(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<CycleReportQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<DevelopmentNeed>>> {
    Ok(web::Json(
        follow_up::development_needs(
            &state.services,
            caller.ctx(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}

/// Regular promotion eligibility of the agency's PNS on `as_of`: years in rank and the annual
/// predicates of the preceding years, with the reasons when not eligible.
#[utoipa::path(tag = "follow-up", security(("bearer" = []), ("oauth2" = ["reports:read"])),
    params(PromotionQuery, PageParams),
    responses((status = 200, body = Page<PromotionEligibility>), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem)))]
#[get("/follow-up/promotion-eligibility")]
pub async fn list_promotion_eligibility(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<PromotionQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<PromotionEligibility>>> {
    Ok(web::Json(
        follow_up::promotion_eligibility(
            &state.services,
            caller.ctx(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}

/// Angka kredit of functional positions from the annual predicate, annual and pro rata by the
/// months the plan covers.
#[utoipa::path(tag = "follow-up", security(("bearer" = []), ("oauth2" = ["reports:read"])),
    params(CycleReportQuery, PageParams),
    responses((status = 200, body = Page<CreditPoints>), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[get("/follow-up/credit-points")]
pub async fn list_credit_points(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<CycleReportQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<CreditPoints>>> {
    Ok(web::Json(
        follow_up::credit_points(
            &state.services,
            caller.ctx(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}

/// PPPK employees with their annual predicate and the contract recommendation: extend from
/// Baik up, review otherwise (configuration default).
#[utoipa::path(tag = "follow-up", security(("bearer" = []), ("oauth2" = ["reports:read"])),
    params(CycleReportQuery, PageParams),
    responses((status = 200, body = Page<PppkContract>), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[get("/follow-up/pppk-contract")]
pub async fn list_pppk_contracts(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<CycleReportQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<PppkContract>>> {
    Ok(web::Json(
        follow_up::pppk_contracts(
            &state.services,
            caller.ctx(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}
