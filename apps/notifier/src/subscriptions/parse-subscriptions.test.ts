// Subscription annotations in every form notifications-engine reads (cases from its annotations_test.go
// and Argo CD's notification docs), plus how unreadable ones are skipped.
import { describe, it, expect } from '@jest/globals';
import { parseSubscriptions } from './parse-subscriptions.js';
import type { Subscription, SubscriptionProblem } from './subscription.js';

const P = 'notifications.argoproj.io';

describe('parseSubscriptions: subscribe.<trigger>.<service>', () => {
  const cases: readonly [label: string, annotations: Record<string, string>, expected: Subscription[]][] = [
    ['trigger and service', { [`${P}/subscribe.my-trigger.slack`]: 'my-channel' }, [{ trigger: 'my-trigger', service: 'slack', recipients: ['my-channel'] }]],
    ['empty trigger: default triggers', { [`${P}/subscribe..slack`]: 'my-channel' }, [{ trigger: null, service: 'slack', recipients: ['my-channel'] }]],
    ['service only: default triggers', { [`${P}/subscribe.slack`]: 'my-channel' }, [{ trigger: null, service: 'slack', recipients: ['my-channel'] }]],
    [
      'several recipients, trimmed, empty ones dropped',
      { [`${P}/subscribe.on-sync-failed.email`]: ' a@example.com ;b@example.com;; ' },
      [{ trigger: 'on-sync-failed', service: 'email', recipients: ['a@example.com', 'b@example.com'] }],
    ],
    ['empty value: one delivery without recipient', { [`${P}/subscribe.on-deployed.github`]: '' }, [{ trigger: 'on-deployed', service: 'github', recipients: [''] }]],
    ['only separators: nobody', { [`${P}/subscribe.on-deployed.slack`]: ' ; ' }, []],
    ['extra key segments ignored', { [`${P}/subscribe.on-deployed.slack.extra`]: 'ops' }, [{ trigger: 'on-deployed', service: 'slack', recipients: ['ops'] }]],
    ['no service: nothing', { [`${P}/subscribe.on-deployed.`]: 'ops' }, []],
    [
      'unrelated annotations ignored',
      {
        'kubectl.kubernetes.io/last-applied-configuration': '{}',
        [`${P}/other`]: 'x',
        [`notified.${P}`]: '{}',
        [`${P}/subscribe.on-created.slack`]: 'new-apps',
      },
      [{ trigger: 'on-created', service: 'slack', recipients: ['new-apps'] }],
    ],
    [
      'annotation order kept',
      { [`${P}/subscribe.on-b.slack`]: 'b', [`${P}/subscribe.on-a.teams`]: 'a' },
      [
        { trigger: 'on-b', service: 'slack', recipients: ['b'] },
        { trigger: 'on-a', service: 'teams', recipients: ['a'] },
      ],
    ],
  ];

  it.each(cases)('%s', (_label, annotations, expected) => {
    expect(parseSubscriptions(annotations)).toEqual(expected);
  });

  it('accepts no annotations at all', () => {
    expect(parseSubscriptions(undefined)).toEqual([]);
    expect(parseSubscriptions({})).toEqual([]);
  });
});

