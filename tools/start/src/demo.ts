// The demo application of `npm start`: a Git repository with a plain-directory app, and the Argo CD
// `Application` that points at it.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createBareRepo, runGit } from '@driftless/gitserver';

const DEMO_FILES: Readonly<Record<string, string>> = {
  'README.md': '# Driftless demo\n\nA plain-directory app: a ConfigMap, a Deployment and a Service.\n',
  'guestbook/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: guestbook-config
data:
  greeting: Hello from Driftless
`,
  'guestbook/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: guestbook-ui
spec:
  replicas: 2
  selector:
    matchLabels:
      app: guestbook-ui
  template:
    metadata:
      labels:
        app: guestbook-ui
    spec:
      containers:
        - name: guestbook-ui
          image: gcr.io/heptio-images/ks-guestbook-demo:0.2
          ports:
            - containerPort: 80
`,
  'guestbook/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: guestbook-ui
spec:
  ports:
    - port: 80
      targetPort: 80
  selector:
    app: guestbook-ui
`,
};

/**
 * Creates the bare repository `<gitRoot>/demo.git` with one commit on `main`, unless it exists
 * (a second `npm start` keeps whatever was pushed to it since). Returns true when it was created.
 */
export async function ensureDemoRepository(gitRoot: string): Promise<boolean> {
  if (await exists(path.join(gitRoot, 'demo.git', 'HEAD'))) return false;
  const bare = await createBareRepo(gitRoot, 'demo.git');
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'driftless-demo-'));
  try {
    for (const [file, content] of Object.entries(DEMO_FILES)) {
      await fs.mkdir(path.dirname(path.join(work, file)), { recursive: true });
      await fs.writeFile(path.join(work, file), content);
    }
    const git = (...args: string[]): Promise<unknown> => runGit(args, { cwd: work });
    await git('init', '--quiet', '--initial-branch=main');
    await git('add', '.');
    await git('-c', 'user.name=Driftless', '-c', 'user.email=demo@driftless.invalid', 'commit', '--quiet', '-m', 'Demo app');
    await git('push', '--quiet', bare, 'main');
    return true;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** The demo `Application` (Argo CD's shape) for a repository URL, in the control namespace. */
export function demoApplication(repoURL: string, namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'demo', namespace },
    spec: {
      project: 'default',
      source: { repoURL, targetRevision: 'HEAD', path: 'guestbook' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'demo' },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
    },
  };
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
