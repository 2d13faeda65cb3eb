// The built app against requests no browser sends: random paths and query strings, malformed
// escapes and framework headers, odd methods, prototype-named parameters and README keys. Nothing
// answers 5xx; the browse API always answers JSON; pages and 404s vary by credential.

import { readFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";

const G = "opendepot.defdev.io/v1alpha1";
const PUB = '{opendepot.defdev.io/public: "true"}';
const README = Buffer.from("# Hello\n").toString("base64");

let dir: string;
let app: RunningApp;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "od-hostile-"));
  const readmeModule = (name: string, key: string) =>
    `---\napiVersion: ${G}\nkind: Module\nmetadata: {name: ${name}, namespace: platform, labels: ${PUB}}\nspec: {moduleConfig: {provider: aws}}\n` +
    `---\napiVersion: ${G}\nkind: Version\nmetadata: {name: ${name}-1, namespace: platform}\nspec: {version: 1.0.0, moduleConfigRef: {name: ${name}}}\n` +
    `status: {synced: true, readmeConfigMapRef: {name: readmes, key: ${JSON.stringify(key)}}}\n`;
  await writeFile(
    path.join(dir, "registry.yaml"),
    `apiVersion: v1\nkind: Namespace\nmetadata: {name: platform, labels: ${PUB}}\n` +
      `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: readmes, namespace: platform}\ndata: {README.md: "${README}"}\n` +
      ["constructor", "__proto__", "toString", "README.md"].map((k, i) => readmeModule(`readme-${i}`, k)).join("") +
      `---\napiVersion: ${G}\nkind: Depot\nmetadata: {name: main, namespace: platform, labels: ${PUB}}\nspec: {global: {storageConfig: {fileSystem: {}}}}\nstatus: {modules: [readme-0]}\n`,
  );
  app = await startApp({
    REGISTRY_PATH: dir,
    DEV_TOKEN_INPUT_ENABLED: "true",
    SESSION_PASSWORD: "a-session-password-for-the-http-tests-0123",
    PUBLIC_BASE_URL: "http://127.0.0.1:9",
  });
});
afterAll(async () => {
  await app?.stop();
  await rm(dir, { recursive: true, force: true });
});

const get = (p: string, init?: RequestInit) => fetch(app.url + p, { redirect: "manual", ...init });

