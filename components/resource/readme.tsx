// README rendering on the server only (no markdown library ships to the browser): GFM, heading
// anchors, and a strict sanitizer — no raw HTML, scripts, styles, iframes or event handlers;
// links to other origins get rel="noopener noreferrer"; remote images are not loaded.

import type { ReactNode } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeSlug from "rehype-slug";
import remarkGfm from "remark-gfm";

const schema = {
  ...defaultSchema,
  // Keep the ids rehype-slug adds (prefixed, so they cannot clobber page globals).
  clobberPrefix: "readme-",
  tagNames: (defaultSchema.tagNames ?? []).filter((t) => !["img", "picture", "source", "input"].includes(t)),
};

// The page has the one h1: README headings move down a level.
const shift = (Tag: "h2" | "h3" | "h4" | "h5" | "h6") =>
  function Heading({ id, children }: { id?: string; children?: ReactNode }) {
    return <Tag {...(id ? { id } : {})}>{children}</Tag>;
  };

const components: Components = {
  h1: shift("h2"),
  h2: shift("h3"),
  h3: shift("h4"),
  h4: shift("h5"),
  h5: shift("h6"),
  h6: shift("h6"),
  // Scrollable code blocks must be reachable by keyboard.
  pre: ({ children }) => <pre tabIndex={0}>{children}</pre>,
  // Wide tables scroll inside the card instead of widening the page on a phone.
  table: ({ children }) => (
    <div className="max-w-full overflow-x-auto" role="region" aria-label="README table" tabIndex={0}>
      <table>{children}</table>
    </div>
  ),
  a({ href, children }) {
    // In-page links follow the sanitizer's id prefix.
    if (href?.startsWith("#")) return <a href={`#readme-${href.slice(1)}`}>{children}</a>;
    if (href !== undefined && /^https?:\/\//i.test(href)) {
      return (
        <a href={href} rel="noopener noreferrer">
          {children}
        </a>
      );
    }
    return <a href={href}>{children}</a>;
  },
};

export function Readme({ markdown }: { markdown: string }) {
  return (
    <div className="readme max-w-none min-w-0 space-y-3 leading-relaxed [&_a]:text-link [&_a]:underline [&_code]:font-mono [&_code]:text-[0.9em] [&_h2]:text-2xl [&_h2]:font-semibold [&_h3]:mt-6 [&_h3]:text-xl [&_h3]:font-semibold [&_h4]:font-semibold [&_li]:ml-5 [&_ol]:list-decimal [&_pre]:max-w-full [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-subtle [&_pre]:p-3 [&_table]:w-full [&_table]:text-sm [&_td]:border [&_td]:border-line [&_td]:px-2 [&_td]:py-1 [&_th]:border [&_th]:border-line [&_th]:px-2 [&_th]:py-1 [&_th]:text-left [&_ul]:list-disc">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[rehypeSlug, [rehypeSanitize, schema]]}
        components={components}
        skipHtml
      >
        {markdown}
      </ReactMarkdown>
    </div>
  );
}