describe('parseSubscriptions: the subscriptions annotation', () => {
  const key = `${P}/subscriptions`;
  // JSON is YAML's flow form, so these read with the default parser exactly as with a YAML one.
  const cases: readonly [label: string, value: unknown, expected: Subscription[]][] = [
    [
      'triggers × destinations',
      [
        {
          trigger: ['on-sync-succeeded', 'on-sync-failed'],
          destinations: [
            { service: 'slack', recipients: ['my-channel-1', 'my-channel-2'] },
            { service: 'email', recipients: ['recipient-1'] },
          ],
        },
        { trigger: ['on-created'], destinations: [{ service: 'slack', recipients: ['my-channel-21'] }] },
      ],
      [
        { trigger: 'on-sync-succeeded', service: 'slack', recipients: ['my-channel-1', 'my-channel-2'] },
        { trigger: 'on-sync-succeeded', service: 'email', recipients: ['recipient-1'] },
        { trigger: 'on-sync-failed', service: 'slack', recipients: ['my-channel-1', 'my-channel-2'] },
        { trigger: 'on-sync-failed', service: 'email', recipients: ['recipient-1'] },
        { trigger: 'on-created', service: 'slack', recipients: ['my-channel-21'] },
      ],
    ],
    ['no trigger: default triggers', [{ destinations: [{ service: 'slack', recipients: ['ops'] }] }], [{ trigger: null, service: 'slack', recipients: ['ops'] }]],
    ['empty trigger name: default triggers', [{ trigger: [' '], destinations: [{ service: 'slack', recipients: ['ops'] }] }], [{ trigger: null, service: 'slack', recipients: ['ops'] }]],
    ['no destinations: nothing', [{ trigger: ['on-deployed'] }], []],
    ['destination without recipients: nothing', [{ trigger: ['on-deployed'], destinations: [{ service: 'webhook' }] }], []],
    ['destination without service: nothing', [{ trigger: ['on-deployed'], destinations: [{ recipients: ['ops'] }] }], []],
    [
      'keys case-insensitive, names trimmed, unknown keys ignored',
      [{ Trigger: [' on-deployed '], DESTINATIONS: [{ Service: ' slack ', Recipients: [' ops ', ''] }], note: 'x' }],
      [{ trigger: 'on-deployed', service: 'slack', recipients: ['ops'] }],
    ],
    ['null entries and lists', [null, { trigger: null, destinations: [null, { service: 'slack', recipients: ['ops'] }] }], [{ trigger: null, service: 'slack', recipients: ['ops'] }]],
    ['null document', null, []],
  ];

  it.each(cases)('%s', (_label, value, expected) => {
    const problems: SubscriptionProblem[] = [];
    expect(parseSubscriptions({ [key]: JSON.stringify(value) }, { onProblem: (p) => problems.push(p) })).toEqual(expected);
    expect(problems).toEqual([]);
  });

  it('combines with subscribe.* annotations', () => {
    const annotations = {
      [`${P}/subscribe.on-deployed.slack`]: 'deploys',
      [key]: JSON.stringify([{ trigger: ['on-health-degraded'], destinations: [{ service: 'pagerduty', recipients: ['oncall'] }] }]),
    };
    expect(parseSubscriptions(annotations)).toEqual([
      { trigger: 'on-deployed', service: 'slack', recipients: ['deploys'] },
      { trigger: 'on-health-degraded', service: 'pagerduty', recipients: ['oncall'] },
    ]);
  });

  it('reads the block-style YAML Argo users write', () => {
    const yaml = '- trigger: [on-sync-failed]\n  destinations:\n    - service: slack\n      recipients: [ops]\n';
    expect(parseSubscriptions({ [key]: yaml })).toEqual([{ trigger: 'on-sync-failed', service: 'slack', recipients: ['ops'] }]);
  });

  it('reads YAML through the parser it is given', () => {
    const yaml = '- trigger: [on-sync-failed]\n  destinations:\n    - service: slack\n      recipients: [ops]\n';
    const parseYaml = (text: string): unknown => {
      expect(text).toBe(yaml);
      return [{ trigger: ['on-sync-failed'], destinations: [{ service: 'slack', recipients: ['ops'] }] }];
    };
    expect(parseSubscriptions({ [key]: yaml }, { parseYaml })).toEqual([{ trigger: 'on-sync-failed', service: 'slack', recipients: ['ops'] }]);
  });

  const unreadable: readonly [label: string, value: string, message: string][] = [
    ['empty', '', 'subscription is not defined'],
    ['not parseable', '[{', 'cannot parse: '],
    ['not a list', JSON.stringify({ trigger: ['a'] }), 'expected a list of {trigger, destinations}'],
    ['entry not a mapping', JSON.stringify(['on-deployed']), '[0] must be a mapping with trigger and destinations'],
    ['trigger a string, not a list', JSON.stringify([{ trigger: 'on-deployed', destinations: [] }]), '[0].trigger must be a list of trigger names'],
    ['destinations not a list', JSON.stringify([{ trigger: ['a'], destinations: { service: 'slack' } }]), '[0].destinations must be a list of {service, recipients}'],
    ['recipient a number', JSON.stringify([{ trigger: ['a'], destinations: [{ service: 'slack', recipients: [42] }] }]), '[0].destinations[0].recipients must be a list of strings'],
    ['service a number', JSON.stringify([{}, { destinations: [{ service: 7, recipients: ['x'] }] }]), '[1].destinations[0].service must be a string'],
  ];

  it.each(unreadable)('skips the whole annotation when %s, reporting why', (_label, value, message) => {
    const problems: SubscriptionProblem[] = [];
    const annotations = {
      [`${P}/subscriptions`]: value,
      [`${P}/subscribe.on-deployed.slack`]: 'still-read',
    };
    expect(parseSubscriptions(annotations, { onProblem: (p) => problems.push(p) })).toEqual([{ trigger: 'on-deployed', service: 'slack', recipients: ['still-read'] }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.annotation).toBe(`${P}/subscriptions`);
    expect(problems[0]?.message.startsWith(message)).toBe(true);
  });
});
