import { ApiClient } from '../api/client.js';
import { checkEndpoint } from '../api/endpoint.js';

/** Why the element has no client: nothing configured, or an endpoint it refuses. */
export interface ConfigProblem {
  reason: 'missing' | 'invalid' | 'insecure';
  url: string;
}

export interface ClientSource {
  client: ApiClient | undefined;
  /** The endpoint URL the client was built from (`null` for a client set by the host). */
  builtFrom: string | null;
  config: ConfigProblem | null;
}

/**
 * The client to use: the host's `client` property, else one built from the `endpoint` attribute
 * once it passes `checkEndpoint()` (HTTPS, same-origin or loopback). The previous client is kept
 * when the endpoint resolves to the same URL, so nothing reloads for nothing.
 */
export function resolveClientSource(
  hostClient: ApiClient | undefined,
  endpoint: string,
  previous: ClientSource,
): ClientSource {
  if (hostClient) return { client: hostClient, builtFrom: null, config: null };
  if (!endpoint) return { client: undefined, builtFrom: null, config: { reason: 'missing', url: '' } };
  const checked = checkEndpoint(endpoint);
  if (!checked.ok) {
    return { client: undefined, builtFrom: null, config: { reason: checked.reason, url: checked.url } };
  }
  const client =
    previous.builtFrom === checked.url && previous.client
      ? previous.client
      : new ApiClient({ baseUrl: checked.url });
  return { client, builtFrom: checked.url, config: null };
}
