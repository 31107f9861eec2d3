/**
 * What the card reader service reports: the readers and their state, and one event per step of a read (text,
 * extras, photo, removal, error), each tagged with the read it belongs to.
 */
import { z } from 'zod';
import { cardErrorCodes, type CardErrorCode } from './cardErrors.std.js';
import { CardExtras, CardPhoto, CardText } from './cardRead.std.js';

const CardErrorCodeSchema = z.enum(cardErrorCodes as [CardErrorCode, ...CardErrorCode[]]);

export const CardReaderInfo = z.object({
  name: z.string(),
  present: z.boolean(),
  atr: z.string().nullable(),
  reading: z.boolean(),
});
export type CardReaderInfo = z.infer<typeof CardReaderInfo>;

export const CardStatus = z.object({
  /** Which card stack serves the station: real PC/SC, the demo virtual card, or none (service down). */
  backend: z.enum(['pcsc', 'virtual']),
  service: z.enum(['up', 'down']),
  readers: z.array(CardReaderInfo),
});
export type CardStatus = z.infer<typeof CardStatus>;

const ReadRef = { readId: z.string(), reader: z.string() };

export const CardTextEvent = z.object({ ...ReadRef, card: CardText });
export const CardExtrasEvent = z.object({ ...ReadRef, extras: CardExtras });
export const CardPhotoEvent = z.object({
  ...ReadRef,
  state: z.enum(['progress', 'done', 'skipped']),
  received: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** Only when state is 'done'. */
  photo: CardPhoto.nullable(),
  /** Why the photo was not read: the station already stored it for this cid and card issue date, or asked not to. */
  skipReason: z.enum(['already_stored', 'not_requested']).nullable(),
});
export const CardRemovedEvent = z.object({ reader: z.string(), readId: z.string().nullable() });
export const CardErrorEvent = z.object({
  reader: z.string(),
  readId: z.string().nullable(),
  code: CardErrorCodeSchema,
  message: z.string(),
});
export type CardTextEvent = z.infer<typeof CardTextEvent>;
export type CardExtrasEvent = z.infer<typeof CardExtrasEvent>;
export type CardPhotoEvent = z.infer<typeof CardPhotoEvent>;
export type CardRemovedEvent = z.infer<typeof CardRemovedEvent>;
export type CardErrorEvent = z.infer<typeof CardErrorEvent>;
