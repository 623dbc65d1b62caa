//! Plans (SKP): content, workflow, revisions, the role–result matrix and bulk creation.
//! HTTP only: every decision is in kinerja_service::plans.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, put, web};
use kinerja_service::pagination::{Page, PageParams};
use kinerja_service::plans::{
    self, Annexes, BulkCreatePlans, BulkPlansReport, CascadeOptions, CascadeResult,
    CascadeWorkResult, CreateIndicator, CreatePlan, CreateWorkResult, ExpectationInput,
    ExpectationView, IndicatorView, ListPlansQuery, PlanAllowedActions, PlanSummary, PlanView,
    ReassignAppraiser, ReturnPlan, UpdateIndicator, UpdatePlan, UpdateWorkResult, WorkResultView,
};
use utoipa::OpenApi;
use uuid::Uuid;

use crate::extract::{Caller, etag, if_match};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(
    create_plan,
    list_plans,
    get_plan,
    update_plan,
    get_plan_allowed_actions,
    get_plan_cascade_options,
    create_work_result,
    update_work_result,
    delete_work_result,
    create_indicator,
    update_indicator,
    delete_indicator,
    put_plan_expectations,
    put_plan_annexes,
    submit_plan,
    review_plan,
    approve_plan,
    return_plan,
    revise_plan,
    cancel_plan,
    reassign_plan_appraiser,
    cascade_work_result,
    bulk_create_plans
))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(create_plan)
        .service(list_plans)
        .service(get_plan)
        .service(update_plan)
        .service(get_plan_allowed_actions)
        .service(get_plan_cascade_options)
        .service(create_work_result)
        .service(update_work_result)
        .service(delete_work_result)
        .service(create_indicator)
        .service(update_indicator)
        .service(delete_indicator)
        .service(put_plan_expectations)
        .service(put_plan_annexes)
        .service(submit_plan)
        .service(review_plan)
        .service(approve_plan)
        .service(return_plan)
        .service(revise_plan)
        .service(cancel_plan)
        .service(reassign_plan_appraiser)
        .service(cascade_work_result)
        .service(bulk_create_plans);
}

fn plan_response(status: actix_web::http::StatusCode, p: PlanView) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header(etag(p.header.version))
        .json(p)
}

/// Starts a draft plan (SKP) for an employee: the employee themself while the cycle is in
/// planning or running, or HR. Dates default to the cycle's and must lie within it; an
/// employee may have several plans in a cycle when their dates do not overlap (a position
/// change). The form (JPT or non-JPT) follows the employee's position; the appraiser and the
/// appraiser's superior come from the appraiser assignment valid on the first day (422
/// `no_appraiser` when there is none).
#[utoipa::path(tag = "plans", security(("bearer" = [])), request_body = CreatePlan,
    responses((status = 201, body = PlanView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 409, body = Problem, description = "plan_overlaps, cycle_closed, cycle_not_open_for_plans"),
              (status = 422, body = Problem, description = "validation, no_appraiser")))]
#[post("/plans")]
pub async fn create_plan(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<CreatePlan>,
) -> ApiResult<HttpResponse> {
    let p = plans::create_plan(&state.services, caller.ctx(), body.into_inner()).await?;
    Ok(plan_response(actix_web::http::StatusCode::CREATED, p))
}