describe("malformed requests", () => {
  it("answers a malformed escape in a path with the JSON 400 on the API and the 404 page on pages, with security headers", async () => {
    for (const p of [
      "/opendepot/ui/v1/resources/x/module/%FF",
      "/opendepot/ui/v1/resources/%E0%A4%A/module/x",
      "/opendepot/ui/v1/%",
    ]) {
      const res = await get(p);
      expect(res.status, p).toBe(400);
      expect(await res.json()).toEqual({
        error: { code: "bad_request", message: "the request path holds a malformed percent-escape", param: "path" },
      });
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
    for (const p of ["/x/module/%FF", "/%C0%AF", "/depots/%ZZ"]) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(await res.text()).toContain("Not found");
    }
  });

  it("answers a malformed Next-Router-State-Tree with the 404 page, never a 500", async () => {
    for (const value of ["%%%", "[1]", "%7B%7D", "x".repeat(12_000)]) {
      // Next redirects to a cache-busting `_rsc` URL first; follow it as the router would.
      const res = await fetch(`${app.url}/stats`, { headers: { rsc: "1", "next-router-state-tree": value } });
      expect(res.status, value.slice(0, 10)).toBe(404);
    }
    const api = await get("/opendepot/ui/v1/stats", { headers: { "next-router-state-tree": "%%%" } });
    expect(api.status).toBe(400);
    expect(((await api.json()) as { error: { param: string } }).error.param).toBe("Next-Router-State-Tree");
  });

  it("puts Vary: Authorization, Cookie on pages, the 404 page and 405s, and Allow on every 405 as OPTIONS lists it", async () => {
    for (const p of [
      "/",
      "/stats",
      "/depots",
      "/platform/module/readme-3",
      "/no/such/page",
      "/opendepot/ui/v1/stats",
    ]) {
      const vary = (await get(p)).headers.get("vary") ?? "";
      expect(vary, p).toMatch(/\bAuthorization\b/);
      expect(vary, p).toMatch(/\bCookie\b/);
    }
    const manifest = JSON.parse(
      await readFile(path.resolve(import.meta.dirname, "../../.next/app-path-routes-manifest.json"), "utf8"),
    ) as Record<string, string>;
    const handlers = Object.entries(manifest)
      .filter(([file]) => file.endsWith("/route"))
      .map(([, route]) =>
        route
          .replace("[...rest]", "anything")
          .replace(/\[(\w+)\]/g, (_m, p: string) => (p === "kind" ? "module" : "x")),
      );
    expect(handlers.length).toBeGreaterThan(10);
    for (const route of handlers) {
      const options = await get(route, { method: "OPTIONS" });
      const allow = options.headers.get("allow");
      expect(allow, route).toBeTruthy();
      const res = await get(route, { method: "PUT" });
      expect(res.status, route).toBe(405);
      expect(res.headers.get("allow"), route).toBe(allow);
      expect(res.headers.get("vary"), route).toMatch(/Authorization.*Cookie|Cookie.*Authorization/);
    }
  });

  it("redirects a dev-token form post with a malformed Referer home instead of failing", async () => {
    for (const referer of ["http://[", "http://%", "http://127.0.0.1:9/auth/logout", "https://evil.example/x"]) {
      const res = await get("/auth/dev-token", {
        method: "POST",
        headers: { origin: "http://127.0.0.1:9", referer, "content-type": "application/x-www-form-urlencoded" },
        body: "token=",
      });
      expect(res.status, referer).toBe(303);
      expect(res.headers.get("location"), referer).toBe("http://127.0.0.1:9/");
    }
  });

  it("serves a README whose key is a prototype name as missing, and the right key as the README", async () => {
    for (const i of [0, 1, 2]) {
      const res = await get(`/opendepot/ui/v1/resources/platform/module/readme-${i}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { readmeContent?: string }).readmeContent).toBeUndefined();
      expect((await get(`/platform/module/readme-${i}`)).status).toBe(200);
    }
    expect(
      ((await (await get("/opendepot/ui/v1/resources/platform/module/readme-3")).json()) as { readmeContent?: string })
        .readmeContent,
    ).toBe("# Hello\n");
  });

  it("renders the Registry page for prototype-named parameters and auth_error codes", async () => {
    for (const q of [
      "auth_error=constructor",
      "auth_error=__proto__",
      "toString=1",
      "constructor=x&__proto__=y",
      "hasOwnProperty=1&valueOf=2",
    ]) {
      const res = await get(`/?${q}`);
      expect(res.status, q).toBe(200);
      const html = await res.text();
      expect(html, q).not.toContain("Something went wrong");
      expect(html, q).toContain("Registry");
    }
    expect(await (await get("/?auth_error=constructor")).text()).toContain("Sign-in failed.");
  });
});

// Random requests (issue: "no 5xx, JSON errors on the API"): paths built from the app's own
// segments, percent-escapes (valid, invalid, overlong UTF-8), unicode and prototype names, with
// repeated and prototype-named query parameters.
describe("random requests", () => {
  const segment = fc.oneof(
    fc.constantFrom(
      "opendepot",
      "ui",
      "v1",
      "resources",
      "depots",
      "graph",
      "stats",
      "namespaces",
      "whoami",
      "versions",
      "scan-findings",
      "platform",
      "module",
      "provider",
      "readme-0",
      "x",
    ),
    fc.constantFrom("__proto__", "constructor", "toString", "prototype", "hasOwnProperty", "..", ".", ""),
    fc.constantFrom("%FF", "%", "%2", "%ZZ", "%C0%AF", "%E0%A4%A", "%00", "%2F", "%25", "%F0%9F%98%80", "%ED%A0%80"),
    fc.string({ unit: "grapheme", maxLength: 8 }).map(encodeURIComponent),
    fc.string({ maxLength: 6 }).map((s) => s.replace(/[/?#]/g, "")),
  );
  const pathArb = fc
    .tuple(fc.boolean(), fc.array(segment, { minLength: 1, maxLength: 7 }))
    .map(([api, parts]) => `/${api ? "opendepot/ui/v1/" : ""}${parts.join("/")}`);
  const name = fc.constantFrom(
    "q",
    "page",
    "page_size",
    "sort_by",
    "order",
    "kind",
    "namespace",
    "limit",
    "depot",
    "synced",
    "severity",
    "version",
    "__proto__",
    "constructor",
    "toString",
    "auth_error",
    "view",
  );
  const value = fc.oneof(
    fc.constantFrom("1", "-1", "0", "99999999999999999999", "module", "name", "%FF", "%", "constructor", "a/b", ""),
    fc.string({ maxLength: 10 }),
  );
  const queryArb = fc
    .array(fc.tuple(name, value), { maxLength: 6 })
    .map((pairs) => pairs.map(([k, v]) => `${k}=${/^%/.test(v) ? v : encodeURIComponent(v)}`).join("&"));

  it("never answer 5xx, and the browse API always answers JSON", async () => {
    await fc.assert(
      fc.asyncProperty(pathArb, queryArb, async (p, q) => {
        const url = q ? `${p}?${q}` : p;
        const res = await get(url);
        const body = await res.text();
        expect(res.status, url).toBeLessThan(500);
        // The path as it reaches the server (fetch resolves `.` and `..`).
        if (!new URL(app.url + p).pathname.startsWith("/opendepot/ui/v1/")) return;
        if (res.status < 300) expect(() => JSON.parse(body), url).not.toThrow();
        if (res.status >= 400) expect(res.headers.get("content-type"), url).toContain("application/json");
      }),
      { numRuns: 300 },
    );
  }, 180_000);
});
