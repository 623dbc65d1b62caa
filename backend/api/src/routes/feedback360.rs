//! 360 feedback endpoints: rater generation and management (HR, the appraiser), nomination
//! (the employee), answering (the rater), reminders, and the anonymous aggregate.

use actix_web::{HttpResponse, delete, get, post, put, web};
use kinerja_service::feedback360::{
    self, AddRater, FeedbackAggregates, FeedbackRequestView, GenerationSummary, MyFeedbackRequest,
    NominablePeer, NominableQuery, NominatePeer, RaterReceipt, ReminderSummary, SaveAnswers,
    SubmitAnswers,
};
use kinerja_service::pagination::{Page, PageParams};
use utoipa::OpenApi;
use uuid::Uuid;

use crate::extract::Caller;
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(
    list_nominable_peers,
    generate_evaluation_feedback_requests,
    generate_period_feedback_requests,
    list_feedback_requests,
    add_feedback_request,
    nominate_feedback_peer,
    approve_feedback_request,
    delete_feedback_request,
    list_my_feedback_requests,
    get_feedback_request,
    save_feedback_answers,
    submit_feedback_request,
    send_feedback_reminders,
    get_evaluation_feedback
))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    // `mine` before `{feedback_request_id}`.
    cfg.service(list_my_feedback_requests)
        .service(list_nominable_peers)
        .service(generate_evaluation_feedback_requests)
        .service(generate_period_feedback_requests)
        .service(list_feedback_requests)
        .service(add_feedback_request)
        .service(nominate_feedback_peer)
        .service(approve_feedback_request)
        .service(delete_feedback_request)
        .service(get_feedback_request)
        .service(save_feedback_answers)
        .service(submit_feedback_request)
        .service(send_feedback_reminders)
        .service(get_evaluation_feedback);
}

/// Chooses raters for one evaluation from the hierarchy, per the cycle's 360 policy (self,
/// appraiser, peers chosen fairly, direct subordinates). Existing requests are kept. Returns
/// counts per group only, never who. HR or the appraiser.
#[utoipa::path(tag = "feedback", security(("bearer" = [])),
    params(("evaluation_id" = Uuid, Path, description = "Evaluation id")),
    responses((status = 200, body = GenerationSummary), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "feedback_360_disabled")))]
#[post("/evaluations/{evaluation_id}/feedback-requests/generate")]
pub async fn generate_evaluation_feedback_requests(
    state: web::Data<AppState>,
    caller: Caller,
    evaluation_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let out = feedback360::generate_for_evaluation(
        &state.services,
        caller.ctx(),
        evaluation_id.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Chooses raters for every evaluation of a period in one set-based pass (HR). Peers with the
/// fewest requests in the period are chosen first; ties by employee id.
#[utoipa::path(tag = "feedback", security(("bearer" = [])),
    params(("period_id" = Uuid, Path, description = "Period id")),
    responses((status = 200, body = GenerationSummary), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "feedback_360_disabled")))]
#[post("/periods/{period_id}/feedback-requests/generate")]
pub async fn generate_period_feedback_requests(
    state: web::Data<AppState>,
    caller: Caller,
    period_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let out =
        feedback360::generate_for_period(&state.services, caller.ctx(), period_id.into_inner())
            .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// The requests of an evaluation. HR sees all; the appraiser sees self and appraiser requests
/// and nominations awaiting approval, never generated peers or subordinates; the evaluated
/// employee is refused.
#[utoipa::path(tag = "feedback", security(("bearer" = [])),
    params(("evaluation_id" = Uuid, Path, description = "Evaluation id")),
    responses((status = 200, body = Vec<FeedbackRequestView>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[get("/evaluations/{evaluation_id}/feedback-requests")]
pub async fn list_feedback_requests(
    state: web::Data<AppState>,
    caller: Caller,
    evaluation_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let out = feedback360::list_requests(&state.services, caller.ctx(), evaluation_id.into_inner())
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Adds a rater (HR or the appraiser). `self` must be the employee, `appraiser` the
/// evaluation's appraiser; peers and subordinates are neither (422 `rater_role`).
#[utoipa::path(tag = "feedback", security(("bearer" = [])), request_body = AddRater,
    params(("evaluation_id" = Uuid, Path, description = "Evaluation id")),
    responses((status = 202, body = RaterReceipt, description = "The rater is asked (or already was: the answer is the same, so that it never reveals who rates anonymously)"),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 422, body = Problem)))]
#[post("/evaluations/{evaluation_id}/feedback-requests")]
pub async fn add_feedback_request(
    state: web::Data<AppState>,
    caller: Caller,
    evaluation_id: web::Path<Uuid>,
    body: web::Json<AddRater>,
) -> ApiResult<HttpResponse> {
    let out = feedback360::add_rater(
        &state.services,
        caller.ctx(),
        evaluation_id.into_inner(),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Accepted().json(out))
}

/// The evaluated employee nominates a peer; the request is not approved (and the peer not
/// asked) until the appraiser approves it.
#[utoipa::path(tag = "feedback", security(("bearer" = [])), request_body = NominatePeer,
    params(("evaluation_id" = Uuid, Path, description = "Evaluation id")),
    responses((status = 202, body = RaterReceipt, description = "The nomination is received (the same answer when the peer is already asked, so that it never reveals who rates anonymously)"),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 422, body = Problem)))]
