import {
  PaymentUnavailableError,
  type ChargeRequest,
  type ChargeResult,
  type PaymentProvider,
} from './provider';

/** Pauses between attempts: an outage blip usually clears within a fraction of a second. */
export const CHARGE_RETRY_DELAYS_MS = [50, 150] as const;
/** The first try and one per pause. */
export const CHARGE_ATTEMPTS = CHARGE_RETRY_DELAYS_MS.length + 1;

/**
 * Charges, retrying only when the provider could not answer (PaymentUnavailableError), up to
 * `delaysMs.length` more times. A decline is final and is thrown at once. The same
 * idempotency key goes with every attempt so a charge that did land is not taken twice.
 */
export async function chargeWithRetry(
  provider: PaymentProvider,
  request: ChargeRequest,
  delaysMs: readonly number[] = CHARGE_RETRY_DELAYS_MS,
): Promise<ChargeResult> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await provider.charge(request);
    } catch (err) {
      const delay = delaysMs[attempt];
      if (!(err instanceof PaymentUnavailableError) || delay === undefined) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
