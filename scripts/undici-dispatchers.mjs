// What src/ imports from 'undici', from undici's own modules: the bundle then carries the dispatchers the HTTP
// adapter uses, not undici's whole index (fetch, WebSocket, caches, mocks), which is half a megabyte more to load
// at every start. scripts/bundle.mjs points src/'s `undici` here; tests and type checks use the real package.
export { default as Agent } from 'undici/lib/dispatcher/agent.js';
export { default as EnvHttpProxyAgent } from 'undici/lib/dispatcher/env-http-proxy-agent.js';
