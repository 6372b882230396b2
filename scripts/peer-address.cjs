// Preloaded into the Next.js server by the launcher (node --require): stamps every request with
// the address of its TCP peer in x-parley-peer-address, overwriting whatever a client sent, so
// lib/http/request.ts clientIp() can rate-limit by an address the client cannot choose
// (X-Forwarded-For is trusted only with TRUST_PROXY). CommonJS: --require runs before Next loads.
"use strict";
const http = require("node:http");

const HEADER = "x-parley-peer-address";
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function emitWithPeerAddress(event, request, ...rest) {
  if (event === "request" && request && request.headers) {
    const address = request.socket && request.socket.remoteAddress;
    if (address) request.headers[HEADER] = address;
    else delete request.headers[HEADER];
    // The raw header list too: Next builds its Headers from it in some paths.
    if (Array.isArray(request.rawHeaders)) {
      for (let i = request.rawHeaders.length - 2; i >= 0; i -= 2) {
        if (String(request.rawHeaders[i]).toLowerCase() === HEADER) request.rawHeaders.splice(i, 2);
      }
      if (address) request.rawHeaders.push(HEADER, address);
    }
  }
  return emit.call(this, event, request, ...rest);
};
