/** The state of the link to central as the header and the IT dashboard show it. */
import { z } from 'zod';

export const LinkStatus = z.enum(['unconfigured', 'offline', 'connecting', 'syncing', 'up_to_date', 'error']);
export type LinkStatus = z.infer<typeof LinkStatus>;

export const LinkState = z.object({
  status: LinkStatus,
  /** Error code from the sync catalogue when status is 'error'. */
  errorCode: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  pending: z.number().int().nonnegative(),
});
export type LinkState = z.infer<typeof LinkState>;

export const linkEvents = {
  'link.changed': LinkState,
} as const;
