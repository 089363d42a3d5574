// `node:http2` as undici's HTTP/2 client sees it in our bundles: undici loads its HTTP/2 client, and with it Node's
// http2 and tls modules (about 30 ms), at every start, only to read a few constants; the HTTP adapter never speaks
// HTTP/2 (undici's allowH2 is off). Here the constants are written out and the module is loaded on first use.
// scripts/bundle-options.mjs checks them against Node's own at every build.
'use strict';

module.exports = {
  constants: {
    HTTP2_HEADER_AUTHORITY: ':authority',
    HTTP2_HEADER_METHOD: ':method',
    HTTP2_HEADER_PATH: ':path',
    HTTP2_HEADER_SCHEME: ':scheme',
    HTTP2_HEADER_CONTENT_LENGTH: 'content-length',
    HTTP2_HEADER_EXPECT: 'expect',
    HTTP2_HEADER_STATUS: ':status',
    HTTP2_HEADER_PROTOCOL: ':protocol',
    NGHTTP2_REFUSED_STREAM: 7,
    NGHTTP2_CANCEL: 8,
  },
  connect: (...args) => process.getBuiltinModule('node:http2').connect(...args),
};
