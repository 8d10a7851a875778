// @shelfsync/server: the base's HTTP server (integration API, device API, OpenAPI docs).
export { type BuildServerOptions, buildServer } from './build-server.js';
export {
  createEnrollmentCode,
  DEFAULT_ENROLLMENT_TTL_MS,
  normalizeEnrollmentCode,
} from './enrollment-code.js';
export {
  DEFAULT_HOST,
  DEFAULT_PORT,
  type OpenServerOptions,
  openServer,
  type RunningServer,
  resolveApiKey,
} from './open-server.js';
export { PIN_HASH_ITERATIONS, verifyPin } from './pin-hash.js';
export { SERVER_VERSION } from './server-version.js';
