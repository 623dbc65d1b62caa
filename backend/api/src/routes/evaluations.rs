//! Evaluations: generation per period, the employee's and the appraiser's moves, the
//! explanation of a predicate, the batch score of a cycle, finalisation of a period with the
//! distribution check, receipt, integrity verification and the end of the objection window.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use kinerja_service::evaluations::{
    self, ConcludeReport, EvaluationAllowedActions, EvaluationDetail, EvaluationView, Explanation,
    FinalisePeriod, FinaliseReport, GenerateReport, ListEvaluationsQuery, NumericBehaviour,
    RateEvaluation, ScoreSummary, SubmitEvaluation, VerifyReport,
};
use kinerja_service::pagination::{Page, PageParams};
use utoipa::OpenApi;
use uuid::Uuid;

use crate::extract::{Caller, etag, if_match};
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(
    generate_evaluations,
    list_evaluations,
    get_evaluation,
    get_evaluation_allowed_actions,
    start_evaluation,
    submit_evaluation,
    rate_evaluation,
    rate_numeric_behaviour,
    explain_evaluation,
    score_cycle,
    finalise_period,
    acknowledge_evaluation,
    verify_evaluation,
    conclude_period
))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(generate_evaluations)
        .service(list_evaluations)
        .service(get_evaluation)
        .service(get_evaluation_allowed_actions)
        .service(start_evaluation)
        .service(submit_evaluation)
        .service(rate_evaluation)
        .service(rate_numeric_behaviour)
        .service(explain_evaluation)
        .service(score_cycle)
        .service(finalise_period)
        .service(acknowledge_evaluation)
        .service(verify_evaluation)
        .service(conclude_period);
}

fn with_etag(v: EvaluationView) -> HttpResponse {
    HttpResponse::Ok().insert_header(etag(v.version)).json(v)
}

/// Creates one evaluation per approved plan overlapping the period (the annual period: one
/// per approved plan), with the plan's employee, unit, appraiser and superior and the cycle's
/// regime. Idempotent: existing evaluations are left untouched and counted as skipped. HR only.
#[utoipa::path(tag = "evaluations", security(("bearer" = [])),
    params(("period_id" = Uuid, Path, description = "Period id")),
    responses((status = 200, body = GenerateReport), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem)))]
#[post("/periods/{period_id}/evaluations/generate")]
pub async fn generate_evaluations(
    state: web::Data<AppState>,
    caller: Caller,
    period_id: web::Path<Uuid>,
) -> ApiResult<web::Json<GenerateReport>> {
    Ok(web::Json(
        evaluations::generate_evaluations(&state.services, caller.ctx(), period_id.into_inner())
            .await?,
    ))
}