#[post("/evaluations/{evaluation_id}/feedback-requests/nominate")]
pub async fn nominate_feedback_peer(
    state: web::Data<AppState>,
    caller: Caller,
    evaluation_id: web::Path<Uuid>,
    body: web::Json<NominatePeer>,
) -> ApiResult<HttpResponse> {
    let out = feedback360::nominate_peer(
        &state.services,
        caller.ctx(),
        evaluation_id.into_inner(),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Accepted().json(out))
}

/// The appraiser (or HR) approves a nominated peer; the peer is notified.
#[utoipa::path(tag = "feedback", security(("bearer" = [])),
    params(("feedback_request_id" = Uuid, Path, description = "Feedback request id")),
    responses((status = 200, body = FeedbackRequestView), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "already_approved")))]
#[post("/feedback-requests/{feedback_request_id}/approve")]
pub async fn approve_feedback_request(
    state: web::Data<AppState>,
    caller: Caller,
    feedback_request_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let out = feedback360::approve_request(
        &state.services,
        caller.ctx(),
        feedback_request_id.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Removes a rater (HR or the appraiser); refused once submitted (409 `feedback_submitted`).
#[utoipa::path(tag = "feedback", security(("bearer" = [])),
    params(("feedback_request_id" = Uuid, Path, description = "Feedback request id")),
    responses((status = 204, description = "Removed"), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem, description = "feedback_submitted")))]
