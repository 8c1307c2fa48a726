export interface Hit {
  word?: string;
  action?: string;
  start: number;
  end: number;
  text?: string;
  category?: unknown;
}

/** The text with the moderation check's hits marked (start/end are offsets into the checked text). */
export function Highlighted({ text, hits }: { text: string; hits: Hit[] }) {
  const sorted = [...hits].filter((h) => h.end > h.start).sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let at = 0;
  sorted.forEach((h, i) => {
    if (h.start < at) return;
    parts.push(text.slice(at, h.start));
    parts.push(
      <mark key={i} className={`hit ${String(h.action ?? '').toLowerCase()}`} title={`${h.word ?? ''} ${h.action ?? ''} ${typeof h.category === 'string' ? h.category : ''}`}>
        {text.slice(h.start, h.end)}
      </mark>,
    );
    at = h.end;
  });
  parts.push(text.slice(at));
  return <pre className="body highlighted">{parts}</pre>;
}
