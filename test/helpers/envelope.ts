/** The value of a service call's envelope, for tests that expect success. */
import type { Envelope } from '../../core/api/contract.js';

/** Awaits a `service.call` and returns its value typed as `T`; a failed call throws with the error body. */
export async function okValue<T>(call: Promise<Envelope<unknown>> | Envelope<unknown>): Promise<T> {
  const envelope = await call;
  if (!envelope.ok) throw new Error(`call failed: ${JSON.stringify(envelope.error)}`);
  return envelope.value as T;
}
