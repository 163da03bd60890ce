// TLS material: a CA and a server certificate for 127.0.0.1/localhost, kept in dataDir when there is one.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/** PEM-encoded CA and server key pair. */
export interface TlsMaterial {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

const FILES = { ca: 'ca.crt', cert: 'server.crt', key: 'server.key' };

/** Generates (or, with `dir`, reuses) a CA and a server certificate valid for 127.0.0.1, ::1 and localhost. */
export async function tlsMaterial(dir: string | undefined): Promise<TlsMaterial> {
  if (dir !== undefined && Object.values(FILES).every((f) => existsSync(join(dir, f)))) {
    return { caPem: readFileSync(join(dir, FILES.ca), 'utf8'), certPem: readFileSync(join(dir, FILES.cert), 'utf8'), keyPem: readFileSync(join(dir, FILES.key), 'utf8') };
  }
  const notAfterDate = new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);
  const ca = await generate([{ name: 'commonName', value: 'devcluster-ca' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'kube-apiserver' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 2, value: 'kubernetes.default.svc' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  const material = { caPem: ca.cert, certPem: server.cert, keyPem: server.private };
  if (dir !== undefined) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, FILES.ca), material.caPem);
    writeFileSync(join(dir, FILES.cert), material.certPem);
    writeFileSync(join(dir, FILES.key), material.keyPem, { mode: 0o600 });
  }
  return material;
}
