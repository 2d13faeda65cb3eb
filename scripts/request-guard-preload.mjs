// `node --import …/request-guard-preload.mjs`: every server the process creates gets the request
// guard (request-guard.mjs) around its listener. The Next server is the only one it creates.
import http from "node:http";
import { guardListener } from "./request-guard.mjs";

if (!globalThis.__opendepotRequestGuard) {
  globalThis.__opendepotRequestGuard = true;
  const createServer = http.createServer;
  http.createServer = function guardedCreateServer(...args) {
    const i = args.findIndex((a) => typeof a === "function");
    if (i >= 0) args[i] = guardListener(args[i]);
    return createServer.apply(this, args);
  };
}