/// Lists plans the caller may see: HR and auditors every plan of the agency; an employee
/// their own and those they appraise. `appraiser_employee_id=me` gives the plans the caller
/// must review.
#[utoipa::path(tag = "plans", security(("bearer" = [])), params(ListPlansQuery, PageParams),
    responses((status = 200, body = Page<PlanSummary>), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
#[get("/plans")]
pub async fn list_plans(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListPlansQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<PlanSummary>>> {
    Ok(web::Json(
        plans::list_plans(
            &state.services,
            caller.ctx(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}

/// A full plan: work results with indicators, the seven BerAKHLAK core values with their
/// guidelines and the leader's expectations, the three annexes, and every revision.
#[utoipa::path(tag = "plans", security(("bearer" = [])), params(("plan_id" = Uuid, Path, description = "Plan id")),
    responses((status = 200, body = PlanView, headers(("ETag" = String))), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/plans/{plan_id}")]
pub async fn get_plan(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let p = plans::get_plan(&state.services, caller.ctx(), plan_id.into_inner()).await?;
    Ok(plan_response(actix_web::http::StatusCode::OK, p))
}

/// Changes a draft plan's approach or dates (the plan's employee or HR).
#[utoipa::path(tag = "plans", security(("bearer" = [])), request_body = UpdatePlan,
    params(("plan_id" = Uuid, Path, description = "Plan id"), ("If-Match" = String, Header, description = "ETag of the version read")),
    responses((status = 200, body = PlanView, headers(("ETag" = String))), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "plan_not_draft, plan_overlaps, cycle_closed"),
              (status = 412, body = Problem), (status = 422, body = Problem), (status = 428, body = Problem)))]
#[patch("/plans/{plan_id}")]
pub async fn update_plan(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    plan_id: web::Path<Uuid>,
    body: web::Json<UpdatePlan>,
) -> ApiResult<HttpResponse> {
    let p = plans::update_plan(
        &state.services,
        caller.ctx(),
        plan_id.into_inner(),
        if_match(&req),
        body.into_inner(),
    )
    .await?;
    Ok(plan_response(actix_web::http::StatusCode::OK, p))
}

/// The workflow actions the caller may take on the plan now, and whether they may edit it.
#[utoipa::path(tag = "plans", security(("bearer" = [])), params(("plan_id" = Uuid, Path, description = "Plan id")),
    responses((status = 200, body = PlanAllowedActions), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/plans/{plan_id}/allowed-actions")]
pub async fn get_plan_allowed_actions(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
) -> ApiResult<web::Json<PlanAllowedActions>> {
    Ok(web::Json(
        plans::allowed_plan_actions(&state.services, caller.ctx(), plan_id.into_inner()).await?,
    ))
}

/// The work results of the appraiser's approved plan that this plan's main results may
/// cascade from; 422 `appraiser_plan_not_approved` (naming the appraiser) when there is none yet.
#[utoipa::path(tag = "plans", security(("bearer" = [])), params(("plan_id" = Uuid, Path, description = "Plan id")),
    responses((status = 200, body = CascadeOptions), (status = 401, body = Problem), (status = 404, body = Problem),
              (status = 422, body = Problem, description = "appraiser_plan_not_approved")))]
#[get("/plans/{plan_id}/cascade-options")]
pub async fn get_plan_cascade_options(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
) -> ApiResult<web::Json<CascadeOptions>> {
    Ok(web::Json(
        plans::cascade_options(&state.services, caller.ctx(), plan_id.into_inner()).await?,
    ))
}

/// Adds a work result (RHK) to a draft plan. A non-JPT main result must cascade from a work
/// result of the appraiser's approved plan in the same cycle (`cascades_from_id`; 422
/// `appraiser_plan_not_approved` when the appraiser has none yet); a JPT main result records
/// who assigned it (`assigned_by`); `perspective` applies to JPT quantitative plans only.
#[utoipa::path(tag = "plans", security(("bearer" = [])), request_body = CreateWorkResult,
    params(("plan_id" = Uuid, Path, description = "Plan id")),
    responses((status = 201, body = WorkResultView), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "plan_not_draft, cycle_closed"),
              (status = 422, body = Problem, description = "validation, appraiser_plan_not_approved")))]
#[post("/plans/{plan_id}/work-results")]
pub async fn create_work_result(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
    body: web::Json<CreateWorkResult>,
) -> ApiResult<HttpResponse> {
    let w = plans::create_work_result(
        &state.services,
        caller.ctx(),
        plan_id.into_inner(),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Created().json(w))
}

/// Changes a work result of a draft plan; absent fields stay, `null` clears. The result is
/// checked as a whole, as on creation.
#[utoipa::path(tag = "plans", security(("bearer" = [])), request_body = UpdateWorkResult,
    params(("work_result_id" = Uuid, Path, description = "Work result id")),
    responses((status = 200, body = WorkResultView), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "plan_not_draft, cycle_closed"),
              (status = 422, body = Problem, description = "validation, appraiser_plan_not_approved")))]
