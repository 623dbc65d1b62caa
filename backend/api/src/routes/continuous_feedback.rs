//! Continuous feedback on a plan and recorded performance dialogues; append-only.

use actix_web::{HttpResponse, get, post, web};
use kinerja_service::continuous_feedback::{
    self, ContinuousFeedbackView, CreateContinuousFeedback, CreateDialogue, DialogueView,
};
use utoipa::OpenApi;
use uuid::Uuid;

use crate::extract::Caller;
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(
    create_continuous_feedback,
    list_continuous_feedback,
    create_dialogue,
    list_dialogues
))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(create_continuous_feedback)
        .service(list_continuous_feedback)
        .service(create_dialogue)
        .service(list_dialogues);
}

/// Records feedback on a work result, an indicator, a core value or in general. The plan's
/// appraiser writes for the employee or privately; the employee writes self notes (visible
/// to both). Append-only.
#[utoipa::path(tag = "continuous-feedback", security(("bearer" = [])), request_body = CreateContinuousFeedback,
    params(("plan_id" = Uuid, Path, description = "Plan id")),
    responses((status = 201, body = ContinuousFeedbackView), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 422, body = Problem)))]
#[post("/plans/{plan_id}/continuous-feedback")]
pub async fn create_continuous_feedback(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
    body: web::Json<CreateContinuousFeedback>,
) -> ApiResult<HttpResponse> {
    let out = continuous_feedback::create_feedback(
        &state.services,
        caller.ctx(),
        plan_id.into_inner(),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Created().json(out))
}

/// The plan's continuous feedback, oldest first: the employee sees what is addressed to
/// them; the appraiser, HR and auditors see everything.
#[utoipa::path(tag = "continuous-feedback", security(("bearer" = [])),
    params(("plan_id" = Uuid, Path, description = "Plan id")),
    responses((status = 200, body = Vec<ContinuousFeedbackView>), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/plans/{plan_id}/continuous-feedback")]
pub async fn list_continuous_feedback(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let out =
        continuous_feedback::list_feedback(&state.services, caller.ctx(), plan_id.into_inner())
            .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Records a performance dialogue (the appraiser or the employee). Append-only.
#[utoipa::path(tag = "continuous-feedback", security(("bearer" = [])), request_body = CreateDialogue,
    params(("plan_id" = Uuid, Path, description = "Plan id")),
    responses((status = 201, body = DialogueView), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 422, body = Problem)))]
#[post("/plans/{plan_id}/dialogues")]
pub async fn create_dialogue(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
    body: web::Json<CreateDialogue>,
) -> ApiResult<HttpResponse> {
    let out = continuous_feedback::create_dialogue(
        &state.services,
        caller.ctx(),
        plan_id.into_inner(),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Created().json(out))
}

/// The plan's dialogues by date (the employee, the appraiser, HR, auditors).
#[utoipa::path(tag = "continuous-feedback", security(("bearer" = [])),
    params(("plan_id" = Uuid, Path, description = "Plan id")),
    responses((status = 200, body = Vec<DialogueView>), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/plans/{plan_id}/dialogues")]
pub async fn list_dialogues(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let out =
        continuous_feedback::list_dialogues(&state.services, caller.ctx(), plan_id.into_inner())
            .await?;
    Ok(HttpResponse::Ok().json(out))
}
