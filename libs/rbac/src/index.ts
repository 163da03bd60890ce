// Public API of @driftless/rbac: Argo CD's RBAC — glob matching, policy.csv parsing, the casbin enforcer.
export { globMatch, compileGlob } from './glob/glob-match.js';
export type { GlobMatcher } from './glob/glob-match.js';
export { parsePolicyCsv } from './policy/parse-policy-csv.js';
export type { PolicyCsv, PolicyRule, GroupingRule, PolicyEffect } from './policy/parse-policy-csv.js';
export { createEnforcer } from './enforcer/create-enforcer.js';
export type { EnforcerOptions, RbacEnforcer } from './enforcer/create-enforcer.js';
export { ARGO_RBAC_MODEL } from './enforcer/argo-model.js';
export { BUILTIN_POLICY_CSV } from './enforcer/builtin-policy.js';
