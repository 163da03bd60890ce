// argocd-notifications-cm parsing: triggers, templates, services, subscriptions and defaults as the
// notifications engine reads them, and problems named by key and line.

import { describe, expect, it } from '@jest/globals';
import { InvalidInputError } from '../errors/driftless-error.js';
import { loadYaml } from '../testing/load-yaml.js';
import type { ConfigMap } from '../types/kube-object.js';
import { parseNotificationsConfigMap } from './argocd-notifications-cm.js';

const fixture = (path: string): ConfigMap => loadYaml<ConfigMap>(import.meta.url, path);

describe('parseNotificationsConfigMap', () => {
  it('parses triggers, templates, services, subscriptions, defaults and context', () => {
    const settings = parseNotificationsConfigMap(fixture('./__fixtures__/argocd-notifications-cm-valid.yaml'));
    expect(settings.triggers).toEqual({
      'on-deployed': [
        {
          when: "app.status.operationState.phase in ['Succeeded'] and app.status.health.status == 'Healthy'",
          oncePer: 'app.status.sync.revision',
          send: ['app-sync-succeeded'],
          description: 'Application is synced and healthy',
        },
      ],
      'on-sync-status-unknown': [{ when: "app.status.sync.status == 'Unknown'", send: ['my-custom-template'] }],
    });
    expect(settings.templates['app-sync-succeeded']).toMatchObject({
      title: 'Deployed {{.app.metadata.name}}',
      email: { subject: 'Application {{.app.metadata.name}} has been successfully synced.' },
      slack: { groupingKey: '{{.app.metadata.name}}', notifyBroadcast: false },
      webhook: { github: { method: 'POST', path: '/repos/org/repo/statuses/{{.app.status.operationState.operation.sync.revision}}' } },
      teams: { themeColor: '#000080' },
    });
    expect(settings.services).toEqual({
      slack: { type: 'slack', options: { token: '$slack-token', username: 'argocd' } },
      mattermost: { type: 'slack', options: { apiURL: 'https://my-mattermost-url.com/api', token: '$slack-token' } },
      email: { type: 'email', options: { host: 'smtp.gmail.com', port: 587, from: 'argocd@example.com' } },
      github: { type: 'webhook', options: { url: 'https://api.github.com', headers: [{ name: 'Authorization', value: 'token $github-token' }] } },
    });
    expect(settings.subscriptions).toEqual([
      { recipients: ['slack:test2', 'email:test@gmail.com'], triggers: ['on-sync-status-unknown'] },
      { recipients: ['slack:test3'], triggers: [], selector: 'test=true' },
    ]);
    expect(settings.defaultTriggers).toEqual(['on-sync-status-unknown']);
    expect(settings.serviceDefaultTriggers).toEqual({ mattermost: ['on-deployed'] });
    expect(settings.context).toEqual({ argocdUrl: 'https://cd.apps.argoproj.io/', environment: 'production' });
  });

  it('gives an empty configuration for an empty ConfigMap', () => {
    expect(parseNotificationsConfigMap({})).toEqual({
      triggers: {},
      templates: {},
      services: {},
      subscriptions: [],
      defaultTriggers: [],
      serviceDefaultTriggers: {},
      context: {},
    });
  });

  it("rejects Argo CD's documented example for its invalid opsgenie YAML, naming key and line", () => {
    // The docs' `...` placeholder inside service.opsgenie is not YAML; Argo's engine refuses it too.
    expect(() => parseNotificationsConfigMap(fixture('../__fixtures__/argo-examples/argocd-notifications-cm.yaml'))).toThrow(
      'configmap argocd-notifications-cm: service.opsgenie: invalid YAML at line 4, column 3: Implicit map keys need to be followed by map values',
    );
  });

  it('reports every problem at once with key and line', () => {
    let error: unknown;
    try {
      parseNotificationsConfigMap(fixture('./__fixtures__/argocd-notifications-cm-invalid.yaml'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems).toEqual([
      { path: 'subscriptions', message: 'line 1: [0].recipients: must be a list of strings' },
      { path: 'context', message: 'line 1: must be a map of strings' },
      { path: 'trigger.on-created', message: 'line 1: must be a list of conditions' },
      { path: 'trigger.on-deployed', message: 'line 2: [0].send: must be a list of strings' },
      { path: 'trigger.on-deployed', message: 'line 3: [1].when: required' },
      { path: 'template.app-deployed', message: 'line 3: email: must be a map' },
      { path: 'template.app-deployed', message: 'line 5: slack.attachments: must be a string' },
      { path: 'service.slack', message: 'invalid YAML at line 1, column 8: Nested mappings are not allowed in compact mappings' },
      { path: 'service.webhook.github.extra', message: 'want service.<type> or service.<type>.<name>' },
    ]);
    expect((error as Error).message).toMatch(/^configmap argocd\/argocd-notifications-cm: subscriptions: line 1: /);
  });
});
