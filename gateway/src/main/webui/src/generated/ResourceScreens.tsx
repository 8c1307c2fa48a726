// List, show, create and edit screens generated at runtime from the platform OpenAPI document.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { api, ApiError, hasAnyRole, pageOf, type Account } from '../api';
import { fillPath, itemResource, matchPath, pathParams, type Operation, type PlatformModel, type Resource, type Schema } from '../openapi';
import { useI18n } from '../i18n';
import { errorsByField, Field, fromFormValue, toFormValue, typeOf, validate, Value } from './fields';
import { ErrorBox } from '../ui';

const PAGING = new Set(['cursor', 'limit']);
const SORT = new Set(['sort', 'order', 'orderBy', 'sortBy', 'direction']);

export function resLink(apiPath: string, suffix = ''): string {
  return `/res${apiPath}${suffix}`;
}

type Match =
  | { kind: 'list'; resource: Resource; params: Record<string, string> }
  | { kind: 'show' | 'edit'; resource: Resource; params: Record<string, string> }
  | { kind: 'new'; resource: Resource; params: Record<string, string> }
  | { kind: 'prompt'; resource: Resource };

function route(model: PlatformModel, apiPath: string): Match | null {
  for (const r of model.resources) {
    if (apiPath === r.key && pathParams(r.key).length > 0) return { kind: 'prompt', resource: r };
    const m = matchPath(r.key, apiPath);
    if (m) return { kind: 'list', resource: r, params: m };
  }
  for (const [suffix, kind] of [
    ['/new', 'new'],
    ['/edit', 'edit'],
  ] as const) {
    if (!apiPath.endsWith(suffix)) continue;
    const base = apiPath.slice(0, -suffix.length);
    for (const r of model.resources) {
      const tpl = kind === 'new' ? r.key : r.itemPath;
      const m = tpl ? matchPath(tpl, base) : null;
      if (m) return { kind, resource: r, params: m };
    }
  }
  for (const r of model.resources) {
    const m = r.itemPath ? matchPath(r.itemPath, apiPath) : null;
    if (m) return { kind: 'show', resource: r, params: m };
  }
  for (const op of model.operations) {
    if (op.method !== 'GET' || !op.path.includes('{')) continue;
    const editing = apiPath.endsWith('/edit') ? apiPath.slice(0, -5) : null;
    const m = matchPath(op.path, editing ?? apiPath);
    const r = m ? itemResource(model, op.path) : undefined;
    if (m && r) return { kind: editing && r.update ? 'edit' : 'show', resource: r, params: m };
  }
  return null;
}

export function ResourceRoute({ model, account }: { model: PlatformModel; account: Account }) {
  const loc = useLocation();
  const { t } = useI18n();
  const apiPath = decodeURIComponent(loc.pathname.replace(/^\/res/, '')).replace(/\/$/, '');
  const m = route(model, apiPath);
  if (!m) return <ErrorBox error={new Error(t('common.apiMissing'))} />;
  if (!hasAnyRole(account, m.resource.list.roles) && m.kind !== 'show') return <p className="notice">{t('common.noAccess')}</p>;
  switch (m.kind) {
    case 'prompt':
      return <ParamPrompt resource={m.resource} />;
    case 'list':
      return <ResourceList key={apiPath} resource={m.resource} params={m.params} account={account} />;
    case 'show':
      return <ResourceShow key={apiPath} model={model} resource={m.resource} params={m.params} account={account} />;
    case 'new':
      return <ResourceForm key={apiPath} resource={m.resource} params={m.params} op={m.resource.create!} mode="create" />;
    case 'edit':
      return <ResourceForm key={apiPath} resource={m.resource} params={m.params} op={m.resource.update!} mode="edit" />;
  }
}

function ParamPrompt({ resource }: { resource: Resource }) {
  const { t } = useI18n();
  const nav = useNavigate();
  const names = pathParams(resource.key);
  const [values, setValues] = useState<Record<string, string>>({});
  return (
    <section>
      <h1>{resource.label}</h1>
      <p className="muted">{resource.list.summary}</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          nav(resLink(fillPath(resource.key, values)));
        }}
      >
        {names.map((n) => {
          const p = resource.list.parameters.find((x) => x.name === n);
          return (
            <label key={n}>
              {n}
              <input name={n} required placeholder={String(p?.schema?.example ?? '')} value={values[n] ?? ''} onChange={(e) => setValues({ ...values, [n]: e.target.value })} />
            </label>
          );
        })}
        <button type="submit">{t('common.go')}</button>
      </form>
    </section>
  );
}

