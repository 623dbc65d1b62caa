//! Realizations (realisasi) and evidence (bukti dukung): recording, reading against targets,
//! uploading files as raw bodies and streaming them back. HTTP only: every decision is in
//! kinerja_service::realizations.

use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use futures_util::StreamExt;
use kinerja_service::ServiceError;
use kinerja_service::realizations::{
    self, CreateEvidenceLink, EvidenceView, PlanRealizations, PutRealization, RealizationView,
    RealizationsQuery, UploadEvidenceQuery,
};
use utoipa::OpenApi;
use uuid::Uuid;

use crate::extract::{Caller, etag};
use crate::problem::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// Largest JSON body accepted for link evidence.
const LINK_BODY_LIMIT: usize = 64 * 1024;

#[derive(OpenApi)]
#[openapi(paths(
    put_realization,
    list_plan_realizations,
    create_evidence,
    list_evidence,
    get_evidence_content,
    delete_evidence
))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(put_realization)
        .service(list_plan_realizations)
        .service(create_evidence)
        .service(list_evidence)
        .service(get_evidence_content)
        .service(delete_evidence);
}

/// Records (or replaces) what was achieved on an indicator in a period: `value` (decimal
/// string) for the quantitative approach, `body` for the qualitative one. By the plan's
/// employee, HR, or an API client with the scope `realizations:write` (which must send
/// `source_system`). The plan must be approved (409 `plan_not_approved`), the period open (409
/// `period_closed`) and, except for HR, within its fill-in deadline (409 `fill_deadline_passed`).
/// The answer carries the capaian (PP 30/2019) of quantitative indicators.
#[utoipa::path(tag = "realizations", security(("bearer" = []), ("oauth2" = ["realizations:write"])),
    request_body = PutRealization,
    params(("indicator_id" = Uuid, Path, description = "Indicator id"), ("period_id" = Uuid, Path, description = "Period id")),
    responses((status = 200, body = RealizationView, headers(("ETag" = String))), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem, description = "plan_not_approved, period_closed, fill_deadline_passed, cycle_closed"),
              (status = 422, body = Problem, description = "validation, period_outside_plan")))]
#[put("/indicators/{indicator_id}/realizations/{period_id}")]
pub async fn put_realization(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<PutRealization>,
) -> ApiResult<HttpResponse> {
    let (indicator_id, period_id) = path.into_inner();
    let r = realizations::put_realization(
        &state.services,
        caller.ctx(),
        indicator_id,
        period_id,
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(r.version)).json(r))
}

