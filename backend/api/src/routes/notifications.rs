//! The caller's notifications (the in-app side of the outbox).

use actix_web::{HttpResponse, get, post, web};
use kinerja_service::notifications::{self, NotificationView};
use kinerja_service::pagination::{Page, PageParams};
use utoipa::OpenApi;
use uuid::Uuid;

use crate::extract::Caller;
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(list_my_notifications, read_notification))]
pub struct Doc;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list_my_notifications)
        .service(read_notification);
}

/// The caller's notifications, unread first, newest first.
#[utoipa::path(tag = "notifications", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = Page<NotificationView>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
#[get("/notifications/mine")]
pub async fn list_my_notifications(
    state: web::Data<AppState>,
    caller: Caller,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let out =
        notifications::list_my_notifications(&state.services, caller.ctx(), page.into_inner())
            .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Marks one of the caller's notifications read (idempotent; 404 for anyone else's).
#[utoipa::path(tag = "notifications", security(("bearer" = [])),
    params(("notification_id" = Uuid, Path, description = "Notification id")),
    responses((status = 200, body = NotificationView), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[post("/notifications/{notification_id}/read")]
pub async fn read_notification(
    state: web::Data<AppState>,
    caller: Caller,
    notification_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let out = notifications::read_notification(
        &state.services,
        caller.ctx(),
        notification_id.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(out))
}
