import { describe, expect, it } from '@jest/globals';
import { validateLabelKey, validateLabelValue } from './labels.js';
import { nameProblems } from './names.js';

describe('name rules', () => {
  it('accepts and rejects as upstream', () => {
    expect(nameProblems('my-app.example', 'subdomain')).toEqual([]);
    expect(nameProblems('Bad_Name', 'subdomain')[0]).toMatch(/^a lowercase RFC 1123 subdomain must consist/);
    expect(nameProblems('a.b', 'label')[0]).toMatch(/^a lowercase RFC 1123 label/);
    expect(nameProblems('1svc', 'dns1035')[0]).toMatch(/^a DNS-1035 label/);
    expect(nameProblems('system:controller:x', 'path-segment')).toEqual([]);
    expect(nameProblems('a/b', 'path-segment')).toEqual(["may not contain '/'"]);
    expect(nameProblems('x'.repeat(64), 'label')).toEqual(['must be no more than 63 characters']);
  });

  it('validates label keys and values', () => {
    expect(validateLabelKey('app.kubernetes.io/name')).toBeUndefined();
    expect(validateLabelKey('Bad Prefix/x')).toMatch(/^prefix part/);
    expect(validateLabelValue('')).toBeUndefined();
    expect(validateLabelValue('bad value!')).toMatch(/^a valid label must be an empty string/);
  });
});
