// The page cache (lib/server/page-cache.ts) against the built app: a replay is the page the
// request would have rendered — never another person's, never with a nonce seen before — and
// requests whose page depends on more than the key are rendered every time.

import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIssuer, type BenchIssuer } from "../../bench/issuer";
import { chunkNames, sealSession } from "../../lib/auth/session";
import { startApp, type RunningApp } from "../support/app-server";

const SESSION_PASSWORD = "page-cache-session-password-0123456789";
const DIAGNOSTICS_TOKEN = "page-cache-diagnostics-token";

let dir: string;
let issuer: BenchIssuer;
let app: RunningApp;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "od-page-cache-"));
  await cp(path.resolve(import.meta.dirname, "../../demo/registry"), dir, { recursive: true });
  issuer = await startIssuer("opendepot");
  app = await startApp({
    REGISTRY_PATH: dir,
    OIDC_ISSUER_URL: issuer.issuer,
    OIDC_CLIENT_ID: "opendepot",
    AUTH_ANONYMOUS: "public",
    PUBLIC_BASE_URL: "http://127.0.0.1:9",
    SESSION_PASSWORD,
    DIAGNOSTICS_TOKEN,
  });
});
afterAll(async () => {
  await app?.stop();
  await issuer?.stop();
  await rm(dir, { recursive: true, force: true });
});

interface Page {
  status: number;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  text: string;
}

// node:http, not fetch: the test reads the encoding and the raw bytes.
const get = (p: string, headers: Record<string, string> = {}) =>
  new Promise<Page>((resolve, reject) => {
    http
      .get(app.url + p, { headers }, (res) => {
        const parts: Buffer[] = [];
        res.on("data", (c: Buffer) => parts.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(parts);
          const text = (res.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, text });
        });
      })
      .on("error", reject);
  });

