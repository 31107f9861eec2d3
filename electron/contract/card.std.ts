/**
 * The Thai national ID card feature: what a read returns, the events a front desk listens to, and the
 * commands. The photo travels separately from the text (event `card.photo`) as base64: the text fills the form
 * at once, the photo follows when read; base64 because the loopback WebSocket bridge carries JSON only and
 * the JPEG is small (≤ 5.1 kB → ≤ 6.8 kB of text), so one payload shape serves both transports.
 */
import { z } from 'zod';
import { command } from './define.std.js';
import { CardText, PartialDate } from '../../drivers/card/cardRead.std.js';
import {
  CardErrorEvent,
  CardExtrasEvent,
  CardPhotoEvent,
  CardRemovedEvent,
  CardStatus,
  CardTextEvent,
} from '../../drivers/card/cardEvents.std.js';

// The card's own vocabulary lives with the driver that decodes it; the front desk reads it from here.
export {
  CardAddress,
  CardExtras,
  CardName,
  CardPhoto,
  CardRead,
  CardText,
  CardWarningSchema,
  NhsoRights,
  cardWarningText,
  type CardWarning,
} from '../../drivers/card/cardRead.std.js';
export {
  CardErrorEvent,
  CardExtrasEvent,
  CardPhotoEvent,
  CardReaderInfo,
  CardRemovedEvent,
  CardStatus,
  CardTextEvent,
} from '../../drivers/card/cardEvents.std.js';

export { demoIdentities } from '../../drivers/card/virtual/demoIdentities.std.js';

export const DemoCardAtr = z.enum(['3b67', '3b68', '3b79']);
export type DemoCardAtr = z.infer<typeof DemoCardAtr>;

export const cardCommands = {
  'card.readers': command(z.object({}).strict(), CardStatus),
  /** Reads the card again (the first present reader, or the one named). Text comes back; photo and extras follow as events. */
  'card.read': command(
    z.object({ reader: z.string().max(200).optional(), photo: z.boolean().default(true) }).strict(),
    z.object({ readId: z.string(), card: CardText }),
  ),
  /** The front desk stored this card's photo: next reads of the same cid and issue date skip the photo. */
  'card.markPhotoStored': command(
    z
      .object({
        cid: z.string().regex(/^\d{13}$/),
        issueDate: PartialDate.nullable(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      })
      .strict(),
    z.object({ stored: z.literal(true) }),
  ),
  /** Demo mode only: put a synthetic card in the virtual reader, or take it out. */
  'card.demoInsert': command(
    z.object({ identity: z.number().int().min(0).max(99).default(0), atr: DemoCardAtr.default('3b79') }).strict(),
    CardStatus,
  ),
  'card.demoRemove': command(z.object({}).strict(), CardStatus),
} as const;

export const cardEvents = {
  'card.status': CardStatus,
  'card.text': CardTextEvent,
  'card.extras': CardExtrasEvent,
  'card.photo': CardPhotoEvent,
  'card.removed': CardRemovedEvent,
  'card.error': CardErrorEvent,
} as const;
