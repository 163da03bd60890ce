// The one lookup table from `group/kind` to the built-in health check for that kind.
import type { HealthCheck } from '../types.js';
import { apiServiceHealth } from './api-service.js';
import { applicationHealth } from './application.js';
import { customResourceDefinitionHealth } from './custom-resource-definition.js';
import { daemonSetHealth } from './daemonset.js';
import { deploymentHealth } from './deployment.js';
import { horizontalPodAutoscalerHealth } from './horizontal-pod-autoscaler.js';
import { ingressHealth } from './ingress.js';
import { jobHealth } from './job.js';
import { persistentVolumeClaimHealth } from './persistent-volume-claim.js';
import { podHealth } from './pod.js';
import { replicaSetHealth } from './replicaset.js';
import { rolloutHealth } from './rollout.js';
import { serviceHealth } from './service.js';
import { statefulSetHealth } from './statefulset.js';
import { workflowHealth } from './workflow.js';

/**
 * Built-in checks keyed by `groupKindKey` (`apps/Deployment`; core kinds by bare kind, `Pod`).
 * Kinds gitops-engine has no check for (CronJob, ConfigMap, arbitrary CRDs) are deliberately absent:
 * gitops-engine has no generic `status.conditions` fallback, so those resources have no health.
 * `argoproj.io/Rollout` and `argoproj.io/Application` are the checks Argo CD ships as Lua.
 */
export const BUILTIN_HEALTH_CHECKS: ReadonlyMap<string, HealthCheck> = new Map<string, HealthCheck>([
  ['apps/Deployment', deploymentHealth],
  ['extensions/Deployment', deploymentHealth],
  ['apps/StatefulSet', statefulSetHealth],
  ['apps/ReplicaSet', replicaSetHealth],
  ['extensions/ReplicaSet', replicaSetHealth],
  ['apps/DaemonSet', daemonSetHealth],
  ['extensions/DaemonSet', daemonSetHealth],
  ['networking.k8s.io/Ingress', ingressHealth],
  ['extensions/Ingress', ingressHealth],
  ['apiregistration.k8s.io/APIService', apiServiceHealth],
  ['Service', serviceHealth],
  ['PersistentVolumeClaim', persistentVolumeClaimHealth],
  ['Pod', podHealth],
  ['batch/Job', jobHealth],
  ['autoscaling/HorizontalPodAutoscaler', horizontalPodAutoscalerHealth],
  ['apiextensions.k8s.io/CustomResourceDefinition', customResourceDefinitionHealth],
  ['argoproj.io/Workflow', workflowHealth],
  ['argoproj.io/Rollout', rolloutHealth],
  ['argoproj.io/Application', applicationHealth],
]);
