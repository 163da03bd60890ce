// Parses the header block a CGI program (here `git http-backend`) writes before its body.

/** The status and headers of a CGI response, and where its body starts in the buffer read so far. */
export interface CgiHead {
  readonly status: number;
  readonly statusMessage: string | undefined;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly bodyOffset: number;
}

/** CGI heads larger than this are treated as a broken program rather than buffered forever. */
export const MAX_CGI_HEAD_BYTES = 64 * 1024;

/**
 * Parses the head at the start of `output`. Returns undefined while the blank line ending the head has
 * not arrived yet. The `Status:` pseudo-header becomes `status` (CGI default 200) and is not repeated
 * in `headers`; lines may end in CRLF or LF. Throws when the head is not valid CGI.
 */
export function parseCgiHead(output: Buffer): CgiHead | undefined {
  const crlf = output.indexOf('\r\n\r\n');
  const lf = output.indexOf('\n\n');
  const ends = [crlf < 0 ? undefined : { at: crlf, length: 4 }, lf < 0 ? undefined : { at: lf, length: 2 }];
  const end = ends.filter((e) => e !== undefined).sort((a, b) => a.at - b.at)[0];
  if (end === undefined) {
    if (output.length > MAX_CGI_HEAD_BYTES) throw new Error(`CGI head exceeds ${MAX_CGI_HEAD_BYTES} bytes`);
    return undefined;
  }
  let status = 200;
  let statusMessage: string | undefined;
  const headers: Array<readonly [string, string]> = [];
  for (const line of output.subarray(0, end.at).toString('latin1').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`malformed CGI header line ${JSON.stringify(line)}`);
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() !== 'status') {
      headers.push([name, value]);
      continue;
    }
    const parsed = /^(\d{3})(?:\s+(.*))?$/.exec(value);
    if (parsed?.[1] === undefined) throw new Error(`malformed CGI Status ${JSON.stringify(value)}`);
    status = Number(parsed[1]);
    statusMessage = parsed[2];
  }
  return { status, statusMessage, headers, bodyOffset: end.at + end.length };
}
