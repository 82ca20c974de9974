import { ACTIVITY_HEADER, buildPath, type ProblemCode } from './contract/constants.js';
import type { Problem, RouteBody, RouteName, RouteParams, RouteResponse } from './contract/index.js';
import { Problem as checkProblem, wire } from './wire.generated.js';

export type ApiErrorKind = 'http' | 'network' | 'contract' | 'aborted';

/**
 * The one error type every call rejects with.
 * - `http`: the server answered with a problem (`problem.code` says which);
 * - `network`: no answer (offline, DNS, CORS refusal);
 * - `contract`: an answer that does not match the contract (a backend bug, not the user's);
 * - `aborted`: the caller's `AbortSignal` fired.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly problem: Problem | null;
  readonly route: RouteName;

  constructor(init: {
    kind: ApiErrorKind;
    route: RouteName;
    message: string;
    status?: number;
    problem?: Problem | null;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.kind = init.kind;
    this.route = init.route;
    this.status = init.status ?? 0;
    this.problem = init.problem ?? null;
  }

  /**
   * Anything a call, a task or a custom client rejected with, as an `ApiError`: an `ApiError` as is,
   * an `AbortError` as `aborted`, anything else as `contract` (it did not come from the client the
   * way the contract says: a custom client or a bug, not a network failure that a retry would fix).
   */
  static from(error: unknown, route: RouteName): ApiError {
    if (error instanceof ApiError) return error;
    const aborted = error instanceof DOMException && error.name === 'AbortError';
    return new ApiError({
      kind: aborted ? 'aborted' : 'contract',
      route,
      message: error instanceof Error ? error.message : String(error),
      cause: error,
    });
  }

  /** The problem `code` for `http` errors, else `null`. */
  get code(): ProblemCode | null {
    return this.problem?.code ?? null;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

export interface ApiClientOptions {
  /** Base URL of the API, e.g. `/api/v1` or `https://console.example.com/api/v1`. */
  baseUrl: string;
  /** A `fetch` to use instead of the global one (auth wrappers, tests). */
  fetch?: typeof fetch;
  /** Headers added to every request (bearer token, CSRF header…); a function is called per request. */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /** Defaults to `include` so cookie sessions work cross-origin too (the server's CORS allowlist decides). */
  credentials?: RequestCredentials;
}

export interface CallOptions {
  signal?: AbortSignal;
  /**
   * For `If-Match` (routes that require it): the `ETag` as received, or the bare `version` from a
   * body (sent quoted, as the entity-tag the server compares it with).
   */
  ifMatch?: string;
  /** Mark the request as not user activity (polling): it does not keep an idle session alive. */
  passive?: boolean;
}

type ParamsArg<N extends RouteName> = string extends keyof RouteParams<N>
  ? { params?: undefined }
  : { params: RouteParams<N> };
type BodyArg<N extends RouteName> =
  RouteBody<N> extends undefined ? { body?: undefined } : { body: RouteBody<N> };
export type CallInput<N extends RouteName> = ParamsArg<N> & BodyArg<N> & CallOptions;

export interface ApiResult<N extends RouteName> {
  data: RouteResponse<N>;
  /** The `ETag` header, when the server sent one. */
  etag: string | null;
}

/**
 * A typed client for every route of the contract; every response is checked against the contract
 * (with checkers compiled from the zod schemas at build time, so a host page does not download zod).
 */
export class ApiClient {
  readonly baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #headers: ApiClientOptions['headers'];
  readonly #credentials: RequestCredentials;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#headers = options.headers;
    this.#credentials = options.credentials ?? 'include';
  }

  /** Call a route by name; resolves with the parsed body (and ETag), rejects with an {@link ApiError}. */
  async call<N extends RouteName>(name: N, input: CallInput<N>): Promise<ApiResult<N>> {
    const route = wire[name];
    const headers = new Headers(typeof this.#headers === 'function' ? await this.#headers() : this.#headers);
    headers.set('Accept', 'application/json, application/problem+json');
    const ifMatch = input.ifMatch;
    if (ifMatch !== undefined)
      headers.set('If-Match', ifMatch === '*' || /^(?:W\/)?"/.test(ifMatch) ? ifMatch : `"${ifMatch}"`);
    if (input.passive) headers.set(ACTIVITY_HEADER, 'passive');
    let body: string | undefined;
    if (route.body) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(input.body);
    }
    const url = this.baseUrl + buildPath(route.path, input.params as Record<string, string> | undefined);

    let response: Response;
    try {
      response = await this.#fetch(url, {
        method: route.method,
        headers,
        body,
        credentials: this.#credentials,
        signal: input.signal,
      });
    } catch (cause) {
      if (input.signal?.aborted) {
        throw new ApiError({ kind: 'aborted', route: name, message: 'The request was cancelled', cause });
      }
      throw new ApiError({ kind: 'network', route: name, message: 'The server could not be reached', cause });
    }

    const text = await readText(response, name, input.signal);
    if (!response.ok) throw this.#problemError(name, response, text);

    const etag = response.headers.get('ETag');
    if (route.response === null) return { data: undefined as RouteResponse<N>, etag };
    const data = parseJson(text);
    const problem = route.response(data, '');
    if (problem) {
      throw new ApiError({
        kind: 'contract',
        route: name,
        status: response.status,
        message: `The ${name} response does not match the contract: ${problem}`,
      });
    }
    return { data: data as RouteResponse<N>, etag };
  }

  #problemError(name: RouteName, response: Response, text: string): ApiError {
    const body = parseJson(text);
    const mismatch = checkProblem(body, '');
    if (mismatch) {
      return new ApiError({
        kind: 'contract',
        route: name,
        status: response.status,
        message: `HTTP ${response.status} without a problem+json body (${mismatch})`,
      });
    }
    const problem = body as Problem;
    return new ApiError({
      kind: 'http',
      route: name,
      status: response.status,
      problem,
      message: problem.detail ?? problem.title,
    });
  }
}

async function readText(
  response: Response,
  route: RouteName,
  signal: AbortSignal | undefined,
): Promise<string> {
  try {
    return await response.text();
  } catch (cause) {
    const kind = signal?.aborted ? 'aborted' : 'network';
    throw new ApiError({ kind, route, message: 'The response was interrupted', cause });
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
