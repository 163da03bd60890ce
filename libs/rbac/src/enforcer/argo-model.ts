// Argo CD's casbin model (argo-cd assets/model.conf): request and policy tuples, one role level of
// `g` links, deny-overrides-allow, and a glob function on resource, action and object.

/**
 * The casbin model text. `globOrRegexMatch(value, pattern)` must be registered on the enforcer;
 * Argo binds it to glob matching unless `policy.matchMode: regex` (not supported here yet).
 * Effect: a request is allowed when some matching rule allows it and none denies it.
 */
export const ARGO_RBAC_MODEL = `[request_definition]
r = sub, res, act, obj

[policy_definition]
p = sub, res, act, obj, eft

[role_definition]
g = _, _

[policy_effect]
e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

[matchers]
m = g(r.sub, p.sub) && globOrRegexMatch(r.res, p.res) && globOrRegexMatch(r.act, p.act) && globOrRegexMatch(r.obj, p.obj)
`;

/** Name of the matcher function the model calls; the enforcer registers globMatch under it. */
export const MATCH_FUNCTION_NAME = 'globOrRegexMatch';
