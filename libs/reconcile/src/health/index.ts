// Public API of the health stage: built-in checks per kind, custom Lua checks, application health.
export { aggregateHealth, isWorse } from './aggregate-health.js';
export { BUILTIN_HEALTH_CHECKS } from './checks/builtin-checks.js';
export { resourceHealthWithCustomChecks, resourceHealthWithOverrides } from './custom-resource-health.js';
export type { CustomResourceHealthOptions, ResourceHealthOverridesOptions } from './custom-resource-health.js';
export { hasHealthCheck, healthScriptFor } from './health-overrides.js';
export type { HealthOverride, HealthOverrides } from './health-overrides.js';
export { groupKindKey } from './group-kind.js';
export { createLuaHealthRunner, INVALID_LUA_STATUS_MESSAGE } from './lua-health-runner.js';
export type { LuaHealthRunner, LuaHealthRunnerOptions } from './lua-health-runner.js';
export { resourceHealth } from './resource-health.js';
export type { ResourceHealthOptions } from './resource-health.js';
export { HEALTH_ORDER, isHealthStatusCode } from './types.js';
export type { HealthCheck, HealthStatus, HealthStatusCode, PlainObject } from './types.js';
