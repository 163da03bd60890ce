// A worker process for the resume test (`node --import tsx sync-child.ts <job.json> <state.json>`): runs the
// step loop and saves the Application to a file after every step, so the test can SIGKILL it mid-operation.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Application, UnstructuredObject } from '@driftless/api';
import type { GroupVersionKind } from '@driftless/kube';
import type { StepOptions } from '@driftless/reconcile';
import { INSTANT_CLOCK, connect, runToEnd } from './sync-driver.js';
import type { SyncRun } from './sync-driver.js';

/** What the parent hands over. */
export interface ChildJob {
  kubeconfig: string;
  app: Application;
  desired: UnstructuredObject[];
  extraKinds: GroupVersionKind[];
  options: StepOptions;
}

async function main(jobPath: string, statePath: string): Promise<void> {
  const job = JSON.parse(readFileSync(jobPath, 'utf8')) as ChildJob;
  const conn = connect(job.kubeconfig);
  const run: SyncRun = { app: job.app, desired: job.desired, extraKinds: job.extraKinds, options: job.options, clock: INSTANT_CLOCK };
  await runToEnd(conn, run, {
    onSaved: (saved) => {
      // Written then renamed: the parent never reads half a file.
      writeFileSync(`${statePath}.tmp`, JSON.stringify(saved.app));
      renameSync(`${statePath}.tmp`, statePath);
    },
  });
}

const [jobPath, statePath] = process.argv.slice(2);
if (jobPath === undefined || statePath === undefined) throw new Error('usage: sync-child.ts <job.json> <state.json>');
await main(jobPath, statePath);
