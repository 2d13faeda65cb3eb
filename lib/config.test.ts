import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

const demo = process.cwd();
const SESSION = { SESSION_PASSWORD: "s".repeat(32), PUBLIC_BASE_URL: "https://opendepot.example.com" };
const parse = (env: Record<string, string>) => parseConfig(env, demo);

function failure(env: Record<string, string>): ConfigError {
  try {
    parse(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("defaults to the file source, public anonymous access and no OIDC", () => {
    expect(parse({})).toMatchObject({
      registrySource: "file",
      authAnonymous: "public",
      opendepotNamespace: "opendepot-system",
      logLevel: "info",
    });
    expect(parse({}).oidc).toBeUndefined();
  });

  it("reads the input limits, with units for bytes, and names the variable when one is out of range", () => {
    expect(parse({})).toMatchObject({ registryMaxFileBytes: 8 * 1024 * 1024, registryMaxYamlAliases: 10_000 });
    expect(parse({ REGISTRY_MAX_FILE_BYTES: "16MiB", REGISTRY_MAX_YAML_ALIASES: "0" })).toMatchObject({
      registryMaxFileBytes: 16 * 1024 * 1024,
      registryMaxYamlAliases: 0,
    });
    expect(parse({ REGISTRY_MAX_FILE_BYTES: "65536" }).registryMaxFileBytes).toBe(65536);
    expect(failure({ REGISTRY_MAX_FILE_BYTES: "8MB" }).message).toMatch(
      /^invalid configuration: REGISTRY_MAX_FILE_BYTES must be a whole number .*suffixes: KiB, MiB, GiB/,
    );
    expect(failure({ REGISTRY_MAX_FILE_BYTES: "12" }).variable).toBe("REGISTRY_MAX_FILE_BYTES");
    expect(failure({ REGISTRY_MAX_YAML_ALIASES: "-1" }).variable).toBe("REGISTRY_MAX_YAML_ALIASES");
    const oidc = { OIDC_ISSUER_URL: "https://d/dex", OIDC_CLIENT_ID: "o", ...SESSION };
    expect(parse({ ...oidc, OIDC_MAX_GROUPS: "50" }).oidc?.maxGroups).toBe(50);
    expect(failure({ ...oidc, OIDC_MAX_GROUPS: "0" }).variable).toBe("OIDC_MAX_GROUPS");
    expect(parse({}).pageCacheBytes).toBeUndefined();
    expect(parse({ PAGE_CACHE_BYTES: "24MiB" }).pageCacheBytes).toBe(24 * 1024 * 1024);
    expect(parse({ PAGE_CACHE_BYTES: "0" }).pageCacheBytes).toBe(0);
    expect(failure({ PAGE_CACHE_BYTES: "lots" }).variable).toBe("PAGE_CACHE_BYTES");
  });

  it("accepts ANONYMOUS_AUTH=true as AUTH_ANONYMOUS=all, and rejects disagreement", () => {
    expect(parse({ ANONYMOUS_AUTH: "true" }).authAnonymous).toBe("all");
    expect(parse({ ANONYMOUS_AUTH: "true", AUTH_ANONYMOUS: "all" }).authAnonymous).toBe("all");
    expect(failure({ ANONYMOUS_AUTH: "true", AUTH_ANONYMOUS: "public" }).variable).toBe("AUTH_ANONYMOUS");
    expect(failure({ ANONYMOUS_AUTH: "false", AUTH_ANONYMOUS: "all" }).variable).toBe("AUTH_ANONYMOUS");
  });

  it("configures OIDC with defaults, none for anonymous callers, and a warning for all", () => {
    const c = parse({ OIDC_ISSUER_URL: "https://dex.example.com/dex", OIDC_CLIENT_ID: "opendepot", ...SESSION });
    expect(c.oidc).toEqual({
      issuer: "https://dex.example.com/dex",
      clientId: "opendepot",
      uiClientId: "opendepot-ui",
      scopes: "openid profile email groups",
      groupsClaim: "groups",
      allowClientCredentials: false,
      clientCredentialsClients: [],
      maxGroups: 1000,
    });
    expect(c.authAnonymous).toBe("none");
    expect(
      parse({ OIDC_ISSUER_URL: "https://d/dex", OIDC_CLIENT_ID: "o", AUTH_ANONYMOUS: "all", ...SESSION }).warnings,
    ).toHaveLength(1);
    expect(parse({ OIDC_ISSUER_URL: "http://127.0.0.1:5556/dex", OIDC_CLIENT_ID: "o", ...SESSION }).oidc?.issuer).toBe(
      "http://127.0.0.1:5556/dex",
    );
    expect(parse({ OIDC_ISSUER_URL: "http://localhost:5556/dex", OIDC_CLIENT_ID: "o", ...SESSION }).oidc).toBeDefined();
  });

  it.each([
    [{ AUTH_ANONYMOUS: "none" }, "AUTH_ANONYMOUS"],
    [{ AUTH_ANONYMOUS: "everyone" }, "AUTH_ANONYMOUS"],
    [{ ANONYMOUS_AUTH: "yes" }, "ANONYMOUS_AUTH"],
    [{ OIDC_ISSUER_URL: "http://dex.example.com/dex", OIDC_CLIENT_ID: "o" }, "OIDC_ISSUER_URL"],
    [{ OIDC_ISSUER_URL: "not a url", OIDC_CLIENT_ID: "o" }, "OIDC_ISSUER_URL"],
    [{ OIDC_ISSUER_URL: "https://d/dex" }, "OIDC_CLIENT_ID"],
    [
      { OIDC_ISSUER_URL: "https://d/dex", OIDC_CLIENT_ID: "o", OIDC_ALLOW_CLIENT_CREDENTIALS: "true" },
      "OIDC_CLIENT_CREDENTIALS_CLIENTS",
    ],
    [{ OIDC_ISSUER_URL: "https://d/dex", OIDC_CLIENT_ID: "o" }, "SESSION_PASSWORD"],
    [{ OIDC_ISSUER_URL: "https://d/dex", OIDC_CLIENT_ID: "o", SESSION_PASSWORD: "short" }, "SESSION_PASSWORD"],
    [{ DEV_TOKEN_INPUT_ENABLED: "true", SESSION_PASSWORD: "s".repeat(32) }, "PUBLIC_BASE_URL"],
    [
      { DEV_TOKEN_INPUT_ENABLED: "true", SESSION_PASSWORD: "s".repeat(32), PUBLIC_BASE_URL: "https://x.example/sub" },
      "PUBLIC_BASE_URL",
    ],
    [{ DEV_TOKEN_INPUT_ENABLED: "yes" }, "DEV_TOKEN_INPUT_ENABLED"],
    [
      { OIDC_ISSUER_URL: "https://d/dex", OIDC_CLIENT_ID: "o", OIDC_ALLOW_CLIENT_CREDENTIALS: "yes" },
      "OIDC_ALLOW_CLIENT_CREDENTIALS",
    ],
    [{ REGISTRY_SOURCE: "s3" }, "REGISTRY_SOURCE"],
    [{ REGISTRY_SOURCE: "kubernetes", WATCH_NAMESPACES: "a,B_b" }, "WATCH_NAMESPACES"],
    [{ VALKEY_URL: "http://valkey:6379" }, "VALKEY_URL"],
    [{ DOWNLOADS_REFRESH: "fast" }, "DOWNLOADS_REFRESH"],
    [{ REGISTRY_PATH: "/definitely/not/here" }, "REGISTRY_PATH"],
    [{ OPENDEPOT_NAMESPACE: "Not_A_Namespace" }, "OPENDEPOT_NAMESPACE"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ DIAGNOSTICS_TOKEN: "short" }, "DIAGNOSTICS_TOKEN"],
  ])("rejects %j naming %s in one line with an example", (env, variable) => {
    const err = failure(env);
    expect(err.variable).toBe(variable);
    expect(err.message).toMatch(new RegExp(`^invalid configuration: ${variable} .*\\(example: ${variable}=.+\\)$`));
    expect(err.message).not.toContain("\n");
  });

  it("module archives: ARCHIVE_ROOT defaults to the registry folder with the file source only", () => {
    expect(parse({}).archives).toMatchObject({
      root: demo,
      maxArchiveBytes: 32 * 1024 ** 2,
      maxUnpackedBytes: 128 * 1024 ** 2,
      maxEntries: 10_000,
      parseTimeoutMs: 20_000,
    });
    expect(parse({ REGISTRY_SOURCE: "kubernetes" }).archives.root).toBeUndefined();
    expect(
      parse({ ARCHIVE_MAX_BYTES: "64MiB", ARCHIVE_MAX_FILE_BYTES: "512KiB", ARCHIVE_PARSE_TIMEOUT: "500ms" }).archives,
    ).toMatchObject({ maxArchiveBytes: 64 * 1024 ** 2, maxFileBytes: 512 * 1024, parseTimeoutMs: 500 });
    expect(failure({ ARCHIVE_MAX_BYTES: "lots" }).message).toMatch(/ARCHIVE_MAX_BYTES must be a size/);
    expect(failure({ ARCHIVE_PARSE_TIMEOUT: "1h" }).variable).toBe("ARCHIVE_PARSE_TIMEOUT");
    expect(failure({ ARCHIVE_ROOT: "/does/not/exist" }).variable).toBe("ARCHIVE_ROOT");
  });

  it("module archives: OpenDepot's server, a token file or client credentials", () => {
    expect(parse({ OPENDEPOT_SERVER_URL: "http://opendepot:8080", OPENDEPOT_TOKEN_FILE: "/t" }).archives).toMatchObject(
      { serverUrl: new URL("http://opendepot:8080"), tokenFile: "/t" },
    );
    expect(failure({ OPENDEPOT_SERVER_URL: "ftp://x" }).variable).toBe("OPENDEPOT_SERVER_URL");
    expect(failure({ OPENDEPOT_TOKEN_FILE: "/t" }).variable).toBe("OPENDEPOT_SERVER_URL");
    expect(failure({ OPENDEPOT_SERVER_URL: "http://o", OPENDEPOT_CLIENT_ID: "x" }).variable).toBe(
      "OPENDEPOT_CLIENT_SECRET",
    );
    expect(
      failure({ OPENDEPOT_SERVER_URL: "http://o", OPENDEPOT_CLIENT_ID: "x", OPENDEPOT_CLIENT_SECRET: "y" }).message,
    ).toMatch(/needs OIDC_ISSUER_URL/);
    const oidc = { OIDC_ISSUER_URL: "https://dex.example.com/dex", OIDC_CLIENT_ID: "opendepot", ...SESSION };
    expect(
      parse({ ...oidc, OPENDEPOT_SERVER_URL: "http://o", OPENDEPOT_CLIENT_ID: "x", OPENDEPOT_CLIENT_SECRET: "y" })
        .archives.clientCredentials,
    ).toEqual({ clientId: "x", clientSecret: "y", issuer: "https://dex.example.com/dex" });
    expect(
      failure({
        ...oidc,
        OPENDEPOT_SERVER_URL: "http://o",
        OPENDEPOT_CLIENT_ID: "x",
        OPENDEPOT_CLIENT_SECRET: "y",
        OPENDEPOT_TOKEN_FILE: "/t",
      }).variable,
    ).toBe("OPENDEPOT_TOKEN_FILE");
  });
});
