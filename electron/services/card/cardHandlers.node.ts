/** Handlers of the card feature (commands card.*). */
import type { Handlers } from '../dispatcher.node.js';
import { EdgeError } from '../../contract/result.std.js';
import type { CardService } from './cardService.node.js';

type CardHandlers = Pick<Handlers, 'card.readers' | 'card.read' | 'card.markPhotoStored' | 'card.demoInsert' | 'card.demoRemove'>;

/** With the card feature off (`card: {backend: 'off'}`), every command says the service is not there. */
function cardOff(): never {
  throw new EdgeError('card_no_service', 'the card feature is off on this node');
}

export function cardHandlers(card: CardService | null): CardHandlers {
  if (card === null) {
    return {
      'card.readers': () => ({ backend: 'pcsc', service: 'down', readers: [] }),
      'card.read': cardOff,
      'card.markPhotoStored': cardOff,
      'card.demoInsert': cardOff,
      'card.demoRemove': cardOff,
    };
  }
  return {
    'card.readers': function cardReaders() {
      return card.status();
    },
    'card.read': function readCard(input) {
      return card.read(input);
    },
    'card.markPhotoStored': function markPhotoStored(input) {
      return card.markPhotoStored(input);
    },
    'card.demoInsert': function demoInsert(input) {
      return card.demoInsert(input);
    },
    'card.demoRemove': function demoRemove() {
      return card.demoRemove();
    },
  };
}