/// Lists evaluations. HR and auditors (API clients: reports:read) see the agency; employees
/// see their own, those they rate (`appraiser=me` keeps only these) and those whose
/// objections they decide.
#[utoipa::path(tag = "evaluations", security(("bearer" = []), ("oauth2" = ["reports:read"])),
    params(ListEvaluationsQuery, PageParams),
    responses((status = 200, body = Page<EvaluationView>), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
#[get("/evaluations")]
pub async fn list_evaluations(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListEvaluationsQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<EvaluationView>>> {
    Ok(web::Json(
        evaluations::list_evaluations(
            &state.services,
            caller.ctx(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}

/// One evaluation. The appraiser, HR and auditors also get `inputs`: realization against
/// target per indicator with its capaian, the evidence, the continuous feedback and the 360
/// aggregates.
#[utoipa::path(tag = "evaluations", security(("bearer" = []), ("oauth2" = ["reports:read"])),
    params(("evaluation_id" = Uuid, Path, description = "Evaluation id")),
    responses((status = 200, body = EvaluationDetail, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/evaluations/{evaluation_id}")]
pub async fn get_evaluation(
    state: web::Data<AppState>,
    caller: Caller,
    evaluation_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let d = evaluations::get_evaluation(&state.services, caller.ctx(), evaluation_id.into_inner())
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(d.evaluation.version))
        .json(d))
}

/// The evaluated employee opens the evaluation to record realizations
/// (not_started -> filling). If-Match is optional.
#[utoipa::path(tag = "evaluations", security(("bearer" = [])),
    params(("evaluation_id" = Uuid, Path, description = "Evaluation id"),
           ("If-Match" = Option<String>, Header, description = "ETag of the version read (optional)")),
    responses((status = 200, body = EvaluationView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem, description = "illegal_transition"), (status = 412, body = Problem)))]
#[post("/evaluations/{evaluation_id}/start")]
pub async fn start_evaluation(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    evaluation_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let v = evaluations::start_evaluation(
        &state.services,
        caller.ctx(),
        evaluation_id.into_inner(),
        if_match(&req),
    )
    .await?;
    Ok(with_etag(v))
}

/// The evaluated employee hands in the period's realizations with a self-assessment
/// (filling -> awaiting_rating).
#[utoipa::path(tag = "evaluations", security(("bearer" = [])), request_body = SubmitEvaluation,
    params(("evaluation_id" = Uuid, Path, description = "Evaluation id"),
           ("If-Match" = Option<String>, Header, description = "ETag of the version read (optional)")),
    responses((status = 200, body = EvaluationView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem, description = "illegal_transition"), (status = 412, body = Problem),
              (status = 422, body = Problem)))]
#[post("/evaluations/{evaluation_id}/submit")]
pub async fn submit_evaluation(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    evaluation_id: web::Path<Uuid>,
    body: web::Json<SubmitEvaluation>,
) -> ApiResult<HttpResponse> {
    let v = evaluations::submit_evaluation(
        &state.services,
        caller.ctx(),
        evaluation_id.into_inner(),
        if_match(&req),
        body.into_inner(),
    )
    .await?;
    Ok(with_etag(v))
}

/// The appraiser rates results and behaviour (PermenPANRB 6/2022); the predicate is the
/// kuadran of the two. Only the plan's appraiser (the employee: 403
/// `self_rating_not_allowed`), only after the period has ended unless the cycle allows early
/// rating (422 `period_not_ended`). Above or below expectation needs a justification. When the
/// employee leads the unit, the result rating follows from the unit's organisation predicate
/// (422 `organisation_predicate_missing` when not set).
#[utoipa::path(tag = "evaluations", security(("bearer" = [])), request_body = RateEvaluation,
    params(("evaluation_id" = Uuid, Path, description = "Evaluation id"),
           ("If-Match" = String, Header, description = "ETag of the version read")),
    responses((status = 200, body = EvaluationView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem, description = "illegal_transition, numeric_regime, or annual_from_last_period (the cycle takes annual ratings from the last period)"),
              (status = 412, body = Problem), (status = 422, body = Problem), (status = 428, body = Problem)))]
#[put("/evaluations/{evaluation_id}/rating")]
pub async fn rate_evaluation(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    evaluation_id: web::Path<Uuid>,
    body: web::Json<RateEvaluation>,
) -> ApiResult<HttpResponse> {
    let v = evaluations::rate_evaluation(
        &state.services,
        caller.ctx(),
        evaluation_id.into_inner(),
        if_match(&req),
        body.into_inner(),
    )
    .await?;
    Ok(with_etag(v))
}

/// The appraiser enters the behaviour scores of a numeric regime (PP 46/2011 or PermenPANRB
/// 8/2021); the evaluation is scored at once from the plan's indicators and the period's
/// realizations, and the inputs and steps are kept in `numeric_snapshot`.
#[utoipa::path(tag = "evaluations", security(("bearer" = [])), request_body = NumericBehaviour,
    params(("evaluation_id" = Uuid, Path, description = "Evaluation id"),
           ("If-Match" = String, Header, description = "ETag of the version read")),
    responses((status = 200, body = EvaluationView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 412, body = Problem),
              (status = 422, body = Problem, description = "validation, period_not_ended or numeric_inputs_incomplete"),
              (status = 428, body = Problem)))]
