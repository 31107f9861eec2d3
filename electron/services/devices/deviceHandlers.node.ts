/** Handlers of the devices.* commands. */
import type { Handlers } from '../dispatcher.node.js';
import { EdgeError } from '../../contract/result.std.js';
import type { DeviceService } from './deviceService.node.js';
import type { DemoDevices } from './demoDevices.node.js';

type DeviceHandlers = Pick<
  Handlers,
  | 'devices.list'
  | 'devices.configure'
  | 'devices.listener'
  | 'devices.setCodeMap'
  | 'devices.codeMap'
  | 'devices.listeners'
  | 'devices.retention'
  | 'devices.pending'
  | 'devices.bind'
  | 'devices.binding'
  | 'devices.assign'
  | 'devices.confirm'
  | 'devices.discard'
  | 'devices.simulate'
>;

/** `demo`: the simulated devices, on a demo station only. */
export function deviceHandlers(service: DeviceService, demo: () => DemoDevices | undefined): DeviceHandlers {
  return {
    'devices.list': function listDevices() {
      return service.list();
    },
    'devices.configure': function configurePort(input) {
      return service.configure(input.port, input.profile, input.enabled, input.dialect);
    },
    'devices.setCodeMap': function setCodeMap(input) {
      return service.setCodeMap(input.entries);
    },
    'devices.codeMap': function codeMap() {
      return service.settings.codeMap();
    },
    'devices.listener': function setListener(input) {
      return service.setListener(input);
    },
    'devices.listeners': function listListeners() {
      return service.settings.listeners();
    },
    'devices.retention': function setRetention(input) {
      return service.setRetention(input.days);
    },
    'devices.pending': function pendingReadings(input) {
      return service.pending(input);
    },
    'devices.bind': function bindStation(input) {
      return service.bind(input.patientRef);
    },
    'devices.binding': function currentBinding() {
      return service.binding();
    },
    'devices.assign': function assignReading(input) {
      return service.assign(input);
    },
    'devices.confirm': function confirmReading(input) {
      return service.confirm(input.id, input.patientRef, input.chartedIds);
    },
    'devices.discard': function discardReading(input) {
      return service.discard(input.id, input.reason);
    },
    'devices.simulate': function simulateReading(input) {
      const devices = demo();
      if (devices === undefined) throw new EdgeError('device_demo_only', 'devices.simulate needs a demo station');
      return { sent: devices.send(input.profile) };
    },
  };
}