#[patch("/work-results/{work_result_id}")]
pub async fn update_work_result(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: web::Json<UpdateWorkResult>,
) -> ApiResult<web::Json<WorkResultView>> {
    Ok(web::Json(
        plans::update_work_result(
            &state.services,
            caller.ctx(),
            id.into_inner(),
            body.into_inner(),
        )
        .await?,
    ))
}

/// Removes a work result and its indicators from a draft plan.
#[utoipa::path(tag = "plans", security(("bearer" = [])), params(("work_result_id" = Uuid, Path, description = "Work result id")),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem, description = "plan_not_draft, work_result_cascaded, cycle_closed")))]
#[delete("/work-results/{work_result_id}")]
pub async fn delete_work_result(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    plans::delete_work_result(&state.services, caller.ctx(), id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Adds an indicator (IKI) to a work result of a draft plan. Targets are decimal strings: a
/// single `target`, or `target_min` ≤ `target_max`; quantitative plans need a target,
/// qualitative plans a `target_text`.
#[utoipa::path(tag = "plans", security(("bearer" = [])), request_body = CreateIndicator,
    params(("work_result_id" = Uuid, Path, description = "Work result id")),
    responses((status = 201, body = IndicatorView), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "plan_not_draft, cycle_closed"),
              (status = 422, body = Problem)))]
#[post("/work-results/{work_result_id}/indicators")]
pub async fn create_indicator(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: web::Json<CreateIndicator>,
) -> ApiResult<HttpResponse> {
    let i = plans::create_indicator(
        &state.services,
        caller.ctx(),
        id.into_inner(),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Created().json(i))
}

/// Changes an indicator of a draft plan; checked as a whole, as on creation.
#[utoipa::path(tag = "plans", security(("bearer" = [])), request_body = UpdateIndicator,
    params(("indicator_id" = Uuid, Path, description = "Indicator id")),
    responses((status = 200, body = IndicatorView), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "plan_not_draft, cycle_closed"),
              (status = 422, body = Problem)))]
#[patch("/indicators/{indicator_id}")]
pub async fn update_indicator(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: web::Json<UpdateIndicator>,
) -> ApiResult<web::Json<IndicatorView>> {
    Ok(web::Json(
        plans::update_indicator(
            &state.services,
            caller.ctx(),
            id.into_inner(),
            body.into_inner(),
        )
        .await?,
    ))
}

/// Removes an indicator from a draft plan.
#[utoipa::path(tag = "plans", security(("bearer" = [])), params(("indicator_id" = Uuid, Path, description = "Indicator id")),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem, description = "plan_not_draft, cycle_closed")))]
#[delete("/indicators/{indicator_id}")]
pub async fn delete_indicator(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    plans::delete_indicator(&state.services, caller.ctx(), id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Replaces the leader's specific expectations per core value (ekspektasi khusus pimpinan),
/// all at once; returns the seven core values with their guidelines.
#[utoipa::path(tag = "plans", security(("bearer" = [])), request_body = Vec<ExpectationInput>,
    params(("plan_id" = Uuid, Path, description = "Plan id")),
    responses((status = 200, body = Vec<ExpectationView>), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "plan_not_draft, cycle_closed"),
              (status = 422, body = Problem)))]
#[put("/plans/{plan_id}/expectations")]
pub async fn put_plan_expectations(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
    body: web::Json<Vec<ExpectationInput>>,
) -> ApiResult<web::Json<Vec<ExpectationView>>> {
    Ok(web::Json(
        plans::put_expectations(
            &state.services,
            caller.ctx(),
            plan_id.into_inner(),
            body.into_inner(),
        )
        .await?,
    ))
}

/// Replaces the three annex lists (lampiran SKP): resources, accountability, consequences.
#[utoipa::path(tag = "plans", security(("bearer" = [])), request_body = Annexes,
    params(("plan_id" = Uuid, Path, description = "Plan id")),
    responses((status = 200, body = Annexes), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "plan_not_draft, cycle_closed"),
              (status = 422, body = Problem)))]
