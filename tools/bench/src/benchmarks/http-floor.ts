// The in-run baseline for API-server benchmarks: a bare node:http server in its own process that
// reads a JSON body, parses it and answers 201 — the floor any Node HTTP API server sits on.
import { spawn } from 'node:child_process';

const FLOOR_SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
    const out = JSON.stringify(body);
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
    res.end(out);
  });
});
server.listen(0, '127.0.0.1', () => console.log('floor ready at http://127.0.0.1:' + server.address().port));
`;

/** Starts the floor server; resolves with its URL and a stop function. */
export function startHttpFloor(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['-e', FLOOR_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /floor ready at (\S+)/.exec(chunk.toString());
      if (match) resolve({ url: match[1]!, stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`floor server exited (${code})`)));
  });
}
