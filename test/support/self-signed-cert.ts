/** A throwaway self-signed certificate for 127.0.0.1, made with the `openssl` CLI at test time. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface SelfSignedCert {
  /** PEM private key. */
  readonly key: string;
  /** PEM certificate; also its own CA (basicConstraints CA:TRUE), so it can be trusted as one. */
  readonly cert: string;
  /** Where the certificate was written, for NODE_EXTRA_CA_CERTS. */
  readonly certPath: string;
}

/**
 * Writes `key.pem` and `cert.pem` into `dir`: an EC P-256 key and a certificate valid for two days, issued to
 * IP 127.0.0.1 (subjectAltName). Rejects when `openssl` is not on PATH.
 */
export async function makeSelfSignedCert(dir: string): Promise<SelfSignedCert> {
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  await new Promise<void>((resolve, reject) => {
    execFile(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      (error, _stdout, stderr) =>
        error === null ? resolve() : reject(new Error(`openssl failed: ${stderr || error.message}`)),
    );
  });
  return { key: await readFile(keyPath, 'utf8'), cert: await readFile(certPath, 'utf8'), certPath };
}