#[put("/plans/{plan_id}/annexes")]
pub async fn put_plan_annexes(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
    body: web::Json<Annexes>,
) -> ApiResult<web::Json<Annexes>> {
    Ok(web::Json(
        plans::put_annexes(
            &state.services,
            caller.ctx(),
            plan_id.into_inner(),
            body.into_inner(),
        )
        .await?,
    ))
}

/// Submits a draft plan to the appraiser (ajukan): needs at least one main work result, each
/// with an indicator, and for non-JPT plans every main result cascading from the appraiser's
/// approved plan. The appraiser is resolved again from the assignments.
#[utoipa::path(tag = "plans", security(("bearer" = [])), params(("plan_id" = Uuid, Path, description = "Plan id")),
    responses((status = 200, body = PlanView, headers(("ETag" = String))), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "illegal_transition, cycle_closed"),
              (status = 422, body = Problem, description = "no_main_work_result, work_result_without_indicator, work_result_not_cascaded, appraiser_plan_not_approved, no_appraiser")))]
#[post("/plans/{plan_id}/submit")]
pub async fn submit_plan(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let p = plans::submit_plan(&state.services, caller.ctx(), plan_id.into_inner()).await?;
    Ok(plan_response(actix_web::http::StatusCode::OK, p))
}

/// Records the review by the Pengelola Kinerja (HR) of a submitted plan (reviu, PP 30/2019),
/// when the cycle's policy `require_hr_review` is on: the plan becomes `reviewed` and the
/// appraiser may approve it. HR may instead return it with a reason. agency_admin only.
#[utoipa::path(tag = "plans", security(("bearer" = [])), params(("plan_id" = Uuid, Path, description = "Plan id")),
    responses((status = 200, body = PlanView, headers(("ETag" = String))), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "illegal_transition, cycle_closed, hr_review_not_required")))]
#[post("/plans/{plan_id}/review")]
pub async fn review_plan(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let p = plans::review_plan(&state.services, caller.ctx(), plan_id.into_inner()).await?;
    Ok(plan_response(actix_web::http::StatusCode::OK, p))
}

/// Approves a submitted plan (setujui): the plan's appraiser. HR approves in the appraiser's
/// place only when the appraiser has no account in Kinerja (an external appraiser, or an
/// official without login). Approving a revision supersedes the plan it revises.
#[utoipa::path(tag = "plans", security(("bearer" = [])), params(("plan_id" = Uuid, Path, description = "Plan id")),
    responses((status = 200, body = PlanView, headers(("ETag" = String))), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "illegal_transition, cycle_closed, hr_review_pending (the cycle requires the HR review first)")))]
#[post("/plans/{plan_id}/approve")]
pub async fn approve_plan(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let p = plans::approve_plan(&state.services, caller.ctx(), plan_id.into_inner()).await?;
    Ok(plan_response(actix_web::http::StatusCode::OK, p))
}

/// Returns a submitted plan to the employee with a reason (kembalikan): back to draft.
#[utoipa::path(tag = "plans", security(("bearer" = [])), request_body = ReturnPlan,
    params(("plan_id" = Uuid, Path, description = "Plan id")),
    responses((status = 200, body = PlanView, headers(("ETag" = String))), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "illegal_transition, cycle_closed"),
              (status = 422, body = Problem)))]
#[post("/plans/{plan_id}/return")]
pub async fn return_plan(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
    body: web::Json<ReturnPlan>,
) -> ApiResult<HttpResponse> {
    let p = plans::return_plan(
        &state.services,
        caller.ctx(),
        plan_id.into_inner(),
        body.into_inner(),
    )
    .await?;
    Ok(plan_response(actix_web::http::StatusCode::OK, p))
}

/// Opens a new draft revision of an approved plan (a mid-year change), copying all content.
/// The approved plan stays in force, and readable, until the revision is approved; then it
/// becomes `superseded`. Answers the new revision.
#[utoipa::path(tag = "plans", security(("bearer" = [])), params(("plan_id" = Uuid, Path, description = "Plan id")),
    responses((status = 201, body = PlanView, headers(("ETag" = String))), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "illegal_transition, revision_exists, cycle_closed")))]
