//! The audit log: reading an agency's chain and verifying that nobody tampered with it.

use actix_web::{get, web};
use kinerja_service::audit::{self, AuditEntryView, ChainQuery, ChainReport, ListAuditQuery};
use kinerja_service::pagination::{Page, PageParams};
use utoipa::OpenApi;

use crate::extract::Caller;
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(list_audit_entries, verify_audit_chain))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list_audit_entries).service(verify_audit_chain);
}

/// Lists audit entries of one chain, newest first: the caller's agency for agency_admin,
/// auditor and clients with `audit:read`; a super_admin names `agency_id` or asks for
/// `chain=global`. `before` and `after` are the object as the API showed it.
#[utoipa::path(tag = "audit", security(("bearer" = []), ("oauth2" = ["audit:read"])),
    params(ChainQuery, ListAuditQuery, PageParams),
    responses((status = 200, body = Page<AuditEntryView>), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
#[get("/audit-log")]
pub async fn list_audit_entries(
    state: web::Data<AppState>,
    caller: Caller,
    chain: web::Query<ChainQuery>,
    query: web::Query<ListAuditQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<Page<AuditEntryView>>> {
    Ok(web::Json(
        audit::list_entries(
            &state.services,
            caller.ctx(),
            chain.into_inner(),
            query.into_inner(),
            page.into_inner(),
        )
        .await?,
    ))
}

/// Recomputes the hash chain from its first entry and reports the first entry that was
/// edited (`hash_mismatch`), replaced (`prev_hash_mismatch`) or deleted (`gap`).
#[utoipa::path(tag = "audit", security(("bearer" = []), ("oauth2" = ["audit:read"])),
    params(ChainQuery),
    responses((status = 200, body = ChainReport), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 422, body = Problem)))]
#[get("/audit-log/verify")]
pub async fn verify_audit_chain(
    state: web::Data<AppState>,
    caller: Caller,
    chain: web::Query<ChainQuery>,
) -> ApiResult<web::Json<ChainReport>> {
    Ok(web::Json(
        audit::verify_readable_chain(&state.services, caller.ctx(), chain.into_inner()).await?,
    ))
}
