import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/**
 * An MSAL network module (the documented `system.networkClient` hook) for the token issuer stand-in.
 * MSAL insists on https authorities; the stand-in serves plain http on loopback, so requests to
 * the stand-in's host are sent over http. Any other host is refused, so a misconfigured test can
 * never reach Microsoft's real login service.
 */
export function loopbackNetworkModule(allowedHost: string): INetworkModule {
  const send = async <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
    const target = new URL(url);
    if (target.host !== allowedHost) throw new Error(`stand-in MSAL network module refuses ${target.host} (only ${allowedHost})`);
    target.protocol = 'http:';
    const response = await fetch(target, {
      method,
      headers: options?.headers,
      ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
    });
    const text = await response.text();
    return {
      headers: Object.fromEntries(response.headers.entries()),
      body: (text ? JSON.parse(text) : {}) as T,
      status: response.status,
    };
  };
  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('GET', url, options),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('POST', url, options),
  };
}
