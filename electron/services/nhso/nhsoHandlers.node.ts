/** Handlers of the NHSO authen feature (commands nhso.*). */
import type { Handlers } from '../dispatcher.node.js';
import type { AuthenService } from './authenService.node.js';

type NhsoHandlers = Pick<
  Handlers,
  | 'nhso.requestAuthen'
  | 'nhso.authenRequests'
  | 'nhso.markStored'
  | 'nhso.retryNow'
  | 'nhso.readRights'
  | 'nhso.latestAuthen'
  | 'nhso.settings'
  | 'nhso.setAgentUrl'
>;

export function nhsoHandlers(service: AuthenService): NhsoHandlers {
  return {
    'nhso.requestAuthen': (input) => service.request(input),
    'nhso.authenRequests': (input) => service.list(input.encounterIds),
    'nhso.markStored': (input) => service.markStored(input.id),
    'nhso.retryNow': () => service.retryNow(),
    'nhso.readRights': () => service.readRights(),
    'nhso.latestAuthen': (input) => service.latest(input.cid),
    'nhso.settings': () => service.settings(),
    'nhso.setAgentUrl': (input) => service.setAgentUrl(input.agentUrl),
  };
}
