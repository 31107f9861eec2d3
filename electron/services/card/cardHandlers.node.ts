/** Handlers of the card feature (commands card.*). */
import type { Handlers } from '../dispatcher.node.js';
import { EdgeError } from '../../contract/result.std.js';
import type { CardService } from './cardService.node.js';

type CardHandlers = Pick<
  Handlers,
  'card.readers' | 'card.read' | 'card.markPhotoStored' | 'card.demoInsert' | 'card.demoRemove'
>;

/** With the card feature off (`card: {backend: 'off'}`), every command says the service is not there. */
function cardOff(): never {
  throw new EdgeError('card_no_service', 'the card feature is off on this node');
}

/** `current`: the card service now (a station set up as demo gets a new one); `demo`: whether the station is a demo station. */
export function cardHandlers(current: () => CardService | null, demo: () => boolean): CardHandlers {
  function service(): CardService {
    return current() ?? cardOff();
  }
  /** The virtual card is a demo station's only: a real station never reads a made-up card. */
  function demoCard(): CardService {
    const card = service();
    if (!demo()) throw new EdgeError('card_demo_only', 'not a demo station');
    return card;
  }
  return {
    'card.readers': function cardReaders() {
      return current()?.status() ?? { backend: 'pcsc', service: 'down', readers: [] };
    },
    'card.read': function readCard(input) {
      return service().read(input);
    },
    'card.markPhotoStored': function markPhotoStored(input) {
      return service().markPhotoStored(input);
    },
    'card.demoInsert': function demoInsert(input) {
      return demoCard().demoInsert(input);
    },
    'card.demoRemove': function demoRemove() {
      return demoCard().demoRemove();
    },
  };
}
