// Form fields and value display derived from JSON schemas.
import type { Schema } from '../openapi';
import type { FieldError } from '../api';

export function typeOf(s: Schema | undefined): string {
  const t = Array.isArray(s?.type) ? s?.type[0] : s?.type;
  if (t) return t;
  if (s?.properties) return 'object';
  if (s?.enum) return 'string';
  return 'string';
}

/** Converts an API value to the form's text value. */
export function toFormValue(s: Schema, v: unknown): unknown {
  const t = typeOf(s);
  if (v === undefined || v === null) return t === 'boolean' ? false : '';
  if (t === 'boolean') return Boolean(v);
  if (t === 'string' && s.format === 'date-time' && typeof v === 'string') {
    const d = new Date(v);
    if (isNaN(d.getTime())) return v;
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }
  if (t === 'array' && typeOf(s.items) !== 'object' && Array.isArray(v)) return v.join('\n');
  if (t === 'object' || t === 'array') return JSON.stringify(v, null, 2);
  return String(v);
}

/** Converts a form value back to the API's JSON value; throws with a message when it cannot. */
export function fromFormValue(s: Schema, v: unknown): unknown {
  const t = typeOf(s);
  if (t === 'boolean') return Boolean(v);
  if (v === '' || v === undefined) return undefined;
  const text = String(v);
  switch (t) {
    case 'integer':
    case 'number': {
      const n = Number(text);
      if (Number.isNaN(n)) throw new Error('not a number');
      return n;
    }
    case 'array':
      if (typeOf(s.items) !== 'object') {
        const parts = text.split(/\n|,/).map((x) => x.trim()).filter(Boolean);
        const it = typeOf(s.items);
        return it === 'integer' || it === 'number' ? parts.map(Number) : parts;
      }
      return JSON.parse(text);
    case 'object':
      return JSON.parse(text);
    default:
      if (s.format === 'date-time') {
        const d = new Date(text);
        if (isNaN(d.getTime())) throw new Error('not a date');
        return d.toISOString();
      }
      return text;
  }
}

export function validate(s: Schema, v: unknown, required: boolean): string | null {
  const t = typeOf(s);
  if (required && t !== 'boolean' && (v === '' || v === undefined || v === null)) return 'required';
  if (v === '' || v === undefined) return null;
  const text = String(v);
  if (t === 'string' && !s.format) {
    if (s.minLength !== undefined && text.length < s.minLength) return `≥ ${s.minLength}`;
    if (s.maxLength !== undefined && text.length > s.maxLength) return `≤ ${s.maxLength}`;
    if (s.pattern) {
      try {
        // `\S` is how the services' documents say "not blank"; other patterns are Bean Validation
        // @Pattern expressions, which match the whole value
        const re = s.pattern === '\\S' ? /\S/u : new RegExp(`^(?:${s.pattern})$`, 'u');
        if (!re.test(text)) return s.pattern === '\\S' ? 'required' : `pattern ${s.pattern}`;
      } catch {
        /* a pattern JavaScript cannot read is the server's to check */
      }
    }
  }
  if (t === 'integer' || t === 'number') {
    const n = Number(text);
    if (Number.isNaN(n)) return 'number';
    if (s.minimum !== undefined && n < s.minimum) return `≥ ${s.minimum}`;
    if (s.maximum !== undefined && n > s.maximum) return `≤ ${s.maximum}`;
  }
  return null;
}

interface FieldProps {
  name: string;
  schema: Schema;
  required: boolean;
  value: unknown;
  error?: string;
  onChange: (v: unknown) => void;
}

export function Field({ name, schema, required, value, error, onChange }: FieldProps) {
  const t = typeOf(schema);
  const id = `f-${name}`;
  let input;
  if (schema.enum) {
    input = (
      <select id={id} name={name} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} required={required}>
        <option value="">—</option>
        {schema.enum.map((o) => (
          <option key={String(o)} value={String(o)}>
            {String(o)}
          </option>
        ))}
      </select>
    );
  } else if (t === 'boolean') {
    input = <input id={id} name={name} type="checkbox" checked={Boolean(value)} onChange={(e) => onChange(e.target.checked)} />;
  } else if (t === 'integer' || t === 'number') {
    input = (
      <input id={id} name={name} type="number" step={t === 'integer' ? 1 : 'any'} min={schema.minimum} max={schema.maximum} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />
    );
  } else if (t === 'string' && schema.format === 'date-time') {
    input = <input id={id} name={name} type="datetime-local" value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />;
  } else if (t === 'object' || t === 'array' || ((schema.maxLength ?? 0) > 500 && !/url/i.test(name)) || /body|content|text|description|rule|summary/i.test(name)) {
    input = (
      <textarea
        id={id}
        name={name}
        rows={t === 'object' || (t === 'array' && typeOf(schema.items) === 'object') ? 6 : 4}
        value={String(value ?? '')}
        onChange={(e) => onChange(e.target.value)}
        placeholder={t === 'array' && typeOf(schema.items) !== 'object' ? 'one per line' : t === 'object' || t === 'array' ? 'JSON' : ''}
      />
    );
  } else {
    input = <input id={id} name={name} type="text" value={String(value ?? '')} maxLength={schema.maxLength} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className={`field${error ? ' invalid' : ''}`} data-field={name}>
      <label htmlFor={id}>
        {schema.title ?? name}
        {required && <span className="req">*</span>}
      </label>
      {input}
      {schema.description && <small className="hint">{schema.description}</small>}
      {error && (
        <small className="error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/** The server names a field as `title`, `request.title`, `create.request.title` or `items[0].id`. */
export function fieldFor(serverField: string, names: string[]): string | undefined {
  if (names.includes(serverField)) return serverField;
  const parts = serverField.split('.');
  for (let i = 1; i < parts.length; i++) {
    const tail = parts.slice(i).join('.');
    if (names.includes(tail)) return tail;
    const head = tail.replace(/\[\d+\].*$/, '').split('.')[0];
    if (names.includes(head)) return head;
  }
  const first = serverField.replace(/\[\d+\].*$/, '').split('.')[0];
  return names.includes(first) ? first : undefined;
}

export function errorsByField(errors: FieldError[], names: string[]): { byField: Record<string, string>; other: string[] } {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const e of errors) {
    const f = fieldFor(e.field ?? '', names);
    if (f) byField[f] = byField[f] ? `${byField[f]}; ${e.message}` : e.message;
    else other.push(`${e.field}: ${e.message}`);
  }
  return { byField, other };
}

export function Value({ v }: { v: unknown }) {
  if (v === null || v === undefined) return <span className="muted">—</span>;
  if (typeof v === 'boolean') return <span className={`badge ${v ? 'ok' : ''}`}>{v ? '✓' : '✗'}</span>;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return <time dateTime={v}>{new Date(v).toLocaleString()}</time>;
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object')) return <span>{v.join(', ')}</span>;
    return <code className="json">{JSON.stringify(v)}</code>;
  }
  if (typeof v === 'object') return <code className="json">{JSON.stringify(v)}</code>;
  const s = String(v);
  return <span title={s.length > 80 ? s : undefined}>{s.length > 80 ? s.slice(0, 80) + '…' : s}</span>;
}
