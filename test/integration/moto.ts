import { inject } from 'vitest';

/**
 * The moto server the integration global setup started. Also points the SDK's environment at it
 * (endpoint, dummy credentials, region) so that nothing in a test can reach real AWS.
 */
export function useMoto(): string {
  const failure = inject('motoError');
  if (failure) throw new Error(failure);
  const endpoint = inject('motoEndpoint');
  if (!endpoint) throw new Error('no moto endpoint: run these tests through vitest (moto.global-setup.ts)');
  process.env.AWS_ENDPOINT_URL = endpoint;
  process.env.AWS_ACCESS_KEY_ID = 'testing';
  process.env.AWS_SECRET_ACCESS_KEY = 'testing';
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  for (const name of ['AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ROLE_ARN']) {
    delete process.env[name];
  }
  return endpoint;
}

/** Forgets every resource, so each test file starts from an empty account. */
export async function resetMoto(endpoint: string): Promise<void> {
  const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
}
