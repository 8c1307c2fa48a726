// Reads the platform's merged OpenAPI document and derives the console's resources from it:
// a collection is a GET whose answer is a list (an array or {items, nextCursor}); its item path is
// the collection path plus one path parameter; create is POST on the collection, update PUT/PATCH
// on the item, delete DELETE on the item, and every other POST under the item path is an action.
// Roles come from each operation's x-roles (or the scopes of its security requirement).

export interface Schema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  title?: string;
  example?: unknown;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  nullable?: boolean;
  readOnly?: boolean;
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  $ref?: string;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: Schema;
}

export interface Operation {
  method: string;
  path: string;
  summary?: string;
  description?: string;
  operationId?: string;
  tags?: string[];
  parameters: Parameter[];
  requestSchema?: Schema;
  responseSchema?: Schema;
  roles: string[];
  service: string;
}

export interface Action {
  name: string;
  op: Operation;
}

export interface Resource {
  key: string; // the collection path template, e.g. /api/content/items
  service: string;
  label: string;
  list: Operation;
  itemSchema?: Schema;
  paged: boolean;
  create?: Operation;
  itemPath?: string;
  idParam?: string;
  show?: Operation;
  update?: Operation;
  remove?: Operation;
  actions: Action[];
}

export interface PlatformModel {
  title: string;
  operations: Operation[];
  resources: Resource[];
  find: (method: string, path: string) => Operation | undefined;
}

type Doc = {
  info?: { title?: string };
  paths: Record<string, Record<string, RawOp>>;
  components?: { schemas?: Record<string, Schema> };
};
type RawOp = {
  summary?: string;
  description?: string;
  operationId?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  security?: Record<string, string[]>[];
  'x-roles'?: string[];
  'x-service'?: string;
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function resolver(doc: Doc) {
  const cache = new Map<string, Schema>();
  const resolve = (s: Schema | undefined, depth = 0): Schema | undefined => {
    if (!s || depth > 12) return s;
    if (s.$ref) {
      const name = s.$ref.replace('#/components/schemas/', '');
      if (cache.has(name)) return cache.get(name);
      const target: Schema = {};
      cache.set(name, target);
      Object.assign(target, resolve(doc.components?.schemas?.[name], depth + 1) ?? {});
      return target;
    }
    const out: Schema = { ...s };
    if (s.allOf) {
      const parts = s.allOf.map((p) => resolve(p, depth + 1) ?? {});
      out.properties = Object.assign({}, ...parts.map((p) => p.properties ?? {}), s.properties ?? {});
      out.required = parts.flatMap((p) => p.required ?? []).concat(s.required ?? []);
      if (!out.type) out.type = parts.find((p) => p.type)?.type ?? 'object';
      const single = parts.length === 1 && !parts[0].properties ? parts[0] : undefined;
      if (single) Object.assign(out, single, { allOf: undefined });
      delete out.allOf;
    }
    if (s.properties) {
      out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, resolve(v, depth + 1) ?? {}]));
    }
    if (s.items) out.items = resolve(s.items, depth + 1);
    if (Array.isArray(s.type)) {
      out.type = s.type.find((x) => x !== 'null');
      if (s.type.includes('null')) out.nullable = true;
    }
    return out;
  };
  return resolve;
}

function jsonSchema(content?: Record<string, { schema?: Schema }>): Schema | undefined {
  if (!content) return undefined;
  const key = Object.keys(content).find((k) => k.includes('json')) ?? Object.keys(content)[0];
  return key ? content[key]?.schema : undefined;
}

function successSchema(op: RawOp): Schema | undefined {
  const codes = Object.keys(op.responses ?? {}).filter((c) => c.startsWith('2')).sort();
  for (const c of codes) {
    const s = jsonSchema(op.responses?.[c]?.content);
    if (s) return s;
  }
  return undefined;
}

/** What a list answer holds: the item schema and whether the list is cursor-paged. */
export function listShape(s: Schema | undefined): { item?: Schema; paged: boolean } | undefined {
  if (!s) return undefined;
  if (s.type === 'array') return { item: s.items, paged: false };
  const items = s.properties?.items;
  if (items && items.type === 'array') return { item: items.items, paged: true };
  return undefined;
}

