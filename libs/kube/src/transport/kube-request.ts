// Raw JSON requests to a cluster through client-node's own HTTP stack (auth, TLS, proxy from the
// KubeConfig), for calls the typed clients cannot express: any GVK, any patch content type.
import https from 'node:https';
import * as k8s from '@kubernetes/client-node';
import { errorForStatus, statusMessage, toKubeError } from '../errors/kube-error.js';
import type { KubeCallContext } from '../errors/kube-error.js';

/** One request: path below the server URL, query parameters (undefined ones are left out), JSON body. */
export interface KubeRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  /** @defaultValue `application/json` when there is a body */
  readonly contentType?: string;
}

/** Sends requests to one cluster; resolves with the parsed JSON body, rejects with a typed error. */
export interface KubeRequester {
  /** The API server URL, for messages and error context. */
  readonly server: string;
  /** Sends `request`; a non-2xx answer or a network failure rejects via the one error mapping, named by `ctx`. */
  send<T>(request: KubeRequest, ctx: Omit<KubeCallContext, 'server'>): Promise<T>;
}

/** A requester for the current context of `kc`. Throws if `kc` has no current cluster. */
export function createKubeRequester(kc: k8s.KubeConfig): KubeRequester {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the KubeConfig has no current cluster');
  const server = cluster.server.replace(/\/+$/, '');
  const baseServer = new k8s.ServerConfiguration(server, {});
  const configuration = k8s.createConfiguration({ baseServer, authMethods: { default: kc } });
  // client-node gives every request a new TLS agent, so each one paid a TLS handshake (a quarter of the
  // worker's CPU in the sync benchmark). One keep-alive agent with the same TLS options serves them all.
  let keepAlive: https.Agent | undefined;
  const reuseConnections = (context: k8s.RequestContext): void => {
    const agent = context.getAgent();
    if (!(agent instanceof https.Agent) || agent.constructor !== https.Agent) return; // proxies keep their own
    keepAlive ??= new https.Agent({ ...agent.options, keepAlive: true });
    context.setAgent(keepAlive);
  };

  // A kept-alive socket the server closes while idle can be reset under the next request on it: a GET
  // is sent once more on a fresh socket, as client-go does; writes are left to their callers' retries.
  async function exchange(request: KubeRequest): Promise<{ response: k8s.ResponseContext; text: string }> {
    try {
      return await exchangeOnce(request);
    } catch (error) {
      if (request.method !== 'GET' || !isConnectionReset(error)) throw error;
      return exchangeOnce(request);
    }
  }

  async function exchangeOnce(request: KubeRequest): Promise<{ response: k8s.ResponseContext; text: string }> {
    const context = baseServer.makeRequestContext(request.path, request.method as k8s.HttpMethod);
    context.setHeaderParam('Accept', 'application/json');
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) context.setQueryParam(key, String(value));
    }
    if (request.body !== undefined) {
      context.setHeaderParam('Content-Type', request.contentType ?? 'application/json');
      context.setBody(JSON.stringify(request.body));
    }
    await kc.applySecurityAuthentication(context);
    reuseConnections(context);
    const response = await configuration.httpApi.send(context).toPromise();
    return { response, text: await response.body.text() };
  }

  async function send<T>(request: KubeRequest, callCtx: Omit<KubeCallContext, 'server'>): Promise<T> {
    const ctx: KubeCallContext = { server, ...callCtx };
    let response: k8s.ResponseContext;
    let text: string;
    try {
      ({ response, text } = await exchange(request));
    } catch (error) {
      throw toKubeError(error, ctx);
    }
    if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
      throw errorForStatus(response.httpStatusCode, statusMessage(text), ctx, new k8s.ApiException(response.httpStatusCode, 'Unsuccessful HTTP Request', text, response.headers));
    }
    return (text ? JSON.parse(text) : {}) as T;
  }

  return { server, send };
}

/** A socket reset by the server (node-fetch's FetchError carries the system error's code). */
function isConnectionReset(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'ECONNRESET' || code === 'EPIPE';
}
