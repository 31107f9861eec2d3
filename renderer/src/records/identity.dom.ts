/**
 * The page's side of patient identity: the Patient id of a CID comes from main (a keyed hash; the hospital key
 * never reaches the page), and merges of one person's records are audited there.
 */
import type { MergePlan } from '../../../sync/replication/patientMerge.std.js';
import { invoke, invokeOrThrow } from '../bridge/client.dom.js';

export async function patientIdFor(cid: string): Promise<string> {
  return (await invokeOrThrow('identity.patientId', { cid })).patientId;
}

/** Audits merges in main; a failure is logged, never undoes the merge. */
export async function auditMerges(plans: readonly MergePlan[]): Promise<void> {
  if (plans.length === 0) return;
  const merges = plans.map((plan) => ({ replacedId: plan.replaced.id, survivorId: plan.survivor.id }));
  for (let start = 0; start < merges.length; start += 1000) {
    const result = await invoke('identity.recordMerges', { merges: merges.slice(start, start + 1000) });
    if (!result.ok) console.warn('identity: merge audit failed', result.error.code);
  }
}
