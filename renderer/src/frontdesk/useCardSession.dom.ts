/** The card in this station's reader, live from main's card events (see cardSession.std.ts). */
import { useEffect, useReducer } from 'react';
import { on } from '../bridge/client.dom.js';
import { cardSessionReducer, idleSession, type CardAction, type CardSession } from './cardSession.std.js';

export function useCardSession(): [CardSession, (action: CardAction) => void] {
  const [session, dispatch] = useReducer(cardSessionReducer, idleSession);
  useEffect(() => {
    const offs = [
      on('card.text', (event) => dispatch({ type: 'text', event })),
      on('card.photo', (event) => dispatch({ type: 'photo', event })),
      on('card.extras', (event) => dispatch({ type: 'extras', readId: event.readId, extras: event.extras })),
      on('card.removed', (event) => dispatch({ type: 'removed', reader: event.reader })),
      on('card.error', (event) => dispatch({ type: 'error', event })),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, []);
  return [session, dispatch];
}
