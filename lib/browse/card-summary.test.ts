import { describe, expect, it } from "vitest";
import { firstParagraph } from "./card-summary";

describe("firstParagraph", () => {
  it("skips headings, badges and code, and drops markdown marks", () => {
    const md =
      "# terraform-aws-vpc\n\n[![ci](https://x/b.svg)](https://x)\n\n```hcl\nmodule {}\n\nx\n```\n\nTerraform module which creates **vpc** resources on [aws](https://aws.amazon.com).\n\nMore.";
    expect(firstParagraph(md)).toBe("Terraform module which creates vpc resources on aws.");
  });
  it("cuts long paragraphs with an ellipsis and returns undefined without prose", () => {
    expect(firstParagraph(`${"word ".repeat(60)}`)!.endsWith("…")).toBe(true);
    expect(firstParagraph("# Title\n\n| a | b |\n|---|---|\n")).toBeUndefined();
  });
});
