//! Application state shared by the handlers.

use kinerja_service::Services;

#[derive(Clone)]
pub struct AppState {
    pub services: Services,
}
