// The gateway's API: sign-in, token refresh, and every service call through one fetch wrapper that
// turns RFC 9457 problems into ApiError (with the invalid fields of a 400).

export interface Account {
  username: string;
  roles: string[];
  [key: string]: unknown;
}

interface Session {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  account: Account;
}

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldError[],
    readonly body: unknown,
    readonly retryAfter?: number,
  ) {
    super(detail || title || `HTTP ${status}`);
  }
}

export interface ApiResult<T> {
  status: number;
  data: T;
  etag: string | null;
  location: string | null;
}

const STORAGE_KEY = 'yunying.session';
let session: Session | null = load();
const listeners = new Set<(a: Account | null) => void>();

function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function save(s: Session | null) {
  session = s;
  if (s) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(s));
  else sessionStorage.removeItem(STORAGE_KEY);
  listeners.forEach((l) => l(s?.account ?? null));
}

export function currentAccount(): Account | null {
  return session?.account ?? null;
}

export function onAccountChange(l: (a: Account | null) => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

interface TokenAnswer {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  account?: Account;
}

function rolesFromToken(token: string): string[] {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return Array.isArray(payload.groups) ? payload.groups : [];
  } catch {
    return [];
  }
}

function accept(t: TokenAnswer, previous?: Account) {
  const account: Account = t.account ?? previous ?? { username: '', roles: [] };
  if (!account.roles || account.roles.length === 0) account.roles = rolesFromToken(t.accessToken);
  save({ accessToken: t.accessToken, refreshToken: t.refreshToken, expiresAt: Date.now() + t.expiresIn * 1000, account });
}

export async function signIn(username: string, password: string): Promise<Account> {
  const r = await raw<TokenAnswer>('POST', '/api/auth/sign-in', { body: { username, password }, auth: false });
  accept(r.data);
  return session!.account;
}

export async function signOut(): Promise<void> {
  const s = session;
  save(null);
  if (s) {
    try {
      await raw('POST', '/api/auth/sign-out', { body: { refreshToken: s.refreshToken }, auth: false });
    } catch {
      /* the session ends on this side either way */
    }
  }
}

let refreshing: Promise<boolean> | null = null;

async function refresh(): Promise<boolean> {
  const s = session;
  if (!s) return false;
  if (!refreshing) {
    refreshing = raw<TokenAnswer>('POST', '/api/auth/refresh', { body: { refreshToken: s.refreshToken }, auth: false })
      .then((r) => {
        accept(r.data, s.account);
        return true;
      })
      .catch(() => {
        save(null);
        return false;
      })
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  ifMatch?: string | null;
  headers?: Record<string, string>;
  auth?: boolean;
}

function url(path: string, query?: RequestOptions['query']): string {
  const q = new URLSearchParams();
  Object.entries(query ?? {}).forEach(([k, v]) => {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  });
  const qs = q.toString();
  return qs ? `${path}?${qs}` : path;
}

async function raw<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...opts.headers };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.ifMatch) headers['If-Match'] = opts.ifMatch;
  if (opts.auth !== false && session) headers['Authorization'] = `Bearer ${session.accessToken}`;
  const res = await fetch(url(path, opts.query), {
    method,
    headers,
    // an operator must see the state after their own change, not a page the browser kept (feeds are cacheable)
    cache: 'no-cache',
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    const p = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
    const errors = Array.isArray(p.errors) ? (p.errors as FieldError[]) : [];
    const retryAfter = res.headers.get('Retry-After');
    throw new ApiError(res.status, String(p.title ?? res.statusText), p.detail as string | undefined, errors, data, retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined);
  }
  return { status: res.status, data: data as T, etag: res.headers.get('ETag'), location: res.headers.get('Location') };
}

/** A call with the signed-in operator's token; refreshes the token once when it has expired. */
export async function api<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResult<T>> {
  if (session && session.expiresAt - Date.now() < 30_000) await refresh();
  for (let attempt = 0; ; attempt++) {
    try {
      return await raw<T>(method, path, opts);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401 && session && attempt === 0 && (await refresh())) continue;
      // a read refused by the rate limit is retried after the Retry-After it names (a short one only)
      const wait = e instanceof ApiError && e.status === 429 ? e.retryAfter : undefined;
      if ((method === 'GET' || method === 'HEAD') && wait !== undefined && wait <= 5 && attempt < 2) {
        await new Promise((r) => setTimeout(r, wait * 1000 + 100));
        continue;
      }
      throw e;
    }
  }
}

export function hasAnyRole(account: Account | null, roles: string[] | undefined): boolean {
  if (!roles || roles.length === 0) return true;
  if (!account) return false;
  return roles.some((r) => account.roles.includes(r));
}

/** Lists are `{items, nextCursor}` pages or plain arrays. */
export function pageOf(data: unknown): { items: Record<string, unknown>[]; nextCursor: string | null } {
  if (Array.isArray(data)) return { items: data as Record<string, unknown>[], nextCursor: null };
  if (data && typeof data === 'object') {
    const d = data as Record<string, unknown>;
    const items = Array.isArray(d.items) ? d.items : Array.isArray(d.content) ? d.content : Array.isArray(d.data) ? d.data : [];
    return { items: items as Record<string, unknown>[], nextCursor: (d.nextCursor as string | null) ?? null };
  }
  return { items: [], nextCursor: null };
}
