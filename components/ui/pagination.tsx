import { buttonClass } from "./button";

/** Previous / next links that keep every other parameter. */
export function Pagination({
  params,
  page,
  pageSize,
  total,
  basePath = "/",
  pageParam = "page",
}: {
  params: URLSearchParams;
  page: number;
  pageSize: number;
  total: number;
  basePath?: string;
  pageParam?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1 && page <= 1) return null;
  const href = (p: number) => {
    const next = new URLSearchParams(params);
    if (p <= 1) next.delete(pageParam);
    else next.set(pageParam, String(p));
    const q = next.toString();
    return q ? `${basePath}?${q}` : basePath;
  };
  return (
    <nav aria-label="Pagination" className="mt-6 flex items-center gap-3 text-sm">
      {page > 1 ? (
        <a href={href(page - 1)} className={buttonClass()} rel="prev">
          Previous
        </a>
      ) : null}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <a href={href(page + 1)} className={buttonClass()} rel="next">
          Next
        </a>
      ) : null}
    </nav>
  );
}