#[delete("/feedback-requests/{feedback_request_id}")]
pub async fn delete_feedback_request(
    state: web::Data<AppState>,
    caller: Caller,
    feedback_request_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    feedback360::delete_request(
        &state.services,
        caller.ctx(),
        feedback_request_id.into_inner(),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// What the caller must answer: the employee to rate, the period, the due date and status.
/// Never other raters. Open requests first.
#[utoipa::path(tag = "feedback", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = Page<MyFeedbackRequest>), (status = 401, body = Problem), (status = 403, body = Problem)))]
#[get("/feedback-requests/mine")]
pub async fn list_my_feedback_requests(
    state: web::Data<AppState>,
    caller: Caller,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let out =
        feedback360::list_my_requests(&state.services, caller.ctx(), page.into_inner()).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// One of the caller's requests with their own answers (the rater only; 404 for anyone else).
#[utoipa::path(tag = "feedback", security(("bearer" = [])),
    params(("feedback_request_id" = Uuid, Path, description = "Feedback request id")),
    responses((status = 200, body = MyFeedbackRequest), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/feedback-requests/{feedback_request_id}")]
pub async fn get_feedback_request(
    state: web::Data<AppState>,
    caller: Caller,
    feedback_request_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let out = feedback360::get_my_request(
        &state.services,
        caller.ctx(),
        feedback_request_id.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Saves the rater's answers as a draft (replacing earlier ones); not all seven core values
/// are needed yet. 409 once submitted.
#[utoipa::path(tag = "feedback", security(("bearer" = [])), request_body = SaveAnswers,
    params(("feedback_request_id" = Uuid, Path, description = "Feedback request id")),
    responses((status = 200, body = MyFeedbackRequest), (status = 401, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem, description = "feedback_submitted"), (status = 422, body = Problem)))]
#[put("/feedback-requests/{feedback_request_id}/answers")]
pub async fn save_feedback_answers(
    state: web::Data<AppState>,
    caller: Caller,
    feedback_request_id: web::Path<Uuid>,
    body: web::Json<SaveAnswers>,
) -> ApiResult<HttpResponse> {
    let out = feedback360::save_answers(
        &state.services,
        caller.ctx(),
        feedback_request_id.into_inner(),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Submits the answers (final): all seven core values rated, a comment for every rating
/// above or below expectation (422 naming `answers[i].comment`). With a body, its answers
/// replace the draft first. No change afterwards (409).
#[utoipa::path(tag = "feedback", security(("bearer" = [])), request_body(content = Option<SubmitAnswers>),
    params(("feedback_request_id" = Uuid, Path, description = "Feedback request id")),
    responses((status = 200, body = MyFeedbackRequest), (status = 401, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem, description = "feedback_submitted"), (status = 422, body = Problem)))]
#[post("/feedback-requests/{feedback_request_id}/submit")]
pub async fn submit_feedback_request(
    state: web::Data<AppState>,
    caller: Caller,
    feedback_request_id: web::Path<Uuid>,
    body: Option<web::Json<SubmitAnswers>>,
) -> ApiResult<HttpResponse> {
    let body = body.map(web::Json::into_inner).unwrap_or_default();
    let out = feedback360::submit_answers(
        &state.services,
        caller.ctx(),
        feedback_request_id.into_inner(),
        body,
    )
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Writes one reminder notification per rater with open requests in the period (HR);
/// idempotent per day.
#[utoipa::path(tag = "feedback", security(("bearer" = [])),
    params(("period_id" = Uuid, Path, description = "Period id")),
    responses((status = 200, body = ReminderSummary), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[post("/periods/{period_id}/feedback-reminders")]
pub async fn send_feedback_reminders(
    state: web::Data<AppState>,
    caller: Caller,
    period_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let out =
        feedback360::send_reminders(&state.services, caller.ctx(), period_id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// The 360 feedback of an evaluation for the evaluated employee, the appraiser, HR and
/// auditors. Self and appraiser answers are attributed; peers and subordinates only as
/// anonymous group aggregates, each shown only with at least `anonymity_threshold` answers
/// (else combined as `others`, else hidden; hidden groups carry no figures). The employee
/// sees others' answers only once the appraiser has rated (`is_released`).
#[utoipa::path(tag = "feedback", security(("bearer" = [])),
    params(("evaluation_id" = Uuid, Path, description = "Evaluation id")),
    responses((status = 200, body = FeedbackAggregates), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/evaluations/{evaluation_id}/feedback")]
pub async fn get_evaluation_feedback(
    state: web::Data<AppState>,
    caller: Caller,
    evaluation_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let out = feedback360::get_feedback(&state.services, caller.ctx(), evaluation_id.into_inner())
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Colleagues the evaluated employee (or HR and the appraiser) may propose as peer raters:
/// active employees of the agency, never the employee or the appraiser, chosen without regard
/// to who is already asked (so the list reveals nothing about who rates). `q` searches a name
/// or NIP; without it, the employee's own unit. Up to 20, own unit first.
#[utoipa::path(tag = "feedback", security(("bearer" = [])),
    params(("evaluation_id" = Uuid, Path, description = "Evaluation id"), NominableQuery),
    responses((status = 200, body = Vec<NominablePeer>), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 422, body = Problem)))]
#[get("/evaluations/{evaluation_id}/nominable-peers")]
pub async fn list_nominable_peers(
    state: web::Data<AppState>,
    caller: Caller,
    evaluation_id: web::Path<Uuid>,
    query: web::Query<NominableQuery>,
) -> ApiResult<web::Json<Vec<NominablePeer>>> {
    Ok(web::Json(
        feedback360::nominable_peers(
            &state.services,
            caller.ctx(),
            evaluation_id.into_inner(),
            query.into_inner(),
        )
        .await?,
    ))
}