/// Realization against target for every indicator of the plan, optionally for one period,
/// with the capaian % of quantitative indicators.
#[utoipa::path(tag = "realizations", security(("bearer" = [])),
    params(("plan_id" = Uuid, Path, description = "Plan id"), RealizationsQuery),
    responses((status = 200, body = PlanRealizations), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/plans/{plan_id}/realizations")]
pub async fn list_plan_realizations(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
    query: web::Query<RealizationsQuery>,
) -> ApiResult<web::Json<PlanRealizations>> {
    Ok(web::Json(
        realizations::list_plan_realizations(
            &state.services,
            caller.ctx(),
            plan_id.into_inner(),
            query.into_inner(),
        )
        .await?,
    ))
}

/// Adds evidence to an approved plan, either as a link (`application/json`
/// `CreateEvidenceLink`, http or https only) or as a file: send the raw file as the body with
/// its own Content-Type and `?file_name=` (plus optional `realization_id`, `work_result_id`,
/// `source_system`). Files are stored once per SHA-256; the cycle's evidence policy limits
/// their size (413 `evidence_too_large`) and type (415 `evidence_type_not_allowed`).
#[utoipa::path(tag = "realizations", security(("bearer" = []), ("oauth2" = ["realizations:write"])),
    params(("plan_id" = Uuid, Path, description = "Plan id"),
           ("file_name" = Option<String>, Query, description = "Uploads: the file's name"),
           ("realization_id" = Option<Uuid>, Query, description = "Uploads: the realization it backs"),
           ("work_result_id" = Option<Uuid>, Query, description = "Uploads: the work result it backs"),
           ("source_system" = Option<String>, Query, description = "Uploads: the system it comes from")),
    request_body(content((CreateEvidenceLink = "application/json"), (Vec<u8> = "application/pdf"),
                         (Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"))),
    responses((status = 201, body = EvidenceView), (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem),
              (status = 409, body = Problem, description = "plan_not_approved, period_closed, cycle_closed"),
              (status = 413, body = Problem, description = "evidence_too_large"),
              (status = 415, body = Problem, description = "evidence_type_not_allowed"),
              (status = 422, body = Problem)))]
#[post("/plans/{plan_id}/evidence")]
pub async fn create_evidence(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    plan_id: web::Path<Uuid>,
    mut payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let plan_id = plan_id.into_inner();
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let is_json = content_type.as_deref().is_some_and(|t| {
        t.trim_start()
            .to_ascii_lowercase()
            .starts_with("application/json")
    });
    if is_json {
        let bytes = read_limited(&mut payload, LINK_BODY_LIMIT as u64, || {
            ServiceError::TooLarge {
                code: "body_too_large",
                message: format!("A link body may have at most {LINK_BODY_LIMIT} bytes."),
            }
        })
        .await?;
        let link: CreateEvidenceLink = serde_json::from_slice(&bytes).map_err(|e| {
            ApiError(ServiceError::field(
                "body",
                "invalid_json",
                format!("The body is not a valid link: {e}."),
            ))
        })?;
        let e = realizations::create_evidence_link(&state.services, caller.ctx(), plan_id, link)
            .await?;
        return Ok(HttpResponse::Created().json(e));
    }
    let meta: UploadEvidenceQuery =
        serde_urlencoded::from_str(req.query_string()).map_err(|e| {
            ApiError(ServiceError::field(
                "file_name",
                "invalid_query",
                format!("Uploads need ?file_name=...: {e}."),
            ))
        })?;
    // Authorize and check the type before reading the body, then read at most the limit.
    let limits = realizations::prepare_upload(
        &state.services,
        caller.ctx(),
        plan_id,
        content_type.as_deref(),
    )
    .await?;
    let max = limits.max_bytes;
    let bytes = read_limited(&mut payload, max, || realizations::too_large(max)).await?;
    let e = realizations::upload_evidence(
        &state.services,
        caller.ctx(),
        plan_id,
        content_type.as_deref(),
        meta,
        bytes,
    )
    .await?;
    Ok(HttpResponse::Created().json(e))
}

async fn read_limited(
    payload: &mut web::Payload,
    max: u64,
    too_large: impl Fn() -> ServiceError,
) -> ApiResult<Vec<u8>> {
    let mut out = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| {
            ApiError(ServiceError::field(
                "body",
                "unreadable",
                format!("The body could not be read: {e}."),
            ))
        })?;
        if (out.len() + chunk.len()) as u64 > max {
            return Err(ApiError(too_large()));
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// The evidence of a plan, newest first.
#[utoipa::path(tag = "realizations", security(("bearer" = [])),
    params(("plan_id" = Uuid, Path, description = "Plan id")),
    responses((status = 200, body = Vec<EvidenceView>), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/plans/{plan_id}/evidence")]
pub async fn list_evidence(
    state: web::Data<AppState>,
    caller: Caller,
    plan_id: web::Path<Uuid>,
) -> ApiResult<web::Json<Vec<EvidenceView>>> {
    Ok(web::Json(
        realizations::list_evidence(&state.services, caller.ctx(), plan_id.into_inner()).await?,
    ))
}

/// The uploaded file, byte for byte, with its content type and an attachment
/// Content-Disposition; readable by whoever may read the plan. Link evidence answers 404
/// `evidence_is_link` naming the link.
#[utoipa::path(tag = "realizations", security(("bearer" = [])),
    params(("evidence_id" = Uuid, Path, description = "Evidence id")),
    responses((status = 200, description = "The file", content_type = "application/octet-stream", body = Vec<u8>,
               headers(("Content-Disposition" = String))),
              (status = 401, body = Problem), (status = 404, body = Problem, description = "not_found, evidence_is_link")))]
#[get("/evidence/{evidence_id}/content")]
pub async fn get_evidence_content(
    state: web::Data<AppState>,
    caller: Caller,
    evidence_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let f = realizations::evidence_content(&state.services, caller.ctx(), evidence_id.into_inner())
        .await?;
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![DispositionParam::Filename(
            f.file_name.replace(['"', '\r', '\n'], "_"),
        )],
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, f.content_type))
        .insert_header(disposition)
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(f.bytes))
}

/// Removes evidence: its uploader or HR, while its period is open and the cycle not closed.
#[utoipa::path(tag = "realizations", security(("bearer" = [])),
    params(("evidence_id" = Uuid, Path, description = "Evidence id")),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem, description = "period_closed, fill_deadline_passed, cycle_closed")))]
#[delete("/evidence/{evidence_id}")]
pub async fn delete_evidence(
    state: web::Data<AppState>,
    caller: Caller,
    evidence_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    realizations::delete_evidence(&state.services, caller.ctx(), evidence_id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
