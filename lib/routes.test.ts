import { describe, expect, it } from "vitest";
import {
  depotsPath,
  findingsApiQuery,
  registryPath,
  resourceApiPath,
  resourcePath,
  signInPath,
  versionsApiQuery,
} from "./routes";

describe("routes", () => {
  const r = { namespace: "team a", kind: "module", name: "x/y" };
  it("encodes every segment", () => {
    expect(resourcePath(r)).toBe("/team%20a/module/x%2Fy");
    expect(resourceApiPath(r, "versions")).toBe("/opendepot/ui/v1/resources/team%20a/module/x%2Fy/versions");
  });
  it("builds filtered list addresses and leaves out empty values", () => {
    expect(registryPath()).toBe("/");
    expect(registryPath({ namespace: ["a", "b"], q: "" })).toBe("/?namespace=a&namespace=b");
    expect(depotsPath({ depot: "platform/d" })).toBe("/depots?depot=platform%2Fd");
    expect(signInPath("/?q=a b")).toBe("/auth/login?returnTo=%2F%3Fq%3Da%20b");
  });
  it("maps detail page parameters to API parameters once", () => {
    const page = new URLSearchParams("v_q=5.8&v_synced=true&v_page=2&v_size=10&other=1&f_version=1.0.0&f_binary=2.0.0");
    expect(versionsApiQuery(page).toString()).toBe("q=5.8&synced=true&page=2&page_size=10");
    expect(findingsApiQuery(page, "provider").toString()).toBe("version=1.0.0&binaryVersion=2.0.0");
    expect(findingsApiQuery(page, "module").toString()).toBe("version=1.0.0");
  });
});
