import { describe, expect, it } from "vitest";
import { jsonTextResponse, stamped } from "./http";

async function chunks(response: Response): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

describe("jsonTextResponse", () => {
  it("sends cached bytes as they are, without copying them", async () => {
    const cached = Buffer.from(JSON.stringify({ nodes: "x".repeat(100_000) }));
    const sent = await chunks(jsonTextResponse(stamped(cached, () => ({ generatedAt: "2026-12-06T14:00:00Z" }))));
    expect(sent[0]!.buffer).toBe(cached.buffer);
    expect(JSON.parse(Buffer.concat(sent).toString("utf8"))).toEqual({
      nodes: "x".repeat(100_000),
      generatedAt: "2026-12-06T14:00:00Z",
    });
    // The cache entry is untouched for the next response.
    expect(JSON.parse(cached.toString("utf8"))).toEqual({ nodes: "x".repeat(100_000) });
  });

  it("sets the JSON and no-store headers on bytes and on text", () => {
    for (const response of [jsonTextResponse([Buffer.from("{}")], 200), jsonTextResponse("{}", 404)]) {
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      expect(response.headers.get("vary")).toBe("Authorization, Cookie");
    }
  });
});

describe("stamped", () => {
  it("appends the stamp's members to an object, empty or not, and leaves a body without a stamp alone", () => {
    const text = (parts: readonly Uint8Array[]) => Buffer.concat(parts).toString("utf8");
    const stamp = () => ({ generatedAt: "t" });
    expect(text(stamped(Buffer.from('{"a":1}'), stamp))).toBe('{"a":1,"generatedAt":"t"}');
    expect(text(stamped(Buffer.from("{}"), stamp))).toBe('{"generatedAt":"t"}');
    expect(text(stamped(Buffer.from('{"a":1}'), () => ({})))).toBe('{"a":1}');
    expect(text(stamped(Buffer.from('{"a":1}')))).toBe('{"a":1}');
  });
});