async function hits(): Promise<number> {
  const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${DIAGNOSTICS_TOKEN}` } });
  const m = /opendepot_explorer_page_cache_total\{result="hit"\} (\d+)/.exec(await res.text());
  return m ? Number(m[1]) : 0;
}

const nonceOf = (p: Page) => /'nonce-([^']+)'/.exec(String(p.headers["content-security-policy"]))?.[1];
const withoutNonce = (p: Page) => p.text.replaceAll(nonceOf(p)!, "NONCE");

async function sessionCookie(who: { sub: string; name: string; email: string }, groups: string[]): Promise<string> {
  const idToken = await issuer.token(groups, 3600, who);
  const chunks = await sealSession(
    { idToken, expiresAt: Math.floor(Date.now() / 1000) + 3600, name: who.name, email: who.email },
    SESSION_PASSWORD,
    3600,
  );
  return chunks.map((c, i) => `${chunkNames()[i]}=${c}`).join("; ");
}

describe("page cache", () => {
  it("replays a page with a fresh nonce in the policy and on every script, and the same security headers", async () => {
    const first = await get("/stats");
    const before = await hits();
    const second = await get("/stats");
    expect(await hits()).toBe(before + 1);
    expect(second.status).toBe(200);
    const nonce = nonceOf(second)!;
    expect(nonce).toBeDefined();
    expect(nonce).not.toBe(nonceOf(first));
    const scriptNonces = [...second.text.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
    expect(second.text).not.toContain(nonceOf(first)!);
    expect(withoutNonce(second)).toBe(withoutNonce(first));
    // Written as stored parts around the nonce, with their total as the length.
    expect(Number(second.headers["content-length"])).toBe(second.raw.length);
    for (const h of ["x-content-type-options", "referrer-policy", "cache-control", "content-type"])
      expect(second.headers[h], h).toBe(first.headers[h]);
    expect(second.headers.vary).toContain("Cookie");
    expect(second.headers["x-request-id"]).not.toBe(first.headers["x-request-id"]);
  });

  it("keeps people apart: each sees their own name and only what their groups allow, first render or replay", async () => {
    const admin = { sub: "alice", name: "Alice Admin", email: "alice@example.com" };
    const peer = { sub: "carol", name: "Carol Colleague", email: "carol@example.com" };
    const dev = { sub: "bob", name: "Bob Builder", email: "bob@example.com" };
    const adminCookie = await sessionCookie(admin, ["platform-team"]);
    const peerCookie = await sessionCookie(peer, ["platform-team"]); // the same viewer class as Alice
    const devCookie = await sessionCookie(dev, ["developers"]);
    // A resource only the platform team sees.
    const all = await (
      await fetch(`${app.url}/opendepot/ui/v1/resources?limit=200`, {
        headers: { authorization: `Bearer ${await issuer.token(["platform-team"], 600, admin)}` },
      })
    ).json();
    const open = await (await fetch(`${app.url}/opendepot/ui/v1/resources?limit=200`)).json();
    const openNames = new Set(open.items.map((r: { name: string }) => r.name));
    const hidden = all.items.find((r: { name: string }) => !openNames.has(r.name)).name as string;
    const p = `/?q=${encodeURIComponent(hidden)}`;
    for (let round = 0; round < 2; round++) {
      const [a, b, anon] = [await get(p, { cookie: adminCookie }), await get(p, { cookie: devCookie }), await get(p)];
      expect(a.text).toContain("Alice Admin");
      expect(a.text).toContain(`/module/${hidden}`);
      const c = await get(p, { cookie: peerCookie });
      expect(c.text).toContain("Carol Colleague");
      expect(c.text).not.toContain("Alice Admin");
      expect(c.text).toContain(`/module/${hidden}`);
      expect(b.text).toContain("Bob Builder");
      expect(b.text).not.toContain("Alice Admin");
      expect(b.text).not.toContain(`/module/${hidden}`);
      expect(anon.text).not.toContain("Alice Admin");
      expect(anon.text).not.toContain("Bob Builder");
      expect(anon.text).not.toContain(`/module/${hidden}`);
    }
  });

  it("renders each theme and keys unknown theme values as the default", async () => {
    expect((await get("/depots", { cookie: "theme=dark" })).text).toContain('data-theme="dark"');
    expect((await get("/depots")).text).toContain('data-theme="system"');
    const before = await hits();
    expect((await get("/depots", { cookie: "theme=constructor" })).text).toContain('data-theme="system"');
    expect(await hits()).toBe(before + 1);
  });

  it("renders client navigations and requests that clear a bad session, and never stores a Set-Cookie", async () => {
    await get("/stats");
    const before = await hits();
    // Next answers a flight request (here with a redirect to its cache-busting URL), never with the page.
    const flight = await get("/stats", { rsc: "1" });
    expect(flight.headers["content-type"] ?? "").not.toContain("text/html");
    const bad = await get("/stats", { cookie: `${chunkNames()[0]}=garbage` });
    expect(bad.status).toBe(200);
    expect(String(bad.headers["set-cookie"])).toContain(`${chunkNames()[0]}=;`);
    const again = await get("/stats", { cookie: `${chunkNames()[0]}=garbage` });
    expect(String(again.headers["set-cookie"])).toContain(`${chunkNames()[0]}=;`);
    expect(await hits()).toBe(before);
  });

  it("compresses a replay for a client that accepts gzip", async () => {
    const plain = await get("/depots?view=list");
    const zipped = await get("/depots?view=list", { "accept-encoding": "gzip" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers["content-length"]).toBeUndefined();
    expect(zipped.raw.length).toBeLessThan(plain.raw.length / 3);
    expect(withoutNonce(zipped)).toBe(withoutNonce(plain));
  });

  it("drops stored pages when a new snapshot arrives", async () => {
    const p = "/?q=page-cache-probe";
    expect((await get(p)).text).not.toContain("/module/page-cache-probe");
    await writeFile(
      path.join(dir, "platform", "page-cache-probe.yaml"),
      [
        "apiVersion: opendepot.defdev.io/v1alpha1",
        "kind: Module",
        "metadata: {name: page-cache-probe, namespace: platform, labels: {opendepot.defdev.io/public: 'true'}}",
        "spec: {moduleConfig: {provider: aws}}",
        "",
      ].join("\n"),
    );
    await expect
      .poll(async () => (await get(p)).text, { timeout: 20_000, interval: 200 })
      .toContain("/module/page-cache-probe");
  });
});
