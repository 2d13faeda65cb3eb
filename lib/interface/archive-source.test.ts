import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tarGz } from "../testing/archives";
import { ArchiveSource, type ArchiveRequest } from "./archive-source";
import { ClientCredentialsToken, FileToken, type TokenProvider } from "./token";

const TOKEN = "stand-in-secret-token-0123456789";
const req = (name: string, extra: Partial<ArchiveRequest> = {}): ArchiveRequest => ({
  namespace: "ns",
  name,
  system: "aws",
  version: "1.0.0",
  fileName: `${name}.tar.gz`,
  ...extra,
});
const fixed = (token: string): TokenProvider => ({ token: async () => token });

async function listen(
  handler: (q: IncomingMessage, s: ServerResponse) => void,
): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const close = (s: Server) =>
  new Promise<void>((r) => {
    s.closeAllConnections();
    s.close(() => r());
  });

/** The stand-in OpenDepot: token required, X-Terraform-Get relative or absolute, errors on demand. */
let opendepot: { server: Server; origin: string };
let storage: { server: Server; origin: string };
const storageAuth: (string | undefined)[] = [];
let archive: Buffer;

beforeAll(async () => {
  archive = await tarGz([{ name: "main.tf", content: 'variable "a" {}' }]);
  storage = await listen((q, s) => {
    storageAuth.push(q.headers.authorization);
    s.end(archive);
  });
  opendepot = await listen((q, s) => {
    if (q.headers.authorization !== `Bearer ${TOKEN}`) return void s.writeHead(401).end("unauthorized");
    const m = /^\/opendepot\/modules\/v1\/ns\/([^/]+)\/aws\/1\.0\.0\/download$/.exec(q.url ?? "");
    if (q.url === "/files/archive.tar.gz") return void s.end(archive);
    if (q.url === "/files/huge") return void s.end(Buffer.alloc(4096));
    if (!m) return void s.writeHead(404).end();
    const name = m[1]!;
    if (name === "e404") return void s.writeHead(404).end();
    if (name === "e500") return void s.writeHead(500).end();
    if (name === "missing") return void s.writeHead(204, { "x-terraform-get": "/files/gone" }).end();
    const target =
      name === "relative"
        ? "../../../../../../../files/archive.tar.gz"
        : name === "absolute"
          ? `${opendepot.origin}/files/archive.tar.gz`
          : name === "huge"
            ? "/files/huge"
            : name === "git"
              ? "git::https://example.com/x.git"
              : `${storage.origin}/presigned?sig=1`;
    s.writeHead(204, { "x-terraform-get": target }).end();
  });
});
afterAll(async () => {
  await close(opendepot.server);
  await close(storage.server);
});

const source = (token: TokenProvider | null = fixed(TOKEN), maxBytes = 1 << 20) =>
  new ArchiveSource({ serverUrl: new URL(opendepot.origin), ...(token ? { token } : {}), maxBytes, timeoutMs: 5000 });

