/**
 * What the front desk shows about the card in the reader, as a pure reducer over the card events.
 * Taking the card out clears everything of that patient that was not saved: nothing stays on screen
 * for the next person.
 */
import type {
  CardErrorEvent,
  CardExtras,
  CardPhotoEvent,
  CardText,
  CardTextEvent,
} from '../../../electron/contract/card.std.js';

export type CardPhase = 'idle' | 'ready' | 'error';

export interface PhotoState {
  readonly state: 'waiting' | 'progress' | 'done' | 'skipped';
  readonly received: number;
  readonly total: number;
  readonly base64: string | null;
  readonly sha256: string | null;
}

export interface CardSession {
  readonly phase: CardPhase;
  readonly reader: string | null;
  readonly readId: string | null;
  readonly card: CardText | null;
  readonly photo: PhotoState;
  readonly extras: CardExtras | null;
  readonly errorCode: string | null;
}

export type CardAction =
  | { readonly type: 'text'; readonly event: CardTextEvent }
  | { readonly type: 'photo'; readonly event: CardPhotoEvent }
  | { readonly type: 'extras'; readonly readId: string; readonly extras: CardExtras }
  | { readonly type: 'removed'; readonly reader: string }
  | { readonly type: 'error'; readonly event: CardErrorEvent }
  | { readonly type: 'clear' };

const noPhoto: PhotoState = { state: 'waiting', received: 0, total: 0, base64: null, sha256: null };

export const idleSession: CardSession = {
  phase: 'idle',
  reader: null,
  readId: null,
  card: null,
  photo: noPhoto,
  extras: null,
  errorCode: null,
};

export function cardSessionReducer(session: CardSession, action: CardAction): CardSession {
  switch (action.type) {
    case 'text':
      return {
        ...idleSession,
        phase: 'ready',
        reader: action.event.reader,
        readId: action.event.readId,
        card: action.event.card,
      };
    case 'photo': {
      // Events of an older read (a card swapped quickly) never land on the current patient.
      if (action.event.readId !== session.readId) return session;
      const { state, received, total, photo } = action.event;
      return {
        ...session,
        photo: { state, received, total, base64: photo?.base64 ?? null, sha256: photo?.sha256 ?? null },
      };
    }
    case 'extras':
      return action.readId === session.readId ? { ...session, extras: action.extras } : session;
    case 'removed':
      return session.reader === null || session.reader === action.reader ? idleSession : session;
    case 'error':
      // The read the removal cut short says so after the removal: the card is out, nothing more to say.
      if (action.event.code === 'card_removed' && session.phase === 'idle') return session;
      // A fault during a read leaves no partial patient: the form is dropped with the error shown.
      return { ...idleSession, phase: 'error', reader: action.event.reader, errorCode: action.event.code };
    case 'clear':
      return idleSession;
  }
}

/** Save may go ahead once the photo is in, skipped, or the card carried none we will wait for. */
export function photoSettled(photo: PhotoState): boolean {
  return photo.state === 'done' || photo.state === 'skipped';
}