#[post("/plans/{plan_id}/revise")]
pub async fn revise_plan(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let p = plans::revise_plan(&state.services, caller.ctx(), plan_id.into_inner()).await?;
    Ok(plan_response(actix_web::http::StatusCode::CREATED, p))
}

/// Cancels a plan (HR): batalkan.
#[utoipa::path(tag = "plans", security(("bearer" = [])), params(("plan_id" = Uuid, Path, description = "Plan id")),
    responses((status = 200, body = PlanView, headers(("ETag" = String))), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "illegal_transition, cycle_closed")))]
#[post("/plans/{plan_id}/cancel")]
pub async fn cancel_plan(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let p = plans::cancel_plan(&state.services, caller.ctx(), plan_id.into_inner()).await?;
    Ok(plan_response(actix_web::http::StatusCode::OK, p))
}

/// Sets the plan's appraiser by hand (HR), e.g. when the assignment was wrong; audited.
#[utoipa::path(tag = "plans", security(("bearer" = [])), request_body = ReassignAppraiser,
    params(("plan_id" = Uuid, Path, description = "Plan id")),
    responses((status = 200, body = PlanView, headers(("ETag" = String))), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "plan_terminal, cycle_closed"),
              (status = 422, body = Problem)))]
#[post("/plans/{plan_id}/reassign-appraiser")]
pub async fn reassign_plan_appraiser(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
    body: web::Json<ReassignAppraiser>,
) -> ApiResult<HttpResponse> {
    let p = plans::reassign_appraiser(
        &state.services,
        caller.ctx(),
        plan_id.into_inner(),
        body.into_inner(),
    )
    .await?;
    Ok(plan_response(actix_web::http::StatusCode::OK, p))
}

/// The role–result matrix (matriks pembagian peran dan hasil): cascades one work result of
/// the leader's approved plan to several subordinates at once. Each subordinate's draft plan
/// in the cycle gets a main work result cascading from it (with the given indicators). All or
/// nothing: any subordinate without a draft plan, or not appraised by the leader, is listed in
/// the 422 `errors` (`employee_ids[i]`) and nothing is written.
#[utoipa::path(tag = "plans", security(("bearer" = [])), request_body = CascadeWorkResult,
    params(("plan_id" = Uuid, Path, description = "The leader's plan id"), ("work_result_id" = Uuid, Path, description = "Work result to cascade")),
    responses((status = 201, body = CascadeResult), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "plan_not_approved, cycle_closed"),
              (status = 422, body = Problem)))]
#[post("/plans/{plan_id}/work-results/{work_result_id}/cascade")]
pub async fn cascade_work_result(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<CascadeWorkResult>,
) -> ApiResult<HttpResponse> {
    let (plan_id, wr_id) = path.into_inner();
    let r = plans::cascade_work_result(
        &state.services,
        caller.ctx(),
        plan_id,
        wr_id,
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Created().json(r))
}

/// Creates draft plans from a template for every active employee of a unit (optionally with
/// its subunits) who has no plan in the cycle yet (HR). Reports who got a plan and who was
/// skipped and why (`has_plan`, `no_appraiser`). Template main results of non-JPT plans carry
/// no cascade: each employee chooses it before submitting.
#[utoipa::path(tag = "plans", security(("bearer" = [])), request_body = BulkCreatePlans,
    params(("cycle_id" = Uuid, Path, description = "Cycle id")),
    responses((status = 200, body = BulkPlansReport), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "cycle_closed"),
              (status = 422, body = Problem)))]
#[post("/cycles/{cycle_id}/plans/bulk")]
pub async fn bulk_create_plans(
    state: web::Data<AppState>,
    caller: Caller,
    cycle_id: web::Path<Uuid>,
    body: web::Json<BulkCreatePlans>,
) -> ApiResult<web::Json<BulkPlansReport>> {
    Ok(web::Json(
        plans::bulk_create_plans(
            &state.services,
            caller.ctx(),
            cycle_id.into_inner(),
            body.into_inner(),
        )
        .await?,
    ))
}
