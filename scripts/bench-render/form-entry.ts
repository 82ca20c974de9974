/**
 * The render benchmark's subject: <personal-info-form> registered as a host would, and a stub client whose
 * `fetch` answers at once from memory, so the network is not measured (the contract parse still is).
 */
import { ApiClient } from '../../components/api/client.js';
import type { PersonalInfo } from '../../components/api/contract/index.js';
import '../../components/personal-info-form/define.js';

export function stubClient(info: PersonalInfo): ApiClient {
  const body = JSON.stringify(info);
  return new ApiClient({
    baseUrl: '/api/v1',
    fetch: async () =>
      new Response(body, {
        status: 200,
        headers: { 'Content-Type': 'application/json', ETag: `"${info.version}"` },
      }),
  });
}
