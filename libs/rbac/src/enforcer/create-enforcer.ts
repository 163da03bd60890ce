// Builds a casbin enforcer that answers like Argo CD's util/rbac Enforcer: Argo's model, the
// built-in policy plus the user's policy.csv, glob matching, and the default role checked first.
import { newEnforcer, newModelFromString } from 'casbin';
import type { Adapter, Model } from 'casbin';
import { globMatch } from '../glob/glob-match.js';
import { parsePolicyCsv } from '../policy/parse-policy-csv.js';
import type { PolicyCsv } from '../policy/parse-policy-csv.js';
import { ARGO_RBAC_MODEL, MATCH_FUNCTION_NAME } from './argo-model.js';
import { BUILTIN_POLICY_CSV } from './builtin-policy.js';

/** What createEnforcer needs; every field is optional. */
export interface EnforcerOptions {
  /** The user's policy (argocd-rbac-cm `policy.csv`), added to the built-in one. @defaultValue `''` */
  readonly policyCsv?: string;
  /** Role every subject holds in addition to its own (`policy.default`, e.g. `role:readonly`). */
  readonly defaultRole?: string;
  /** Replaces Argo's built-in roles; tests and embedders only. @defaultValue BUILTIN_POLICY_CSV */
  readonly builtinPolicyCsv?: string;
}

/** Answers RBAC questions against one fixed set of policies. */
export interface RbacEnforcer {
  /**
   * Whether `subject` may perform `action` on `resource` `object`, e.g.
   * (`alice`, `applications`, `sync`, `my-project/my-app`). Allowed when the default role is
   * allowed, or when some rule reachable from `subject` through `g` links allows and none denies.
   * Like Argo, a deny on the subject does not cancel what the default role allows.
   */
  enforce(subject: string, resource: string, action: string, object: string): boolean;
}

/**
 * Creates an enforcer from Argo's model, the built-in policy and `policyCsv`. Throws
 * InvalidInputError naming each malformed line (`builtin.csv:<n>` or `policy.csv:<n>`).
 * Example: policy `p, role:dev, applications, get, proj/*, allow` + `g, alice, role:dev` → alice may
 * get `applications` `proj/app` but not sync it; `admin` may do both through the built-in `role:admin`.
 */
export async function createEnforcer(options: EnforcerOptions = {}): Promise<RbacEnforcer> {
  const sources = [
    parsePolicyCsv(options.builtinPolicyCsv ?? BUILTIN_POLICY_CSV, { source: 'builtin.csv' }),
    parsePolicyCsv(options.policyCsv ?? '', { source: 'policy.csv' }),
  ];
  const enforcer = await newEnforcer(newModelFromString(ARGO_RBAC_MODEL), new ParsedPolicyAdapter(sources));
  await enforcer.addFunction(MATCH_FUNCTION_NAME, (value: string, pattern: string) => globMatch(pattern, value));

  const defaultRole = options.defaultRole ?? '';
  return {
    enforce(subject, resource, action, object) {
      if (defaultRole !== '' && enforcer.enforceSync(defaultRole, resource, action, object)) return true;
      return enforcer.enforceSync(subject, resource, action, object);
    },
  };
}

// Feeds already-validated rules to casbin; the policy is read-only, as Argo's adapter is.
class ParsedPolicyAdapter implements Adapter {
  constructor(private readonly sources: readonly PolicyCsv[]) {}

  async loadPolicy(model: Model): Promise<void> {
    for (const { policies, groupings } of this.sources) {
      // addPolicy refuses exact duplicates, which only repeat a rule already loaded.
      for (const p of policies) model.addPolicy('p', 'p', [p.subject, p.resource, p.action, p.object, p.effect]);
      for (const g of groupings) model.addPolicy('g', 'g', [g.subject, g.role]);
    }
  }

  async savePolicy(): Promise<boolean> {
    throw new Error('RBAC policy is read-only: edit policy.csv instead');
  }

  async addPolicy(): Promise<void> {
    throw new Error('RBAC policy is read-only: edit policy.csv instead');
  }

  async removePolicy(): Promise<void> {
    throw new Error('RBAC policy is read-only: edit policy.csv instead');
  }

  async removeFilteredPolicy(): Promise<void> {
    throw new Error('RBAC policy is read-only: edit policy.csv instead');
  }
}
