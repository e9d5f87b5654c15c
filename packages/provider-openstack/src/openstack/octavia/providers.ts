import { z } from 'zod';
import { parseResponse } from '../http/parse.js';
import type { OpenStackSession } from '../session.js';

const providerSchema = z.object({ name: z.string(), description: z.string().nullish() });
const flavorSchema = z.object({ id: z.string(), name: z.string(), enabled: z.boolean().default(true) });

export type LoadBalancerProvider = z.infer<typeof providerSchema>;
export type LoadBalancerFlavor = z.infer<typeof flavorSchema>;

/** `GET /v2.0/lbaas/providers`. */
export async function listLoadBalancerProviders(session: OpenStackSession): Promise<LoadBalancerProvider[]> {
  const response = await session.request('load-balancer', { method: 'GET', path: 'lbaas/providers' });
  return parseResponse(z.object({ providers: z.array(providerSchema) }), response.body, 'list providers').providers;
}

/** `GET /v2.0/lbaas/flavors`. */
export async function listLoadBalancerFlavors(session: OpenStackSession): Promise<LoadBalancerFlavor[]> {
  const response = await session.request('load-balancer', { method: 'GET', path: 'lbaas/flavors' });
  return parseResponse(z.object({ flavors: z.array(flavorSchema) }), response.body, 'list flavors').flavors;
}