#[put("/evaluations/{evaluation_id}/numeric-behaviour")]
pub async fn rate_numeric_behaviour(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    evaluation_id: web::Path<Uuid>,
    body: web::Json<NumericBehaviour>,
) -> ApiResult<HttpResponse> {
    let v = evaluations::rate_numeric_behaviour(
        &state.services,
        caller.ctx(),
        evaluation_id.into_inner(),
        if_match(&req),
        body.into_inner(),
    )
    .await?;
    Ok(with_etag(v))
}

/// What the caller may do on the evaluation now (the buttons of the screen), with why the
/// appraiser cannot rate yet when that is the case, the last day to object once the result
/// was received, and for a unit head the organisation predicate their result rating follows.
/// The same guards as the moves themselves.
#[utoipa::path(tag = "evaluations", security(("bearer" = [])),
    params(("evaluation_id" = Uuid, Path, description = "Evaluation id")),
    responses((status = 200, body = EvaluationAllowedActions), (status = 401, body = Problem),
              (status = 404, body = Problem)))]
#[get("/evaluations/{evaluation_id}/allowed-actions")]
pub async fn get_evaluation_allowed_actions(
    state: web::Data<AppState>,
    caller: Caller,
    evaluation_id: web::Path<Uuid>,
) -> ApiResult<web::Json<EvaluationAllowedActions>> {
    Ok(web::Json(
        evaluations::allowed_evaluation_actions(
            &state.services,
            caller.ctx(),
            evaluation_id.into_inner(),
        )
        .await?,
    ))
}

/// Why the predicate is what it is: the inputs, each rule applied with its citation, and a
/// summary in Indonesian and English. Before the evaluation is rated: 409 `not_rated_yet`.
#[utoipa::path(tag = "evaluations", security(("bearer" = []), ("oauth2" = ["reports:read"])),
    params(("evaluation_id" = Uuid, Path, description = "Evaluation id")),
    responses((status = 200, body = Explanation), (status = 401, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "not_rated_yet")))]
#[get("/evaluations/{evaluation_id}/explanation")]
pub async fn explain_evaluation(
    state: web::Data<AppState>,
    caller: Caller,
    evaluation_id: web::Path<Uuid>,
) -> ApiResult<web::Json<Explanation>> {
    Ok(web::Json(
        evaluations::explain_evaluation(&state.services, caller.ctx(), evaluation_id.into_inner())
            .await?,
    ))
}

/// Scores every rated evaluation of the cycle in one set-based batch (HR): kuadran predicates,
/// the numeric regimes' snapshots and, under the LAST_PERIOD annual policy, the annual ratings
/// from each plan's last rated period.
#[utoipa::path(tag = "evaluations", security(("bearer" = [])),
    params(("cycle_id" = Uuid, Path, description = "Cycle id")),
    responses((status = 200, body = ScoreSummary), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem)))]
#[post("/cycles/{cycle_id}/score")]
pub async fn score_cycle(
    state: web::Data<AppState>,
    caller: Caller,
    cycle_id: web::Path<Uuid>,
) -> ApiResult<web::Json<ScoreSummary>> {
    Ok(web::Json(
        evaluations::score_cycle(&state.services, caller.ctx(), cycle_id.into_inner()).await?,
    ))
}

