import { describe, it, expect } from '@jest/globals';
import { parseCgiHead } from './cgi-head.js';

describe('parseCgiHead', () => {
  it('reads Status, keeps other headers and points at the body', () => {
    const output = Buffer.from('Status: 404 Not Found\r\nContent-Type: text/plain\r\n\r\nmissing');
    const head = parseCgiHead(output);
    expect(head).toMatchObject({ status: 404, statusMessage: 'Not Found', headers: [['Content-Type', 'text/plain']] });
    expect(output.subarray(head?.bodyOffset).toString()).toBe('missing');
  });

  it('defaults to 200 and accepts LF line ends', () => {
    const output = Buffer.from('Content-Type: application/x-git-upload-pack-advertisement\n\n001e# service');
    const head = parseCgiHead(output);
    expect(head?.status).toBe(200);
    expect(output.subarray(head?.bodyOffset).toString()).toBe('001e# service');
  });

  it('waits for the blank line', () => {
    expect(parseCgiHead(Buffer.from('Content-Type: text/plain\r\n'))).toBeUndefined();
  });

  it('rejects a malformed head', () => {
    expect(() => parseCgiHead(Buffer.from('not a header\r\n\r\n'))).toThrow(/malformed/);
    expect(() => parseCgiHead(Buffer.from('Status: ok\r\n\r\n'))).toThrow(/Status/);
  });
});
