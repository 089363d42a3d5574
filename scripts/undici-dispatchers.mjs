// What src/ imports from 'undici', from undici's own modules: the bundle then carries the dispatchers the HTTP
// adapter uses, not undici's whole index (fetch, WebSocket, caches, mocks), which is half a megabyte more to load
// at every start. scripts/bundle.mjs points src/'s `undici` here; tests and type checks use the real package.
export { default as Agent } from 'undici/lib/dispatcher/agent.js';

let proxyAgentLoaded = false;

/**
 * undici's EnvHttpProxyAgent, loaded (with ProxyAgent and its SOCKS client) when the first one is made: only runs
 * with a proxy variable set need it, so the others do not evaluate it at start.
 */
export class EnvHttpProxyAgent {
  constructor(options) {
    if (!proxyAgentLoaded) {
      proxyAgentLoaded = true;
      // undici's index gives every dispatcher its request/connect/… methods; ProxyAgent opens its tunnels with
      // `client.connect()`, so without them every proxied call would fail.
      Object.assign(
        require('undici/lib/dispatcher/dispatcher.js').prototype,
        require('undici/lib/api/index.js'),
      );
    }
    // A constructor that returns an object makes `new` yield that object: the real agent.
    return new (require('undici/lib/dispatcher/env-http-proxy-agent.js'))(options);
  }
}
