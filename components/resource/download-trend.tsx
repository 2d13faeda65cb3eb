// A small bar chart of downloads per day (server-rendered SVG, no JavaScript), with the same
// numbers as a visually hidden table for screen readers.

export interface DownloadTrendProps {
  points: { date: string; count: number }[];
}

export function DownloadTrend({ points }: DownloadTrendProps) {
  const max = Math.max(1, ...points.map((p) => p.count));
  const total = points.reduce((s, p) => s + p.count, 0);
  const w = 6;
  const gap = 2;
  const h = 48;
  const first = points[0]?.date;
  const last = points.at(-1)?.date;
  return (
    <figure className="mt-2" data-testid="download-trend">
      <svg
        role="img"
        aria-label={`Downloads per day from ${first} to ${last}: ${total} in total, at most ${max} on one day`}
        width={points.length * (w + gap)}
        height={h}
        viewBox={`0 0 ${points.length * (w + gap)} ${h}`}
        className="max-w-full text-accent"
      >
        {points.map((p, i) => {
          const bh = p.count === 0 ? 1 : Math.max(2, Math.round((p.count / max) * (h - 2)));
          return (
            <rect
              key={p.date}
              x={i * (w + gap)}
              y={h - bh}
              width={w}
              height={bh}
              fill="currentColor"
              opacity={p.count === 0 ? 0.25 : 1}
            >
              <title>{`${p.date}: ${p.count}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="text-xs text-muted">
        {total} downloads in the last {points.length} days (UTC)
      </figcaption>
      <table className="sr-only">
        <caption>Downloads per day</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Downloads</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.date}>
              <td>{p.date}</td>
              <td>{p.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