/// Sets the period's rated evaluations (HR): each unit's distribution is checked against the
/// curve of its organisation predicate. Soft enforcement: a violating unit needs an entry in
/// `override_reasons` (else 422 `distribution_violated`, with one entry in `errors` per unit
/// lacking a reason: field `override_reasons.<unit id>`, the unit's name and what it breaks); hard: 409
/// `distribution_blocked`. Then every rated evaluation is locked with a SHA-256 content hash
/// and the appraiser's signature, in one transaction. Unrated evaluations are reported and
/// left for a later call.
#[utoipa::path(tag = "evaluations", security(("bearer" = [])), request_body = FinalisePeriod,
    params(("period_id" = Uuid, Path, description = "Period id")),
    responses((status = 200, body = FinaliseReport), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem, description = "distribution_blocked"),
              (status = 422, body = Problem, description = "distribution_violated", example = json!({
                  "type": "urn:kinerja:problem:distribution_violated",
                  "title": "Refused by a rule",
                  "status": 422,
                  "detail": "The distribution of 1 unit(s) breaks the curve; give an override reason per unit (override_reasons) to set them anyway. Each is listed in errors.",
                  "errors": [{"field": "override_reasons.01932f4e-7c1a-7d7e-9a53-3c1f2b0e4a11", "code": "override_reason_required",
                              "message": "Bidang Mutasi dan Promosi breaks the curve: In a unit whose organisation predicate is Baik, at most 20% may be Sangat Baik; 2 of 5 (40%) are. Give the reason to set these predicates anyway."}]
              }))))]
#[post("/periods/{period_id}/finalise")]
pub async fn finalise_period(
    state: web::Data<AppState>,
    caller: Caller,
    period_id: web::Path<Uuid>,
    body: web::Json<FinalisePeriod>,
) -> ApiResult<web::Json<FinaliseReport>> {
    Ok(web::Json(
        evaluations::finalise_period(
            &state.services,
            caller.ctx(),
            period_id.into_inner(),
            body.into_inner(),
        )
        .await?,
    ))
}

/// The evaluated employee confirms receipt of the finalised result; the objection window
/// starts now.
#[utoipa::path(tag = "evaluations", security(("bearer" = [])),
    params(("evaluation_id" = Uuid, Path, description = "Evaluation id")),
    responses((status = 200, body = EvaluationView, headers(("ETag" = String))),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem, description = "already_acknowledged or illegal_transition")))]
#[post("/evaluations/{evaluation_id}/acknowledge")]
pub async fn acknowledge_evaluation(
    state: web::Data<AppState>,
    caller: Caller,
    evaluation_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let v = evaluations::acknowledge_evaluation(
        &state.services,
        caller.ctx(),
        evaluation_id.into_inner(),
    )
    .await?;
    Ok(with_etag(v))
}

/// Recomputes the content hash of a finalised evaluation and says whether the stored
/// content is intact.
#[utoipa::path(tag = "evaluations", security(("bearer" = []), ("oauth2" = ["reports:read"])),
    params(("evaluation_id" = Uuid, Path, description = "Evaluation id")),
    responses((status = 200, body = VerifyReport), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/evaluations/{evaluation_id}/verify")]
pub async fn verify_evaluation(
    state: web::Data<AppState>,
    caller: Caller,
    evaluation_id: web::Path<Uuid>,
) -> ApiResult<web::Json<VerifyReport>> {
    Ok(web::Json(
        evaluations::verify_evaluation(&state.services, caller.ctx(), evaluation_id.into_inner())
            .await?,
    ))
}

/// Evaluations of the period whose objection window passed without objection become final
/// (HR, set-based).
#[utoipa::path(tag = "evaluations", security(("bearer" = [])),
    params(("period_id" = Uuid, Path, description = "Period id")),
    responses((status = 200, body = ConcludeReport), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem)))]
#[post("/periods/{period_id}/conclude")]
pub async fn conclude_period(
    state: web::Data<AppState>,
    caller: Caller,
    period_id: web::Path<Uuid>,
) -> ApiResult<web::Json<ConcludeReport>> {
    Ok(web::Json(
        evaluations::conclude_period(&state.services, caller.ctx(), period_id.into_inner()).await?,
    ))
}
