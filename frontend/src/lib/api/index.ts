//! The API layer's public surface: the typed client, tokens, and problem handling.
export { api, auth, etagOf, onSessionEnded, tokens, unwrap } from './client';
export { ApiProblem, problemCode, readProblem, toProblem } from './problem';
export type { FieldError, ProblemBody } from './problem';
export { applyFieldErrors } from './form-errors';
export type { SessionUser, TokenPair } from './tokens';
export type { components, paths } from './schema';