function titleCase(s: string): string {
  return s.replace(/[-_]/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}

function labelFor(path: string, service: string): string {
  const rest = path.split('/').slice(3).filter((p) => !p.startsWith('{'));
  return titleCase(rest.join(' · ') || service);
}

export function serviceOf(path: string): string {
  const seg = path.split('/')[2] ?? 'platform';
  return seg === 'auth' ? 'gateway' : seg;
}

export function buildModel(doc: Doc): PlatformModel {
  const resolve = resolver(doc);
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const shared = ((item as unknown as { parameters?: Parameter[] }).parameters ?? []) as Parameter[];
    for (const m of METHODS) {
      const raw = item[m];
      if (!raw) continue;
      const scopes = (raw.security ?? []).flatMap((r) => Object.values(r).flat());
      operations.push({
        method: m.toUpperCase(),
        path,
        summary: raw.summary,
        description: raw.description,
        operationId: raw.operationId,
        tags: raw.tags,
        parameters: [...shared, ...(raw.parameters ?? [])].map((p) => ({ ...p, schema: resolve(p.schema) })),
        requestSchema: resolve(jsonSchema(raw.requestBody?.content)),
        responseSchema: resolve(successSchema(raw)),
        roles: raw['x-roles'] ?? scopes,
        service: raw['x-service'] ?? serviceOf(path),
      });
    }
  }
  const find = (method: string, path: string) => operations.find((o) => o.method === method && o.path === path);

  const resources: Resource[] = [];
  for (const op of operations) {
    if (op.method !== 'GET' || !op.path.startsWith('/api/')) continue;
    const shape = listShape(op.responseSchema);
    if (!shape) continue;
    const itemPaths = operations
      .map((o) => o.path)
      .filter((p) => p.startsWith(op.path + '/{') && p.slice(op.path.length + 1).split('/').length === 1);
    const itemPath = itemPaths[0];
    const idParam = itemPath?.slice(op.path.length + 2, -1);
    const actions: Action[] = itemPath
      ? operations
          .filter((o) => o.method === 'POST' && o.path.startsWith(itemPath + '/') && !o.path.slice(itemPath.length + 1).includes('/') && !o.path.slice(itemPath.length + 1).includes('{'))
          .map((o) => ({ name: o.path.slice(itemPath.length + 1), op: o }))
      : [];
    resources.push({
      key: op.path,
      service: op.service,
      label: op.summary && op.summary.length < 40 ? op.summary : labelFor(op.path, op.service),
      list: op,
      itemSchema: shape.item,
      paged: shape.paged,
      create: find('POST', op.path),
      itemPath,
      idParam,
      show: itemPath ? find('GET', itemPath) : undefined,
      update: itemPath ? find('PATCH', itemPath) ?? find('PUT', itemPath) : undefined,
      remove: itemPath ? find('DELETE', itemPath) : undefined,
      actions,
    });
  }
  // an item that no collection lists (e.g. /api/community/posts/{id}): a resource of its own, found by route
  resources.sort((a, b) => a.service.localeCompare(b.service) || a.key.localeCompare(b.key));
  return { title: doc.info?.title ?? 'Yunying', operations, resources, find };
}

/** A resource for a single-item GET path that no collection covers, e.g. /api/community/posts/{id}. */
export function itemResource(model: PlatformModel, template: string): Resource | undefined {
  const show = model.find('GET', template);
  if (!show || listShape(show.responseSchema)) return undefined;
  const params = pathParams(template);
  const idParam = params[params.length - 1];
  const key = template.slice(0, template.lastIndexOf('/'));
  return {
    key,
    service: show.service,
    label: show.summary ?? template,
    list: show,
    itemSchema: show.responseSchema,
    paged: false,
    itemPath: template,
    idParam,
    show,
    update: model.find('PATCH', template) ?? model.find('PUT', template),
    remove: model.find('DELETE', template),
    actions: model.operations
      .filter((o) => o.method === 'POST' && o.path.startsWith(template + '/') && !o.path.slice(template.length + 1).includes('/') && !o.path.slice(template.length + 1).includes('{'))
      .map((o) => ({ name: o.path.slice(template.length + 1), op: o })),
  };
}

let cached: Promise<PlatformModel> | null = null;

export function loadModel(): Promise<PlatformModel> {
  if (!cached) {
    cached = fetch('/openapi/platform', { headers: { Accept: 'application/json' } })
      .then((r) => {
        if (!r.ok) throw new Error(`OpenAPI document: HTTP ${r.status}`);
        return r.json();
      })
      .then((d) => buildModel(d as Doc))
      .catch((e) => {
        cached = null;
        throw e;
      });
  }
  return cached;
}

/** Fills a path template ({id}) with values. */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, n: string) => encodeURIComponent(values[n] ?? ''));
}

export function pathParams(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

/** Matches a concrete path against a template; returns the path parameters or null. */
export function matchPath(template: string, path: string): Record<string, string> | null {
  const t = template.split('/');
  const p = path.split('/');
  if (t.length !== p.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    if (t[i].startsWith('{')) {
      if (!p[i]) return null;
      out[t[i].slice(1, -1)] = decodeURIComponent(p[i]);
    } else if (t[i] !== p[i]) return null;
  }
  return out;
}