function columnsOf(schema: Schema | undefined): string[] {
  const props = Object.entries(schema?.properties ?? {});
  const scalar = props.filter(([, s]) => !['object'].includes(typeOf(s)) && !(typeOf(s) === 'array' && typeOf(s.items) === 'object'));
  const rank = (n: string) => {
    if (/^(id|key|slug)$/i.test(n)) return 0;
    if (/^(title|name|word|username|displayName|term)$/i.test(n)) return 1;
    if (/(status|state|kind|type|source|category|action|level|channel)$/i.test(n)) return 2;
    if (/(At|Time)$/.test(n)) return 4;
    if (/(body|text|content|description)$/i.test(n)) return 9;
    return 3;
  };
  return scalar
    .map(([n]) => n)
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, 7);
}

function itemId(resource: Resource, row: Record<string, unknown>): string | undefined {
  const n = resource.idParam;
  const v = (n && row[n]) ?? row.id ?? row.slug ?? row.key;
  return v === undefined || v === null ? undefined : String(v);
}

export function ResourceList({ resource, params, account }: { resource: Resource; params: Record<string, string>; account: Account }) {
  const { t } = useI18n();
  const loc = useLocation();
  const nav = useNavigate();
  const search = new URLSearchParams(loc.search);
  const filters = resource.list.parameters.filter((p) => p.in === 'query' && !PAGING.has(p.name));
  const limitParam = resource.list.parameters.find((p) => p.name === 'limit');
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(filters.map((f) => [f.name, search.get(f.name) ?? ''])));
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [data, setData] = useState<{ items: Record<string, unknown>[]; nextCursor: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const path = fillPath(resource.key, params);
  const cursor = cursors[cursors.length - 1];
  const query = useMemo(() => Object.fromEntries(filters.map((f) => [f.name, search.get(f.name) ?? ''])), [loc.search]); // eslint-disable-line

  useEffect(() => {
    let live = true;
    setError(null);
    api(resource.list.method, path, { query: { ...query, cursor, limit: limitParam ? 20 : undefined } })
      .then((r) => live && setData(pageOf(r.data)))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [path, cursor, query]); // eslint-disable-line

  const columns = columnsOf(resource.itemSchema).length ? columnsOf(resource.itemSchema) : Object.keys(data?.items[0] ?? {}).slice(0, 7);
  // a `sort` parameter whose values name columns (`createdAt`, `-createdAt`) makes those headers clickable
  const sortValues = (resource.list.parameters.find((p) => p.in === 'query' && p.name === 'sort')?.schema?.enum ?? []).map(String);
  const currentSort = search.get('sort') ?? '';
  const sortBy = (column: string) => {
    const ascending = sortValues.includes(column) ? column : null;
    const descending = sortValues.includes(`-${column}`) ? `-${column}` : null;
    const next = currentSort === ascending && descending ? descending : (ascending ?? descending);
    if (!next) return;
    const q = new URLSearchParams(loc.search);
    q.set('sort', next);
    setDraft({ ...draft, sort: next });
    setCursors([null]);
    nav({ search: q.toString() });
  };
  const canCreate = resource.create && hasAnyRole(account, resource.create.roles);
  return (
    <section data-resource={resource.key}>
      <header className="page-head">
        <h1>{resource.label}</h1>
        <span className="muted mono">
          {resource.list.method} {path}
        </span>
        <div className="spacer" />
        {canCreate && (
          <Link className="button primary" to={resLink(path, '/new')}>
            {t('common.create')}
          </Link>
        )}
      </header>
      {filters.length > 0 && (
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            const q = new URLSearchParams();
            Object.entries(draft).forEach(([k, v]) => v && q.set(k, v));
            setCursors([null]);
            nav({ search: q.toString() });
          }}
        >
          {filters.map((f) => (
            <label key={f.name} title={f.description}>
              {SORT.has(f.name) ? `${t('common.sort')} (${f.name})` : f.name}
              {f.schema?.enum ? (
                <select name={f.name} value={draft[f.name] ?? ''} onChange={(e) => setDraft({ ...draft, [f.name]: e.target.value })}>
                  <option value="">—</option>
                  {f.schema.enum.map((o) => (
                    <option key={String(o)}>{String(o)}</option>
                  ))}
                </select>
              ) : (
                <input name={f.name} value={draft[f.name] ?? ''} placeholder={String(f.schema?.example ?? '')} onChange={(e) => setDraft({ ...draft, [f.name]: e.target.value })} />
              )}
            </label>
          ))}
          <button type="submit">{t('common.search')}</button>
        </form>
      )}
      <ErrorBox error={error} />
      {!data && !error && <p className="muted">{t('common.loading')}</p>}
      {data && (
        <>
          <table className="grid">
            <thead>
              <tr>
                {columns.map((c) =>
                  sortValues.includes(c) || sortValues.includes(`-${c}`) ? (
                    <th key={c} className="sortable" data-sort={c} aria-sort={currentSort === c ? 'ascending' : currentSort === `-${c}` ? 'descending' : 'none'} onClick={() => sortBy(c)}>
                      {c} {currentSort === c ? '▲' : currentSort === `-${c}` ? '▼' : '↕'}
                    </th>
                  ) : (
                    <th key={c}>{c}</th>
                  ),
                )}
                <th />
              </tr>
            </thead>
            <tbody>
              {data.items.length === 0 && (
                <tr>
                  <td colSpan={columns.length + 1} className="muted">
                    {t('common.empty')}
                  </td>
                </tr>
              )}
              {data.items.map((row, i) => {
                const id = itemId(resource, row);
                return (
                  <tr key={id ?? i}>
                    {columns.map((c) => (
                      <td key={c}>
                        <Value v={row[c]} />
                      </td>
                    ))}
                    <td className="row-actions">
                      {id && resource.itemPath && (
                        <Link to={resLink(fillPath(resource.itemPath, { ...params, [resource.idParam!]: id }))}>{t('common.open')}</Link>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <nav className="pager">
            <button disabled={cursors.length === 1} onClick={() => setCursors([null])}>
              {t('common.first')}
            </button>
            <button disabled={!data.nextCursor} onClick={() => setCursors([...cursors, data.nextCursor])}>
              {t('common.next')}
            </button>
            <span className="muted">
              #{cursors.length} · {data.items.length}
            </span>
          </nav>
        </>
      )}
    </section>
  );
}

export function ResourceShow({ model, resource, params, account }: { model: PlatformModel; resource: Resource; params: Record<string, string>; account: Account }) {
  const { t } = useI18n();
  const nav = useNavigate();
  const path = fillPath(resource.itemPath!, params);
  const [item, setItem] = useState<{ data: Record<string, unknown>; etag: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [action, setAction] = useState<Operation | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!resource.show) return;
    api<Record<string, unknown>>('GET', path)
      .then((r) => setItem({ data: r.data, etag: r.etag }))
      .catch(setError);
  }, [path, version]); // eslint-disable-line

  const children = model.resources.filter((r) => r.key.startsWith(resource.itemPath + '/'));
  const etag = item?.etag ?? (item?.data.version !== undefined ? `"${item.data.version}"` : null);
  const run = async (op: Operation, body?: unknown) => {
    setError(null);
    try {
      await api(op.method, fillPath(op.path, params), { body, ifMatch: etag });
      setNotice(`${op.summary ?? op.path}: ${t('common.done')}`);
      setAction(null);
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section data-resource={resource.key}>
      <header className="page-head">
        {model.resources.includes(resource) && <Link to={resLink(fillPath(resource.key, params))}>← {resource.label}</Link>}
        {!model.resources.includes(resource) && <span className="muted">{resource.label}</span>}
        <h1 className="mono">{params[resource.idParam!]}</h1>
        <div className="spacer" />
        {resource.update && hasAnyRole(account, resource.update.roles) && (
          <Link className="button" to={resLink(path, '/edit')}>
            {t('common.edit')}
          </Link>
        )}
        {resource.remove && hasAnyRole(account, resource.remove.roles) && (
          <button
            className="danger"
            onClick={async () => {
              if (!confirm(t('common.confirmDelete'))) return;
              try {
                await api('DELETE', path, { ifMatch: etag });
                nav(resLink(fillPath(resource.key, params)));
              } catch (e) {
                setError(e);
              }
            }}
          >
            {t('common.delete')}
          </button>
        )}
      </header>
      {resource.actions.filter((a) => hasAnyRole(account, a.op.roles)).length > 0 && (
        <div className="actions">
          <span className="muted">{t('common.actions')}:</span>
          {resource.actions
            .filter((a) => hasAnyRole(account, a.op.roles))
            .map((a) => (
              <button key={a.name} title={a.op.summary} onClick={() => (a.op.requestSchema?.properties ? setAction(a.op) : run(a.op))}>
                {a.name}
              </button>
            ))}
        </div>
      )}
      {action && (
        <div className="panel">
          <h3>{action.summary ?? action.path}</h3>
          <SchemaForm schema={action.requestSchema!} initial={{}} submitLabel={t('common.save')} onSubmit={(b) => run(action, b)} onCancel={() => setAction(null)} />
        </div>
      )}
      {notice && <p className="notice ok">{notice}</p>}
      <ErrorBox error={error} />
      {item && (
        <dl className="record">
          {Object.entries(item.data).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{typeof v === 'object' && v !== null ? <pre>{JSON.stringify(v, null, 2)}</pre> : <Value v={v} />}</dd>
            </div>
          ))}
        </dl>
      )}
      {children.length > 0 && (
        <div className="children">
          {children.map((c) => (
            <Link key={c.key} className="button" to={resLink(fillPath(c.key, params))}>
              {c.label}
            </Link>
          ))}
        </div>
      )}
    </section>
  );
}

/** A form for an object schema; server field errors are shown under their fields. */
export function SchemaForm({
  schema,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  serverError,
}: {
  schema: Schema;
  initial: Record<string, unknown>;
  submitLabel: string;
  onSubmit: (body: Record<string, unknown>) => Promise<void> | void;
  onCancel?: () => void;
  serverError?: unknown;
}) {
  const { t } = useI18n();
  const props = Object.entries(schema.properties ?? {}).filter(([, s]) => !s.readOnly);
  const names = props.map(([n]) => n);
  const required = new Set(schema.required ?? []);
  const [values, setValues] = useState<Record<string, unknown>>(() => Object.fromEntries(props.map(([n, s]) => [n, toFormValue(s, initial[n] ?? s.default)])));
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const server = serverError instanceof ApiError ? errorsByField(serverError.errors, names) : { byField: {}, other: [] };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const body: Record<string, unknown> = {};
    for (const [n, s] of props) {
      const msg = validate(s, values[n], required.has(n));
      if (msg) {
        errs[n] = msg === 'required' ? t('common.required') : msg;
        continue;
      }
      try {
        const v = fromFormValue(s, values[n]);
        if (v !== undefined) body[n] = v;
      } catch (x) {
        errs[n] = (x as Error).message;
      }
    }
    setLocal(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      await onSubmit(body);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="schema-form" onSubmit={submit} noValidate>
      {props.map(([n, s]) => (
        <Field key={n} name={n} schema={s} required={required.has(n)} value={values[n]} error={local[n] ?? server.byField[n]} onChange={(v) => setValues({ ...values, [n]: v })} />
      ))}
      {server.other.length > 0 && <ul className="error">{server.other.map((o) => <li key={o}>{o}</li>)}</ul>}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

export function ResourceForm({ resource, params, op, mode }: { resource: Resource; params: Record<string, string>; op: Operation; mode: 'create' | 'edit' }) {
  const { t } = useI18n();
  const nav = useNavigate();
  const itemPath = mode === 'edit' ? fillPath(resource.itemPath!, params) : null;
  const [initial, setInitial] = useState<{ data: Record<string, unknown>; etag: string | null } | null>(mode === 'create' ? { data: {}, etag: null } : null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (itemPath) api<Record<string, unknown>>('GET', itemPath).then((r) => setInitial({ data: r.data, etag: r.etag }), setError);
  }, [itemPath]);

  const schema = op.requestSchema ?? resource.itemSchema ?? { type: 'object', properties: {} };
  const save = async (body: Record<string, unknown>) => {
    setError(null);
    try {
      let payload: Record<string, unknown> = body;
      if (mode === 'edit' && op.method === 'PATCH' && initial) {
        payload = Object.fromEntries(Object.entries(body).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(initial.data[k])));
      }
      const etag = initial?.etag ?? (initial?.data.version !== undefined ? `"${initial.data.version}"` : null);
      const r = await api<Record<string, unknown>>(op.method, fillPath(op.path, params), { body: payload, ifMatch: mode === 'edit' ? etag : undefined });
      const id = r.data && typeof r.data === 'object' ? (r.data[resource.idParam ?? 'id'] ?? r.data.id ?? r.data.slug) : undefined;
      const location = r.location ? new URL(r.location, window.location.origin).pathname : null;
      if (mode === 'edit' && itemPath) nav(resLink(itemPath));
      else if (location && location.startsWith('/api/')) nav(resLink(location));
      else if (id !== undefined && resource.itemPath) nav(resLink(fillPath(resource.itemPath, { ...params, [resource.idParam!]: String(id) })));
      else nav(resLink(fillPath(resource.key, params)));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section data-resource={resource.key}>
      <header className="page-head">
        <Link to={resLink(itemPath ?? fillPath(resource.key, params))}>← {resource.label}</Link>
        <h1>{mode === 'create' ? t('common.create') : t('common.edit')}</h1>
        <span className="muted mono">
          {op.method} {fillPath(op.path, params)}
        </span>
      </header>
      {op.summary && <p className="muted">{op.summary}</p>}
      <ErrorBox error={error} hideFields />
      {initial ? <SchemaForm schema={schema} initial={initial.data} submitLabel={t('common.save')} onSubmit={save} serverError={error} onCancel={() => nav(-1)} /> : <p className="muted">{t('common.loading')}</p>}
    </section>
  );
}