describe("OpenDepot's registry download protocol", () => {
  it("follows a relative and an absolute X-Terraform-Get with the token", async () => {
    for (const name of ["relative", "absolute"]) {
      const r = await source().read(req(name));
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (r.ok) expect(Buffer.from(r.bytes).equals(archive)).toBe(true);
    }
  });

  it("never sends the token to another origin (a presigned storage URL)", async () => {
    storageAuth.length = 0;
    const r = await source().read(req("presigned"));
    expect(r.ok).toBe(true);
    expect(storageAuth).toEqual([undefined]);
  });

  it("maps 401, 404 and 500 to unavailable with a reason that never holds the token", async () => {
    const cases: [TokenProvider | null, string, RegExp][] = [
      [fixed("wrong-token"), "relative", /refused the explorer's credential .*\(401\)/],
      [null, "relative", /\(401\)/],
      [fixed(TOKEN), "e404", /no download address for this version \(404\)/],
      [fixed(TOKEN), "e500", /answered 500/],
      [fixed(TOKEN), "missing", /no archive for this version \(404\)/],
      [fixed(TOKEN), "git", /unsupported scheme \(git\)/],
    ];
    for (const [token, name, reason] of cases) {
      const r = await source(token).read(req(name));
      expect(r).toMatchObject({ ok: false, status: "unavailable", reason: expect.stringMatching(reason) });
      expect(JSON.stringify(r)).not.toContain(TOKEN);
    }
  });

  it("refuses an archive over the size cap, and an unreachable server is unavailable", async () => {
    expect(await source(fixed(TOKEN), 1024).read(req("huge"))).toMatchObject({
      ok: false,
      status: "invalid",
      reason: expect.stringMatching(/larger than 1024/),
    });
    const down = new ArchiveSource({
      serverUrl: new URL("http://127.0.0.1:9"),
      token: fixed(TOKEN),
      maxBytes: 1024,
      timeoutMs: 2000,
    });
    expect(await down.read(req("relative"))).toMatchObject({
      ok: false,
      status: "unavailable",
      reason: expect.stringMatching(/not reachable/),
    });
  });
});

describe("the file system", () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "archives-"));
    mkdirSync(path.join(root, "dir", "mod"), { recursive: true });
    writeFileSync(path.join(root, "dir", "mod", "mod-1.0.0.tar.gz"), archive);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("reads {ARCHIVE_ROOT}/{directoryPath}/{name}/{fileName}, an absolute directoryPath staying inside", async () => {
    const s = new ArchiveSource({ archiveRoot: root, maxBytes: 1 << 20 });
    expect((await s.read(req("mod", { fileName: "mod-1.0.0.tar.gz", fileSystemDir: "dir" }))).ok).toBe(true);
    expect((await s.read(req("mod", { fileName: "mod-1.0.0.tar.gz", fileSystemDir: "/dir" }))).ok).toBe(true);
  });

  it("refuses a path that leaves ARCHIVE_ROOT", async () => {
    const s = new ArchiveSource({ archiveRoot: path.join(root, "dir"), maxBytes: 1 << 20 });
    for (const r of [
      req("..", { fileName: "x", fileSystemDir: ".." }),
      req("mod", { fileName: "../../etc/passwd", fileSystemDir: "" }),
    ]) {
      expect(await s.read(r)).toMatchObject({ ok: false, reason: "the archive's path leaves ARCHIVE_ROOT" });
    }
  });

  it("the local read wins over OpenDepot for file-system modules; others go to OpenDepot", async () => {
    const s = new ArchiveSource({
      archiveRoot: root,
      serverUrl: new URL(opendepot.origin),
      token: fixed(TOKEN),
      maxBytes: 1 << 20,
    });
    expect(await s.read(req("mod", { fileName: "mod-1.0.0.tar.gz", fileSystemDir: "dir" }))).toMatchObject({
      ok: true,
      via: "file",
    });
    expect(await s.read(req("relative"))).toMatchObject({ ok: true, via: "registry" });
  });
});

describe("tokens", () => {
  it("re-reads the token file when it changes", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "token-"));
    const file = path.join(dir, "token");
    writeFileSync(file, "first\n");
    const t = new FileToken(file);
    expect(await t.token()).toBe("first");
    writeFileSync(file, "second-longer\n");
    expect(await t.token()).toBe("second-longer");
    rmSync(file);
    await expect(t.token()).rejects.toThrow(/OPENDEPOT_TOKEN_FILE cannot be read \(ENOENT\)/);
    rmSync(dir, { recursive: true, force: true });
  });

  it("gets a client-credentials token from the issuer and renews it before expiry", async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const issuer = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: "explorer",
          client_secret: "explorer-secret",
          grant_types: ["client_credentials"],
          response_types: [],
          redirect_uris: [],
        },
      ],
      features: { clientCredentials: { enabled: true } },
      ttl: { ClientCredentials: 120 },
    });
    srv.on("request", provider.callback());
    let now = Date.now();
    const t = new ClientCredentialsToken({
      issuer: new URL(issuer),
      clientId: "explorer",
      clientSecret: "explorer-secret",
      allowInsecure: true,
      now: () => now,
    });
    const first = await t.token();
    expect(first.length).toBeGreaterThan(10);
    expect(await t.token()).toBe(first); // cached
    now += 70_000; // within a minute of expiry (120 s)
    const second = await t.token();
    expect(second).not.toBe(first);
    const bad = new ClientCredentialsToken({
      issuer: new URL(issuer),
      clientId: "explorer",
      clientSecret: "wrong",
      allowInsecure: true,
    });
    await expect(bad.token()).rejects.toThrow(/client-credentials grant failed/);
    await close(srv);
  });
});
