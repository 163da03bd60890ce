// Public surface of match/: resource keys, Argo resource tracking and desired/live matching.
export { desiredKeyOf, formatKey, groupOf, keyOf, sameKey } from './resource-key.js';
export type { IsNamespaced, ResourceKey } from './resource-key.js';
export { formatTrackingId, parseTrackingId, trackingAppName, withTracking } from './tracking-id.js';
export type { TrackingId, TrackingOptions } from './tracking-id.js';
export { hasCompareOption, matchResources } from './match-resources.js';
export { HELM_HOOK_TYPES, hookTypesOf, isResourceHook, isIgnoredHook, isSkippedResource } from './hooks.js';
export type { MatchOptions, MatchResult, ResourcePair, SharedResourceWarning } from './match-resources.js';
